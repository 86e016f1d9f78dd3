using System.Globalization;
using System.Text;
using TaskWatch.Core;
using TaskWatch.Storage;

namespace TaskWatch.Api;

/// <summary>
/// <c>/api/history.csv</c>: the history page's search (same query keys) as CSV, streamed row by row
/// so hundreds of thousands of jobs never sit in memory. Cloud text is untrusted: a cell a
/// spreadsheet would run as a formula is prefixed with an apostrophe.
/// </summary>
public static class HistoryExportEndpoints
{
    private static readonly string[] Header =
    [
        "project", "job_id", "service", "name", "status", "progress", "created_utc", "ended_utc", "instance_id", "instance_name",
        "fail_reason", "tracking", "registered_utc", "last_read_utc", "last_error",
    ];

    public static IEndpointRouteBuilder MapHistoryExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/history.csv", ExportAsync).WithTags("Jobs").WithName("ExportHistory").WithSummary("The history search as CSV (same filters as /history).")
            .WithDescription("Streamed row by row. Query keys as on the /history page; a value that cannot be read is ignored, as there.")
            .WithQueryParameter("from", ApiOperationDocs.Time(), "Created at or after this time (UTC).")
            .WithQueryParameter("to", ApiOperationDocs.Time(), "Created before this time (UTC).")
            .WithEnumQueryParameter<JobState>("status", "The job's last read state.")
            .WithEnumQueryParameter<CloudService>("service", "The cloud service.")
            .WithQueryParameter("project", ApiOperationDocs.Text(), "A configured project name.")
            .WithQueryParameter("name", ApiOperationDocs.Text(), "The job's name.")
            .WithQueryParameter("instance", ApiOperationDocs.Text(), "Part of the instance's name, any case (instanceId for one instance exactly).")
            .WithQueryParameter("instanceId", ApiOperationDocs.Text(), "Exactly this instance's jobs (its id), as the instance page links to the history.")
            .WithQueryParameter("q", ApiOperationDocs.Text(), "Free text over id, name and instance.")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .WithApiProblems();
        return app;
    }

    private static async Task ExportAsync(HttpContext context, JobQueries queries, CancellationToken cancellationToken)
    {
        var query = HistoryQuery.FromQuery(context.Request.QueryString.Value);
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = "attachment; filename=\"taskwatch-history.csv\"";
        await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(false), 64 * 1024, leaveOpen: true);
        await writer.WriteAsync(Line(Header)).ConfigureAwait(false);
        await foreach (var j in queries.StreamAsync(query.ToSearch(), cancellationToken).ConfigureAwait(false))
        {
            var phase = j.ShownPhase;
            await writer.WriteAsync(Line(
            [
                j.Project, j.JobId, j.Service.ToString(), j.Name, JobStatusText.Of(j.State, j.StatusWord, phase),
                j.Progress?.ToString(CultureInfo.InvariantCulture), Time(j.CreatedUtc), Time(j.EndedUtc), j.InstanceId, j.InstanceName,
                j.FailReason, j.IsTracking ? "true" : "false", Time(j.RegisteredUtc), Time(j.LastReadUtc), j.LastError,
            ])).ConfigureAwait(false);
        }

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One CSV line (RFC 4180 quoting, CRLF), each cell made safe for spreadsheets.</summary>
    public static string Line(IReadOnlyList<string?> cells)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            sb.Append(Cell(cells[i]));
        }

        return sb.Append("\r\n").ToString();
    }

    public static string Cell(string? value)
    {
        var text = value ?? string.Empty;
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text;
        }

        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    private static string? Time(DateTime? utc) => utc?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}

using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TaskWatch.Operations;

/// <summary><c>/healthz</c> as JSON: the overall status and each check's status and description (the accounts check also lists its accounts).</summary>
public static class HealthReportWriter
{
    public static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        writer.WriteString("status", report.Status.ToString());
        // Which checks failed, by name, first: what a probe's log or an alert shows of the answer.
        writer.WriteStartArray("failed");
        foreach (var (name, _) in report.Entries.Where(e => e.Value.Status == HealthStatus.Unhealthy))
        {
            writer.WriteStringValue(name);
        }

        writer.WriteEndArray();
        writer.WriteStartObject("checks");
        foreach (var (name, entry) in report.Entries)
        {
            writer.WriteStartObject(name);
            writer.WriteString("status", entry.Status.ToString());
            // A check that threw has the exception's text as its description (the framework's): that stays in the log,
            // where the health-check service writes it with the exception.
            writer.WriteString("description", entry.Exception is null ? entry.Description : "The check failed unexpectedly (details in the log).");
            if (entry.Data.TryGetValue(DatabaseHealthCheck.CategoryKey, out var category) && category is string kind)
            {
                writer.WriteString(DatabaseHealthCheck.CategoryKey, kind);
            }

            if (entry.Data.TryGetValue(AccountsHealthCheck.HeldAccountsKey, out var held) && held is string[] accounts)
            {
                writer.WriteStartArray(AccountsHealthCheck.HeldAccountsKey);
                foreach (var account in accounts)
                {
                    writer.WriteStringValue(account);
                }

                writer.WriteEndArray();
            }
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }
}

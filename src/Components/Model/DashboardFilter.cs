using Microsoft.AspNetCore.WebUtilities;
using TaskWatch.Core;

namespace TaskWatch.Components.Model;

/// <summary>The dashboard's filters; they live in the URL so a filtered view can be shared.</summary>
public sealed record DashboardFilter(CloudService? Service = null, string? Project = null, StatusFilter? Status = null, string? Text = null, JobSortColumn? Sort = null, bool Descending = false)
{
    public static DashboardFilter FromQuery(string? query)
    {
        var q = QueryHelpers.ParseQuery(query);
        return new DashboardFilter(
            Enum.TryParse<CloudService>(q.GetValueOrDefault("service").ToString(), true, out var s) && Enum.IsDefined(s) ? s : null,
            NullIfEmpty(q.GetValueOrDefault("project").ToString()),
            Enum.TryParse<StatusFilter>(q.GetValueOrDefault("status").ToString(), true, out var st) && Enum.IsDefined(st) ? st : null,
            NullIfEmpty(q.GetValueOrDefault("q").ToString()),
            Enum.TryParse<JobSortColumn>(q.GetValueOrDefault("sort").ToString(), true, out var sort) && Enum.IsDefined(sort) ? sort : null,
            q.GetValueOrDefault("desc").ToString() == "1");
    }

    public string ToQuery(string path)
    {
        var values = new Dictionary<string, string?>();
        if (Service is { } s)
        {
            values["service"] = s.ToString();
        }

        if (Project is { } p)
        {
            values["project"] = p;
        }

        if (Status is { } st)
        {
            values["status"] = st.ToString();
        }

        if (Text is { } t)
        {
            values["q"] = t;
        }

        if (Sort is { } sort)
        {
            values["sort"] = sort.ToString();
            if (Descending)
            {
                values["desc"] = "1";
            }
        }

        return QueryHelpers.AddQueryString(path, values);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

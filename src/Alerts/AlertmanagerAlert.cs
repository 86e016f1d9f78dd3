using System.Globalization;
using System.Text.Json.Nodes;

namespace TaskWatch.Alerts;

/// <summary>
/// The body of Prometheus Alertmanager's <c>POST /api/v2/alerts</c>: one alert whose labels (alertname, project,
/// service, job name, job id, event, instance) are its identity, annotations carrying the reason and the job's
/// link. A firing alert ends by itself after the channel's <c>ResolveAfter</c> (Alertmanager needs an end, or it
/// resolves the alert after its own resolve_timeout); a resolve is the same labels with <c>endsAt</c> now.
/// </summary>
public static class AlertmanagerAlert
{
    /// <summary>The path under the channel's URL (the Alertmanager's base address).</summary>
    public const string AlertsPath = "api/v2/alerts";

    /// <summary>The longest label value sent; Alertmanager takes any UTF-8, but a label is an identity, not a story.</summary>
    public const int MaxLabel = 120;

    public static string Build(AlertRequest r, Uri? link)
    {
        var job = r.Job;
        var labels = new JsonObject
        {
            ["alertname"] = $"TaskWatchJob{r.Event}",
            ["event"] = r.Event.ToString(),
            ["project"] = job.Key.Project,
            ["service"] = job.Service.ToString(),
            ["job_id"] = job.Key.JobId,
            ["job_name"] = AlertText.Bound(string.IsNullOrWhiteSpace(job.Name) ? job.Key.JobId : job.Name, MaxLabel),
        };
        if (AlertText.Bound(job.InstanceName ?? job.InstanceId, MaxLabel) is { Length: > 0 } instance)
        {
            labels["instance"] = instance;
        }

        var annotations = new JsonObject
        {
            ["summary"] = AlertPayloads.Headline(r),
            ["reason"] = AlertPayloads.Detail(r),
        };
        if (link is not null)
        {
            annotations["link"] = link.AbsoluteUri;
        }

        // runbook_url: the annotation Alertmanager's and Grafana's templates know (it holds one address: the first);
        // runbooks: every one with its title, or that there is none, for a template that prints it.
        if (r.Runbooks.Count > 0)
        {
            annotations["runbook_url"] = r.Runbooks[0].Url.AbsoluteUri;
        }

        if (AlertPayloads.NamesRunbooks(r))
        {
            annotations["runbooks"] = AlertPayloads.RunbookLine(r);
        }

        var alert = new JsonObject
        {
            ["labels"] = labels,
            ["annotations"] = annotations,
            ["startsAt"] = Iso(r.OccurredUtc),
            ["endsAt"] = Iso(r.Resolved ? r.OccurredUtc : r.OccurredUtc + r.Channel.ResolveAfter),
        };
        if (link is not null)
        {
            alert["generatorURL"] = link.AbsoluteUri;
        }

        return new JsonArray { alert }.ToJsonString();
    }

    private static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}

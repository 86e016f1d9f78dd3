using System.Globalization;
using System.Text.Json.Nodes;
using TaskWatch.Insight;

namespace TaskWatch.Alerts;

/// <summary>The body each kind of channel accepts. Cloud text (names, reasons) is data, escaped for each format.</summary>
public static class AlertPayloads
{
    public static string Build(AlertRequest request, Uri? link) => request.Channel.Kind switch
    {
        AlertChannelKind.Slack => Slack(request, link),
        AlertChannelKind.Teams => Teams(request, link),
        _ => Webhook(request, link),
    };

    public static string Headline(AlertRequest r)
    {
        var job = r.Job;
        var name = string.IsNullOrWhiteSpace(job.Name) ? job.Key.JobId : job.Name.Trim();
        var what = r.Event switch
        {
            AlertEvent.Failed => "failed",
            AlertEvent.Completed => "completed",
            AlertEvent.NotFound => "is not found in the task center",
            _ => "is overdue",
        };
        return $"{job.Service.ToString().ToUpperInvariant()} job {name} in {job.Key.Project} {what}";
    }

    private static string Detail(AlertRequest r) => r.Event switch
    {
        AlertEvent.Failed => r.Job.FailReason is { Length: > 0 } reason ? $"Reason: {reason}" : "No reason given by the cloud.",
        AlertEvent.Overdue => r.Job.OverdueReason ?? "Running longer than usual.",
        AlertEvent.Completed when r.Job is { CreatedUtc: { } c, EndedUtc: { } e } => $"Took {DurationText.Of(e - c)}.",
        AlertEvent.NotFound => "The task center does not know this job id (after the grace period).",
        _ => string.Empty,
    };

    public static string Webhook(AlertRequest r, Uri? link)
    {
        var job = r.Job;
        var body = new JsonObject
        {
            ["event"] = r.Event.ToString(),
            ["rule"] = r.Rule,
            ["occurred"] = Iso(r.OccurredUtc),
            ["state"] = job.StatusText,
            ["failReason"] = job.FailReason,
            ["link"] = link?.AbsoluteUri,
            ["job"] = new JsonObject
            {
                ["project"] = job.Key.Project,
                ["jobId"] = job.Key.JobId,
                ["service"] = job.Service.ToString(),
                ["name"] = job.Name?.Trim(),
                ["status"] = job.StatusText,
                ["progress"] = job.Progress,
                ["instanceId"] = job.InstanceId,
                ["instanceName"] = job.InstanceName,
                ["created"] = job.CreatedUtc is { } c ? Iso(c) : null,
                ["ended"] = job.EndedUtc is { } e ? Iso(e) : null,
                ["overdue"] = job.IsOverdue,
                ["overdueReason"] = job.OverdueReason,
            },
        };
        return body.ToJsonString();
    }

    public static string Slack(AlertRequest r, Uri? link)
    {
        var headline = Headline(r);
        var text = $"*{SlackEscape(headline)}*\n{SlackEscape(Detail(r))}";
        if (r.Job.InstanceName is { } instance)
        {
            text += $"\nInstance: {SlackEscape(instance)}";
        }

        var blocks = new JsonArray
        {
            new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = text } },
        };
        if (link is not null)
        {
            blocks.Add(new JsonObject
            {
                ["type"] = "context",
                ["elements"] = new JsonArray { new JsonObject { ["type"] = "mrkdwn", ["text"] = $"<{link.AbsoluteUri}|Open in TaskWatch>" } },
            });
        }

        return new JsonObject { ["text"] = $"{headline}. {Detail(r)}", ["blocks"] = blocks }.ToJsonString();
    }

    public static string Teams(AlertRequest r, Uri? link)
    {
        var job = r.Job;
        var facts = new JsonArray
        {
            Fact("Project", job.Key.Project),
            Fact("Job id", job.Key.JobId),
            Fact("Status", job.StatusText),
        };
        if (job.InstanceName is { } instance)
        {
            facts.Add(Fact("Instance", instance));
        }

        var card = new JsonObject
        {
            ["@type"] = "MessageCard",
            ["@context"] = "https://schema.org/extensions",
            ["summary"] = Headline(r),
            ["themeColor"] = r.Event == AlertEvent.Completed ? "2E7D32" : "C62828",
            ["title"] = Headline(r),
            ["text"] = Detail(r),
            ["sections"] = new JsonArray { new JsonObject { ["facts"] = facts } },
        };
        if (link is not null)
        {
            card["potentialAction"] = new JsonArray
            {
                new JsonObject
                {
                    ["@type"] = "OpenUri",
                    ["name"] = "Open in TaskWatch",
                    ["targets"] = new JsonArray { new JsonObject { ["os"] = "default", ["uri"] = link.AbsoluteUri } },
                },
            };
        }

        return card.ToJsonString();
    }

    private static JsonObject Fact(string name, string value) => new() { ["name"] = name, ["value"] = value };

    private static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Slack's three control characters; anything else in cloud text is shown as is.</summary>
    private static string SlackEscape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}

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
        AlertChannelKind.Teams => TeamsCard.Build(request, link),
        AlertChannelKind.Alertmanager => AlertmanagerAlert.Build(request, link),
        _ => Webhook(request, link),
    };

    /// <summary>"RDS job NAME in PROJECT failed": plain text, the name bounded; each format escapes it.</summary>
    public static string Headline(AlertRequest r)
    {
        var job = r.Job;
        var name = string.IsNullOrWhiteSpace(job.Name) ? job.Key.JobId : AlertText.Bound(job.Name, AlertText.MaxName);
        var what = r.Event switch
        {
            AlertEvent.Failed => "failed",
            AlertEvent.Completed => "completed",
            AlertEvent.NotFound => "is not found in the task center",
            _ => "is overdue",
        };
        return r.Resolved
            ? $"{job.Service.ToString().ToUpperInvariant()} job {name} in {job.Key.Project} {what}: resolved"
            : $"{job.Service.ToString().ToUpperInvariant()} job {name} in {job.Key.Project} {what}";
    }

    /// <summary>What an alert that needs someone says when no configured runbook applies.</summary>
    public const string NoRunbook = "No runbook for this (TaskWatch:Runbooks).";

    /// <summary>
    /// A failure, an overdue or a missing job needs someone: every channel names its runbooks or says there is none.
    /// A completion or a resolve needs nobody, and says nothing of runbooks.
    /// </summary>
    public static bool NamesRunbooks(AlertRequest r) => !r.Resolved && r.Event != AlertEvent.Completed;

    /// <summary>"Runbook: Title https://…, Title https://…" or <see cref="NoRunbook"/>, plain text (titles bounded, one line each).</summary>
    public static string RunbookLine(AlertRequest r) => r.Runbooks.Count == 0
        ? NoRunbook
        : "Runbook: " + string.Join(", ", r.Runbooks.Select(b => $"{RunbookTitle(b)} {b.Url.AbsoluteUri}"));

    /// <summary>A runbook's configured title, bounded and on one line: configuration, but shown to people, so treated as text.</summary>
    public static string RunbookTitle(RunbookLink runbook) => AlertText.Bound(runbook.Title, AlertText.MaxName);

    /// <summary>The reason or what happened, plain text, bounded.</summary>
    public static string Detail(AlertRequest r) => AlertText.Bound(
        r.Resolved ? $"No longer {(r.Event == AlertEvent.NotFound ? "missing" : "overdue")}: now {r.Job.StatusText}." : r.Event switch
        {
            AlertEvent.Failed => r.Job.FailReason is { Length: > 0 } reason ? $"Reason: {reason}" : "No reason given by the cloud.",
            AlertEvent.Overdue => r.Job.OverdueReason ?? "Running longer than usual.",
            AlertEvent.Completed when r.Job is { CreatedUtc: { } c, EndedUtc: { } e } => $"Took {DurationText.Of(e - c)}.",
            AlertEvent.NotFound => "The task center does not know this job id (after the grace period).",
            _ => string.Empty,
        },
        AlertText.MaxReason);

    public static string Webhook(AlertRequest r, Uri? link)
    {
        var job = r.Job;
        var body = new JsonObject
        {
            ["event"] = r.Event.ToString(),
            ["rule"] = r.Rule,
            ["occurred"] = Iso(r.OccurredUtc),
            ["state"] = job.StatusText,
            ["failReason"] = job.FailReason is null ? null : AlertText.Bound(job.FailReason, AlertText.MaxReason),
            ["link"] = link?.AbsoluteUri,
            ["runbooks"] = new JsonArray([.. r.Runbooks.Select(b => (JsonNode)new JsonObject { ["title"] = RunbookTitle(b), ["url"] = b.Url.AbsoluteUri })]),
            // The same in words for a bot that posts the line as it is: "Runbook: …" or "No runbook for this …"; null
            // for a completion or a resolve.
            ["runbookText"] = NamesRunbooks(r) ? RunbookLine(r) : null,
            ["job"] = new JsonObject
            {
                ["project"] = job.Key.Project,
                ["jobId"] = job.Key.JobId,
                ["service"] = job.Service.ToString(),
                ["name"] = job.Name is null ? null : AlertText.Bound(job.Name, AlertText.MaxName),
                ["status"] = job.StatusText,
                ["progress"] = job.Progress,
                ["instanceId"] = job.InstanceId,
                ["instanceName"] = job.InstanceName is null ? null : AlertText.Bound(job.InstanceName, AlertText.MaxName),
                ["created"] = job.CreatedUtc is { } c ? Iso(c) : null,
                ["ended"] = job.EndedUtc is { } e ? Iso(e) : null,
                ["overdue"] = job.IsOverdue,
                ["overdueReason"] = job.OverdueReason is null ? null : AlertText.Bound(job.OverdueReason, AlertText.MaxReason),
            },
        };
        return body.ToJsonString();
    }

    /// <summary>
    /// Slack: the cloud's text only in <c>plain_text</c> objects (no mrkdwn, no links, no mentions) and in the
    /// notification's fallback <c>text</c>, which Slack reads as mrkdwn and so gets escaped for it.
    /// </summary>
    public static string Slack(AlertRequest r, Uri? link)
    {
        var headline = Headline(r);
        var detail = Detail(r);
        if (!string.IsNullOrWhiteSpace(r.Job.InstanceName))
        {
            detail += $"\nInstance: {AlertText.Bound(r.Job.InstanceName, AlertText.MaxName)}";
        }

        var blocks = new JsonArray
        {
            // A header block holds at most 150 characters (more and Slack refuses the whole message), counted after neutralising.
            new JsonObject { ["type"] = "header", ["text"] = SlackPlain(headline, 150) },
            new JsonObject { ["type"] = "section", ["text"] = SlackPlain(detail) },
        };
        if (link is not null)
        {
            blocks.Add(new JsonObject
            {
                ["type"] = "context",
                ["elements"] = new JsonArray { new JsonObject { ["type"] = "mrkdwn", ["text"] = $"<{link.AbsoluteUri}|Open in TaskWatch>" } },
            });
        }

        if (NamesRunbooks(r))
        {
            blocks.Add(new JsonObject
            {
                ["type"] = "context",
                ["elements"] = new JsonArray
                {
                    new JsonObject { ["type"] = "mrkdwn", ["text"] = RunbookText(r) },
                },
            });
        }

        return new JsonObject { ["text"] = AlertText.SlackMrkdwn($"{headline}. {Detail(r)}"), ["blocks"] = blocks }.ToJsonString();
    }

    /// <summary>"Runbook: link, link" in Slack's mrkdwn (the configured title escaped), or "No runbook for this." said aloud.</summary>
    private static string RunbookText(AlertRequest r) => r.Runbooks.Count == 0
        ? NoRunbook
        : "Runbook: " + string.Join(", ", r.Runbooks.Select(b => $"<{b.Url.AbsoluteUri}|{AlertText.SlackMrkdwn(RunbookTitle(b)).Replace("|", "¦", StringComparison.Ordinal)}>"));

    // plain_text is never parsed, but "<!channel>" is broken up and "@here" neutralised all the same: belt and braces.
    // The section's text (at most about 2,400 characters after neutralising, under Slack's 3,000) keeps its line breaks.
    private static JsonObject SlackPlain(string text, int? max = null) => new()
    {
        ["type"] = "plain_text",
        ["text"] = Neutralised(text) is var safe && max is { } m ? AlertText.Bound(safe, m) : safe,
        ["emoji"] = false,
    };

    private static string Neutralised(string text) => AlertText.NeutraliseMentions(text).Replace("<", "<\u2060", StringComparison.Ordinal);

    private static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

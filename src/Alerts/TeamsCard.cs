using System.Text.Json.Nodes;

namespace TaskWatch.Alerts;

/// <summary>
/// Microsoft Teams bodies. A Workflows webhook ("Post to a channel when a webhook request is received") takes a
/// message with an Adaptive Card; the retired Office 365 connectors took a MessageCard. Which one a channel gets
/// is told by its URL (<see cref="IsConnectorUrl"/>): nothing new to configure when a team moves to Workflows.
/// In the Adaptive Card, cloud text sits only in <c>TextRun</c>s, which Teams renders without Markdown.
/// </summary>
public static class TeamsCard
{
    /// <summary>An Office 365 connector's URL (<c>*.webhook.office.com</c>, <c>outlook.office.com</c>): these get the MessageCard.</summary>
    public static bool IsConnectorUrl(Uri url) =>
        url.Host.EndsWith(".webhook.office.com", StringComparison.OrdinalIgnoreCase)
        || url.Host.Equals("outlook.office.com", StringComparison.OrdinalIgnoreCase)
        || url.Host.Equals("outlook.office365.com", StringComparison.OrdinalIgnoreCase);

    public static string Build(AlertRequest r, Uri? link) =>
        IsConnectorUrl(r.Channel.Url) ? MessageCard(r, link) : AdaptiveCard(r, link);

    public static string AdaptiveCard(AlertRequest r, Uri? link)
    {
        var body = new JsonArray
        {
            Rich(Run(AlertPayloads.Headline(r), bold: true, color: r.Event == AlertEvent.Completed ? "Good" : "Attention")),
            Rich(Run(AlertPayloads.Detail(r))),
        };
        foreach (var (name, value) in Facts(r))
        {
            body.Add(Rich(Run(name + ": ", bold: true), Run(value)));
        }

        var actions = new JsonArray();
        if (link is not null)
        {
            actions.Add(new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = "Open in TaskWatch", ["url"] = link.AbsoluteUri });
        }

        // What to do: a line in the body (runbooks' titles, or that there is none) and a button per runbook.
        if (AlertPayloads.NamesRunbooks(r))
        {
            body.Add(r.Runbooks.Count == 0
                ? Rich(Run(AlertPayloads.NoRunbook))
                : Rich(Run("Runbook: ", bold: true), Run(string.Join(", ", r.Runbooks.Select(AlertPayloads.RunbookTitle)))));
            foreach (var runbook in r.Runbooks)
            {
                actions.Add(new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = "Runbook: " + AlertPayloads.RunbookTitle(runbook), ["url"] = runbook.Url.AbsoluteUri });
            }
        }

        var card = new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = "1.4",
            ["body"] = body,
        };
        if (actions.Count > 0)
        {
            card["actions"] = actions;
        }

        return new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray
            {
                new JsonObject { ["contentType"] = "application/vnd.microsoft.card.adaptive", ["contentUrl"] = null, ["content"] = card },
            },
        }.ToJsonString();
    }

    public static string MessageCard(AlertRequest r, Uri? link)
    {
        var facts = new JsonArray();
        foreach (var (name, value) in Facts(r))
        {
            facts.Add(new JsonObject { ["name"] = name, ["value"] = AlertText.ConnectorMarkdown(value) });
        }

        var actions = new JsonArray();
        if (link is not null)
        {
            actions.Add(OpenUri("Open in TaskWatch", link));
        }

        // What to do: a fact (runbooks' titles, or that there is none) and a button per runbook.
        if (AlertPayloads.NamesRunbooks(r))
        {
            facts.Add(new JsonObject
            {
                ["name"] = "Runbook",
                ["value"] = AlertText.ConnectorMarkdown(r.Runbooks.Count == 0 ? AlertPayloads.NoRunbook : string.Join(", ", r.Runbooks.Select(AlertPayloads.RunbookTitle))),
            });
            foreach (var runbook in r.Runbooks)
            {
                actions.Add(OpenUri("Runbook: " + AlertPayloads.RunbookTitle(runbook), runbook.Url));
            }
        }

        var headline = AlertText.ConnectorMarkdown(AlertPayloads.Headline(r));
        var card = new JsonObject
        {
            ["@type"] = "MessageCard",
            ["@context"] = "https://schema.org/extensions",
            ["summary"] = headline,
            ["themeColor"] = r.Event == AlertEvent.Completed ? "2E7D32" : "C62828",
            ["title"] = headline,
            ["text"] = AlertText.ConnectorMarkdown(AlertPayloads.Detail(r)),
            ["sections"] = new JsonArray { new JsonObject { ["facts"] = facts } },
        };
        if (actions.Count > 0)
        {
            card["potentialAction"] = actions;
        }

        return card.ToJsonString();
    }

    private static JsonObject OpenUri(string name, Uri target) => new()
    {
        ["@type"] = "OpenUri",
        ["name"] = name,
        ["targets"] = new JsonArray { new JsonObject { ["os"] = "default", ["uri"] = target.AbsoluteUri } },
    };

    private static IEnumerable<(string Name, string Value)> Facts(AlertRequest r)
    {
        yield return ("Project", r.Job.Key.Project);
        yield return ("Job id", r.Job.Key.JobId);
        yield return ("Status", AlertText.Bound(r.Job.StatusText, AlertText.MaxName));
        if (!string.IsNullOrWhiteSpace(r.Job.InstanceName))
        {
            yield return ("Instance", AlertText.Bound(r.Job.InstanceName, AlertText.MaxName));
        }
    }

    private static JsonObject Rich(params JsonObject[] runs) => new() { ["type"] = "RichTextBlock", ["inlines"] = new JsonArray(runs) };

    private static JsonObject Run(string text, bool bold = false, string? color = null)
    {
        var run = new JsonObject { ["type"] = "TextRun", ["text"] = AlertText.NeutraliseMentions(text) };
        if (bold)
        {
            run["weight"] = "Bolder";
        }

        if (color is not null)
        {
            run["color"] = color;
        }

        return run;
    }
}

using System.Text.Json;
using Microsoft.Extensions.Configuration;
using TaskWatch.Alerts;
using TaskWatch.Core;
using TaskWatch.Hosting;
using TaskWatch.Insight;

namespace TaskWatch.Tests.Alerts;

/// <summary>
/// Every alert channel names what to do about a failure: the matched runbooks' links, or "no runbook" said plainly;
/// a completion says nothing of runbooks. A runbook's title is shown to people and escaped as the cloud's text is.
/// </summary>
public sealed class AlertRunbookTests
{
    private static readonly Uri Link = new("https://tw.example.com/jobs/prod/1#ack");
    private static readonly RunbookLink DiskFull = new("Disk full", new Uri("https://wiki.example.com/runbooks/disk-full"));
    private static readonly RunbookLink Quota = new("EVS quota", new Uri("https://wiki.example.com/runbooks/quota?team=db"));

    private static AlertRequest Request(AlertChannelKind kind, string url, IReadOnlyList<RunbookLink> runbooks, AlertEvent e = AlertEvent.Failed) => new(
        new JobView
        {
            Key = new JobKey("prod", "1"),
            Service = CloudService.Rds,
            Name = "ResizeFlavor",
            State = e == AlertEvent.Completed ? JobState.Completed : JobState.Failed,
            Phase = PollPhase.Done,
            FailReason = "The disk is full.",
        },
        e,
        "r",
        new AlertChannel("c", kind, new Uri(url)),
        new DateTime(2026, 12, 4, 12, 0, 0, DateTimeKind.Utc))
    { Runbooks = runbooks };

    private static JsonElement Body(AlertRequest request) => JsonDocument.Parse(AlertPayloads.Build(request, Link)).RootElement;

    private const string WebhookUrl = "https://hooks.example.com/a";
    private const string SlackUrl = "https://hooks.slack.com/services/x";
    private const string WorkflowsUrl = "https://prod-01.westeurope.logic.azure.com/workflows/abc/triggers/manual/paths/invoke?sig=s";
    private const string ConnectorUrl = "https://contoso.webhook.office.com/webhookb2/x";
    private const string AlertmanagerUrl = "http://127.0.0.1:9093/";

    [Fact]
    public void Webhook_CarriesEveryRunbook_AndSaysWhenThereIsNone()
    {
        var body = Body(Request(AlertChannelKind.Webhook, WebhookUrl, [DiskFull, Quota]));
        Assert.Equal(
            ["Disk full https://wiki.example.com/runbooks/disk-full", "EVS quota https://wiki.example.com/runbooks/quota?team=db"],
            body.GetProperty("runbooks").EnumerateArray().Select(b => $"{b.GetProperty("title").GetString()} {b.GetProperty("url").GetString()}"));
        Assert.Equal("Runbook: Disk full https://wiki.example.com/runbooks/disk-full, EVS quota https://wiki.example.com/runbooks/quota?team=db", body.GetProperty("runbookText").GetString());

        var none = Body(Request(AlertChannelKind.Webhook, WebhookUrl, []));
        Assert.Equal(0, none.GetProperty("runbooks").GetArrayLength());
        Assert.Equal("No runbook for this (TaskWatch:Runbooks).", none.GetProperty("runbookText").GetString());
    }

    [Fact]
    public void Slack_LinksEveryRunbook_AndSaysWhenThereIsNone()
    {
        var line = Body(Request(AlertChannelKind.Slack, SlackUrl, [DiskFull, Quota])).GetProperty("blocks")[3].GetProperty("elements")[0].GetProperty("text").GetString();
        Assert.Equal("Runbook: <https://wiki.example.com/runbooks/disk-full|Disk full>, <https://wiki.example.com/runbooks/quota?team=db|EVS quota>", line);

        var none = Body(Request(AlertChannelKind.Slack, SlackUrl, [])).GetProperty("blocks")[3].GetProperty("elements")[0].GetProperty("text").GetString();
        Assert.Equal("No runbook for this (TaskWatch:Runbooks).", none);
    }

    [Fact]
    public void TeamsWorkflows_AButtonPerRunbook_AndALineInTheCard_OrNoRunbookSaid()
    {
        var card = Body(Request(AlertChannelKind.Teams, WorkflowsUrl, [DiskFull, Quota])).GetProperty("attachments")[0].GetProperty("content");
        var actions = card.GetProperty("actions").EnumerateArray().Select(a => $"{a.GetProperty("title").GetString()} {a.GetProperty("url").GetString()}").ToList();
        Assert.Equal(
            ["Open in TaskWatch https://tw.example.com/jobs/prod/1#ack", "Runbook: Disk full https://wiki.example.com/runbooks/disk-full", "Runbook: EVS quota https://wiki.example.com/runbooks/quota?team=db"],
            actions);
        Assert.Contains("Runbook: Disk full, EVS quota", BodyTexts(card));

        var none = Body(Request(AlertChannelKind.Teams, WorkflowsUrl, [])).GetProperty("attachments")[0].GetProperty("content");
        Assert.Contains("No runbook for this (TaskWatch:Runbooks).", BodyTexts(none));
        Assert.Single(none.GetProperty("actions").EnumerateArray());
    }

    [Fact]
    public void TeamsConnector_AButtonPerRunbook_AndAFact_OrNoRunbookSaid()
    {
        var card = Body(Request(AlertChannelKind.Teams, ConnectorUrl, [DiskFull]));
        Assert.Equal("MessageCard", card.GetProperty("@type").GetString());
        var runbook = card.GetProperty("potentialAction")[1];
        Assert.Equal("Runbook: Disk full", runbook.GetProperty("name").GetString());
        Assert.Equal("https://wiki.example.com/runbooks/disk-full", runbook.GetProperty("targets")[0].GetProperty("uri").GetString());
        Assert.Equal("Disk full", Fact(card, "Runbook"));

        var none = Body(Request(AlertChannelKind.Teams, ConnectorUrl, []));
        // The connector's Markdown escapes the sentence's parentheses.
        Assert.Equal(@"No runbook for this \(TaskWatch:Runbooks\).", Fact(none, "Runbook"));
        Assert.Single(none.GetProperty("potentialAction").EnumerateArray());
    }

    [Fact]
    public void Alertmanager_RunbookUrlIsTheFirst_RunbooksListsEvery_OrSaysThereIsNone()
    {
        var annotations = Body(Request(AlertChannelKind.Alertmanager, AlertmanagerUrl, [DiskFull, Quota]))[0].GetProperty("annotations");
        Assert.Equal("https://wiki.example.com/runbooks/disk-full", annotations.GetProperty("runbook_url").GetString());
        Assert.Equal("Runbook: Disk full https://wiki.example.com/runbooks/disk-full, EVS quota https://wiki.example.com/runbooks/quota?team=db", annotations.GetProperty("runbooks").GetString());

        var none = Body(Request(AlertChannelKind.Alertmanager, AlertmanagerUrl, []))[0].GetProperty("annotations");
        Assert.False(none.TryGetProperty("runbook_url", out _));
        Assert.Equal("No runbook for this (TaskWatch:Runbooks).", none.GetProperty("runbooks").GetString());
    }

    [Theory]
    [InlineData(AlertChannelKind.Webhook, WebhookUrl)]
    [InlineData(AlertChannelKind.Slack, SlackUrl)]
    [InlineData(AlertChannelKind.Teams, WorkflowsUrl)]
    [InlineData(AlertChannelKind.Teams, ConnectorUrl)]
    [InlineData(AlertChannelKind.Alertmanager, AlertmanagerUrl)]
    public void EveryChannel_ACompletion_SaysNothingOfRunbooks(AlertChannelKind kind, string url)
    {
        // The webhook keeps its fields for a stable shape: no runbooks, no runbook text.
        var text = AlertPayloads.Build(Request(kind, url, [], AlertEvent.Completed), Link);
        Assert.DoesNotContain("No runbook", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Runbook", text, StringComparison.Ordinal);
        Assert.DoesNotContain("runbook_url", text, StringComparison.Ordinal);
    }

    [Fact]
    public void HostileTitle_IsEscapedForEachFormat()
    {
        var hostile = new RunbookLink("<!channel> *now* [x](https://evil.example)\n@here", new Uri("https://wiki.example.com/r"));

        var slack = Body(Request(AlertChannelKind.Slack, SlackUrl, [hostile])).GetProperty("blocks")[3].GetProperty("elements")[0].GetProperty("text").GetString()!;
        Assert.DoesNotContain("<!channel>", slack, StringComparison.Ordinal);
        Assert.DoesNotContain("@here", slack, StringComparison.Ordinal);
        Assert.DoesNotContain("*now*", slack, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", slack, StringComparison.Ordinal);

        var connector = Fact(Body(Request(AlertChannelKind.Teams, ConnectorUrl, [hostile])), "Runbook")!;
        Assert.DoesNotContain("](", connector, StringComparison.Ordinal);
        Assert.DoesNotContain("<!", connector, StringComparison.Ordinal);

        var webhook = Body(Request(AlertChannelKind.Webhook, WebhookUrl, [hostile])).GetProperty("runbooks")[0].GetProperty("title").GetString()!;
        Assert.DoesNotContain("\n", webhook, StringComparison.Ordinal);
    }

    [Fact]
    public void StartUp_ARunbookUrlWithAPassword_IsRefusedWithoutShowingIt()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["TaskWatch:Runbooks:wiki:Url"] = "https://bot:s3cret-token@wiki.example.com/runbooks/disk-full",
        }).Build();

        var error = Assert.Single(StartupValidation.Collect(TaskWatchSettings.Bind(configuration)));
        Assert.StartsWith("TaskWatch:Runbooks:wiki:Url carries a user name or password", error, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-token", error, StringComparison.Ordinal);
    }

    private static List<string> BodyTexts(JsonElement card) =>
        [.. card.GetProperty("body").EnumerateArray().Select(b => string.Concat(b.GetProperty("inlines").EnumerateArray().Select(i => i.GetProperty("text").GetString())))];

    private static string? Fact(JsonElement messageCard, string name) =>
        messageCard.GetProperty("sections")[0].GetProperty("facts").EnumerateArray().Where(f => f.GetProperty("name").GetString() == name).Select(f => f.GetProperty("value").GetString()).SingleOrDefault();
}

using TaskWatch.Alerts;
using TaskWatch.Configuration;
using TaskWatch.Core;
using TaskWatch.Storage;
using System.Text.Json;

namespace TaskWatch.Tests.Alerts;

public sealed class AlertRuleTests
{
    private static readonly Dictionary<string, AlertChannel> Channels = new() { ["chat"] = new("chat", AlertChannelKind.Slack, new Uri("https://hooks.example.com/x")) };

    [Fact]
    public void Rule_FiltersByEventProjectServiceAndNamePattern()
    {
        var rule = AlertRule.From("r", new AlertRuleOptions { On = ["failed"], Projects = ["prod"], Services = ["Rds"], JobName = "Create*Instance", Channels = ["chat"] }, Channels);
        var job = Failed("prod", " CreateMysqlReplicaInstance");
        Assert.True(rule.Matches(job, AlertEvent.Failed));
        Assert.False(rule.Matches(job, AlertEvent.Overdue));
        Assert.False(rule.Matches(job with { Key = new JobKey("test", "1") }, AlertEvent.Failed));
        Assert.False(rule.Matches(job with { Service = CloudService.Dds }, AlertEvent.Failed));
        Assert.False(rule.Matches(job with { Name = "RestartMysqlInstance" }, AlertEvent.Failed));
        Assert.True(rule.Matches(job with { Name = "createpostgresinstance" }, AlertEvent.Failed));
    }

    [Fact]
    public void Events_FailedAndCompletedOnlyOnceConfirmed()
    {
        var job = Failed("prod", "x");
        Assert.Equal([AlertEvent.Failed], AlertTriggers.EventsOf(job));
        Assert.Empty(AlertTriggers.EventsOf(job with { Phase = PollPhase.Confirming }));
        Assert.Equal([AlertEvent.NotFound], AlertTriggers.EventsOf(job with { State = null, Phase = PollPhase.NotFound }));
    }

    [Fact]
    public void Payloads_AreTheShapesChatToolsAccept()
    {
        var job = Failed("prod", "CreateMysqlInstance") with { FailReason = "quota exceeded" };
        var link = new Uri("https://tw.example.com/jobs/prod/1");

        var slack = JsonDocument.Parse(AlertPayloads.Build(new AlertRequest(job, AlertEvent.Failed, "r", Channels["chat"], DateTime.UtcNow), link)).RootElement;
        Assert.Contains("failed", slack.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("Reason: quota exceeded", slack.GetProperty("blocks")[1].GetProperty("text").GetProperty("text").GetString());
        Assert.Contains("<https://tw.example.com/jobs/prod/1|Open in TaskWatch>", slack.GetProperty("blocks")[2].GetProperty("elements")[0].GetProperty("text").GetString(), StringComparison.Ordinal);

        var connector = new AlertChannel("t", AlertChannelKind.Teams, new Uri("https://contoso.webhook.office.com/webhookb2/x"));
        var teams = JsonDocument.Parse(AlertPayloads.Build(new AlertRequest(job, AlertEvent.Failed, "r", connector, DateTime.UtcNow), link)).RootElement;
        Assert.Equal("MessageCard", teams.GetProperty("@type").GetString());
        Assert.Equal(link.AbsoluteUri, teams.GetProperty("potentialAction")[0].GetProperty("targets")[0].GetProperty("uri").GetString());
    }

    private static JobView Failed(string project, string name) => new()
    {
        Key = new JobKey(project, "1"),
        Service = CloudService.Rds,
        Name = name,
        State = JobState.Failed,
        Phase = PollPhase.Done,
    };
}

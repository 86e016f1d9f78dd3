using System.Text.Json;
using Bunit;
using Microsoft.Extensions.Configuration;
using TaskWatch.Alerts;
using TaskWatch.Components.Controls;
using TaskWatch.Core;
using TaskWatch.Hosting;
using TaskWatch.Insight;
using TaskWatch.Tests.Components;

namespace TaskWatch.Tests.Insight;

/// <summary>Runbooks: configured per job name, failure reason and service; checked at start-up; shown where a failure is.</summary>
public sealed class RunbookTests : UiTestContext
{
    private static JobView Failed(string name, string? reason, CloudService service = CloudService.Rds) =>
        WallBoardTests.Job("f1", JobState.Failed, project: "prod-rds", reason: reason, service: service) with { Name = name };

    private static Dictionary<string, RunbookOptions> Configured() => new(StringComparer.OrdinalIgnoreCase)
    {
        ["disk-full"] = new() { Url = "https://wiki.example.com/runbooks/disk-full", FailReason = "disk (is )?full", Title = "Disk full" },
        ["dds-upgrade"] = new() { Url = "https://wiki.example.com/runbooks/dds-upgrade", JobName = "^Upgrade", Service = "Dds" },
    };

    [Fact]
    public void Catalog_MatchesEveryCriterionGiven_AndNothingElse()
    {
        var catalog = new RunbookCatalog(Configured());
        Assert.Equal(["Disk full"], catalog.For(Failed("Backup", "The DISK is full.")).Select(l => l.Title));
        Assert.Equal(["dds-upgrade"], catalog.For(Failed("Upgrade engine", "timeout", CloudService.Dds)).Select(l => l.Title));
        Assert.Empty(catalog.For(Failed("Upgrade engine", "timeout", CloudService.Rds)));
        Assert.Empty(catalog.For(Failed("Backup", null)));
    }

    [Fact]
    public void JobRunbooks_MatchOncePerView_AndAgainWhenTheJobChanges()
    {
        var runbooks = new JobRunbooks(new RunbookCatalog(Configured()));
        var job = Failed("Backup", "The disk is full.");

        var first = runbooks.For(job);
        Assert.Equal(["Disk full"], first.Select(l => l.Title));
        // The same view (the wall renders it every 2 s): the same answer, not a new match.
        Assert.Same(first, runbooks.For(job));

        // A changed job is a new view: matched again.
        var changed = job with { FailReason = "network unreachable" };
        Assert.Empty(runbooks.For(changed));
        Assert.Same(first, runbooks.For(job));
    }

    [Theory]
    [InlineData("FailReason", "disk (full", "TaskWatch:Runbooks:bad:FailReason is 'disk (full': not a regular expression")]
    [InlineData("Url", "wiki/disk", "TaskWatch:Runbooks:bad:Url is 'wiki/disk': give the runbook's absolute https://")]
    [InlineData("Service", "Mongo", "TaskWatch:Runbooks:bad:Service is 'Mongo': use one of Rds, ")]
    public void StartUp_ABadEntry_IsOneLineNamingItsKey(string field, string value, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["TaskWatch:Runbooks:bad:Url"] = "https://wiki.example.com/x",
            [$"TaskWatch:Runbooks:bad:{field}"] = value,
        }).Build();
        var error = Assert.Single(StartupValidation.Collect(TaskWatchSettings.Bind(configuration)));
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
    }

    [Fact]
    public void Links_OnAFailure_ShowItsRunbook_OrSayThereIsNone()
    {
        foreach (var (name, entry) in Configured())
        {
            Runbooks[name] = entry;
        }

        var links = Render<RunbookLinks>(p => p.Add(c => c.Job, Failed("Backup", "disk full")));
        var a = links.Find("[data-testid=runbook-link]");
        Assert.Equal("https://wiki.example.com/runbooks/disk-full", a.GetAttribute("href"));
        Assert.Equal("noopener noreferrer", a.GetAttribute("rel"));

        var none = Render<RunbookLinks>(p => p.Add(c => c.Job, Failed("Backup", "network unreachable")));
        Assert.Equal("No runbook for this failure", none.Find("[data-testid=no-runbook]").TextContent);

        var running = Render<RunbookLinks>(p => p.Add(c => c.Job, WallBoardTests.Job("r1", JobState.Running)));
        Assert.Empty(running.FindAll("[data-testid=runbooks]"));
    }

    [Fact]
    public void Alert_CarriesTheRunbook_InTheWebhookSlackAndAlertmanager_OrSaysThereIsNone()
    {
        var job = Failed("Backup", "disk full");
        var runbooks = new RunbookCatalog(Configured()).For(job);
        var webhook = new AlertChannel("hook", AlertChannelKind.Webhook, new Uri("https://hooks.example.com/a"));
        var request = new AlertRequest(job, AlertEvent.Failed, "r", webhook, DateTime.UtcNow) { Runbooks = runbooks };
        var link = new Uri("https://tw.example.com/jobs/prod-rds/f1#ack");

        var body = JsonDocument.Parse(AlertPayloads.Webhook(request, link)).RootElement;
        Assert.Equal("https://wiki.example.com/runbooks/disk-full", body.GetProperty("runbooks")[0].GetProperty("url").GetString());
        var slack = JsonDocument.Parse(AlertPayloads.Slack(request, link)).RootElement;
        Assert.Equal("Runbook: <https://wiki.example.com/runbooks/disk-full|Disk full>", slack.GetProperty("blocks")[3].GetProperty("elements")[0].GetProperty("text").GetString());
        var none = JsonDocument.Parse(AlertPayloads.Slack(request with { Runbooks = [] }, link)).RootElement;
        Assert.StartsWith("No runbook", none.GetProperty("blocks")[3].GetProperty("elements")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
    }
}

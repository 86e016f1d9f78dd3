using TaskWatch.Core;
using TaskWatch.Insight;
using TaskWatch.Live;
using TaskWatch.Tests.Support;

namespace TaskWatch.Tests.Insight;

/// <summary>The demo's jobs get ETAs once their kind has history, and the history survives a restart.</summary>
public sealed class DemoEtaTests
{
    [Fact]
    public async Task DemoJobs_GetEtasFromHistory_AndTheHistoryIsReadBackAfterARestart()
    {
        using var folder = new TempFolder();
        var db = Path.Combine(folder.Path, "tw.db");
        var settings = new Dictionary<string, string?>
        {
            ["TaskWatch:Demo:JobsPerMinute"] = "120",
            ["TaskWatch:Insight:MinimumRuns"] = "2",
        };
        int kinds;
        await using (var app = await TestApp.StartAsync(settings, db))
        {
            var live = app.Service<LiveJobStore>();
            var withEta = await TestApp.EventuallyAsync(
                () => Task.FromResult(live.Snapshot().FirstOrDefault(j => j.IsRunning && j.Eta is { HasTypical: true, Runs: >= 2 }) is { } j ? (JobKey?)j.Key : null),
                TimeSpan.FromSeconds(120),
                "a running demo job with an ETA from its kind's history");
            var view = live.Find(withEta)!;
            Assert.True(view.Eta!.Median <= view.Eta.P90);
            Assert.NotNull(EtaWording.Describe(view.Eta, t => t.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)));
            kinds = app.Service<JobInsight>().History.Kinds;
            Assert.True(kinds > 0);
        }

        await using (var again = await TestApp.StartAsync(settings, db))
        {
            // Seeded at start-up from the stored completed jobs, before any new run completes.
            Assert.True(again.Service<JobInsight>().History.Kinds >= kinds, $"after restart {again.Service<JobInsight>().History.Kinds} kinds, before {kinds}");
        }
    }
}

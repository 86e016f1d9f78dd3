using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TaskWatch.Cloud;
using TaskWatch.Components.Controls;
using TaskWatch.Components.Model;
using TaskWatch.Configuration;
using TaskWatch.Live;
using TaskWatch.Storage;

namespace TaskWatch.Tests.Insight;

/// <summary>EtaText and OverdueBadge as rendered HTML (the framework's HtmlRenderer).</summary>
public sealed class EtaControlsTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 14, 20, 0, DateTimeKind.Utc);

    private static readonly JobView Running = new()
    {
        Key = new JobKey("p", "j1"),
        Service = CloudService.Rds,
        Name = "RestartMysqlInstance",
        State = JobState.Running,
        Phase = PollPhase.Active,
        CreatedUtc = Now.AddMinutes(-3),
    };

    [Fact(Timeout = 120_000)]
    public async Task EtaText_ShowsTimeAndUsualRange_OrSaysTooLittleHistory()
    {
        var withHistory = Running with { Eta = new JobEta(Now.AddMinutes(12), EtaBasis.Typical, 9, TimeSpan.FromMinutes(8), TimeSpan.FromMinutes(12)) };
        Assert.Contains("about 14:32, usually 8–12 min", System.Net.WebUtility.HtmlDecode(await RenderAsync<EtaText>(withHistory)), StringComparison.Ordinal);

        var without = Running with { Eta = new JobEta(null, EtaBasis.TooLittleHistory, 1, null, null) };
        Assert.Contains("too little history", await RenderAsync<EtaText>(without), StringComparison.Ordinal);

        var finished = withHistory with { State = JobState.Completed, Phase = PollPhase.Done };
        Assert.DoesNotContain("about", await RenderAsync<EtaText>(finished), StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task OverdueBadge_ShowsOnlyForOverdueJobs_WithTheReason()
    {
        Assert.DoesNotContain("overdue", await RenderAsync<OverdueBadge>(Running), StringComparison.Ordinal);
        var html = await RenderAsync<OverdueBadge>(Running with { IsOverdue = true, OverdueReason = "progress stuck at 40 % for 16 min" });
        Assert.Contains("data-testid=\"overdue\"", html, StringComparison.Ordinal);
        Assert.Contains("progress stuck at 40 % for 16 min", html, StringComparison.Ordinal);
    }

    private static async Task<string> RenderAsync<TComponent>(JobView job)
        where TComponent : IComponent
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(Now)));
        services.AddScoped<ViewerClock>();
        services.AddSingleton(Options.Create(new TaskWatchOptions()));
        await using var provider = services.BuildServiceProvider();
        await using var renderer = new HtmlRenderer(provider, provider.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(new Dictionary<string, object?> { ["Job"] = job }));
            return output.ToHtmlString();
        });
    }
}

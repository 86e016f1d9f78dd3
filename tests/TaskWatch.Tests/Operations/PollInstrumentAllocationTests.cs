using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using TaskWatch.Cloud;
using TaskWatch.Configuration;
using TaskWatch.Core;
using TaskWatch.Live;
using TaskWatch.Tracking;

namespace TaskWatch.Tests.Operations;

/// <summary>The instruments on the poll path, with the exporters' SDK listening, allocate nothing per poll.</summary>
[Collection(nameof(ProcessMetricsCollection))]
public sealed class PollInstrumentAllocationTests
{
    [Fact]
    public void Poll_WithOpenTelemetryListening_AllocatesNothingPerPoll()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var provider = Sdk.CreateMeterProviderBuilder().AddMeter(PollerMetrics.MeterName).AddPrometheusExporter().Build();
        var time = new FakeTimeProvider();
        using var metrics = new PollerMetrics(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), new LiveJobStore(time), new AccountBudgets(Options.Create(new TaskWatchOptions()), time));
        var outcomes = Enum.GetValues<ReadOutcome>();
        // Every series exists once (the first measurement of a tag set creates it), as after a poller's first minute.
        foreach (var outcome in outcomes)
        {
            metrics.Poll(CloudService.Rds, "job", outcome, TimeSpan.FromMilliseconds(12));
            metrics.Poll(CloudService.Dds, "list", outcome, TimeSpan.FromMilliseconds(12));
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            metrics.Poll(i % 2 == 0 ? CloudService.Rds : CloudService.Dds, i % 2 == 0 ? "job" : "list", outcomes[i % outcomes.Length], TimeSpan.FromMilliseconds(i % 500));
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}

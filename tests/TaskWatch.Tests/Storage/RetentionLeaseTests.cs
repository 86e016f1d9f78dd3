using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using TaskWatch.Configuration;
using TaskWatch.Core;
using TaskWatch.Storage;
using TaskWatch.Tests.Support;

namespace TaskWatch.Tests.Storage;

/// <summary>Several instances on one PostgreSQL database: one retention pass at a time, and each pass in the metrics.</summary>
public sealed class RetentionLeaseTests(PostgreSqlServer server)
{
    private static readonly DateTime Start = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Retention_WhileAnotherInstanceHoldsTheLease_SkipsThePass_ThenPrunesOnceItIsFree()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var storage = await StorageUnderTest.CreateAsync(StorageProvider.PostgreSQL, server, ct);
        await AddSnapshotsAsync(storage, 600, ct);
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meterFactory = services.GetRequiredService<IMeterFactory>();
        var time = new FakeTimeProvider(new DateTimeOffset(Start.AddDays(30)));
        using var retention = new SnapshotRetention(storage.Factory, Options.Create(new TaskWatchOptions { SnapshotRetentionDays = 7 }), time, NullLogger<SnapshotRetention>.Instance, meterFactory);

        // Another instance's pass: its session holds the lease (unpooled: closing it ends the session, as a killed instance's would).
        var otherInstance = new NpgsqlConnectionStringBuilder(storage.ConnectionString) { Pooling = false }.ToString();
        await using (var other = new NpgsqlConnection(otherInstance))
        {
            await other.OpenAsync(ct);
            await using var take = new NpgsqlCommand($"SELECT pg_advisory_lock({SnapshotRetention.LeaseSpace}, 0)", other);
            await take.ExecuteScalarAsync(ct);

            Assert.Equal(0, await retention.PruneAsync(ct));
            Assert.Equal(1, retention.Skipped);
            Assert.Equal(0, retention.Pruned);

            // Its pass ends: it gives the lease back.
            await using var give = new NpgsqlCommand($"SELECT pg_advisory_unlock({SnapshotRetention.LeaseSpace}, 0)", other);
            Assert.Equal(true, await give.ExecuteScalarAsync(ct));
        }

        // The lease is free: this instance prunes.
        Assert.Equal(598, await retention.PruneAsync(ct));
        Assert.Equal(1, retention.Pruned);

        // And gives the lease back: a second instance's pass is not locked out by this one's pooled session.
        await using (var other = new NpgsqlConnection(otherInstance))
        {
            await other.OpenAsync(ct);
            await using var tryTake = new NpgsqlCommand($"SELECT pg_try_advisory_lock({SnapshotRetention.LeaseSpace}, 0)", other);
            Assert.Equal(true, await tryTake.ExecuteScalarAsync(ct));
        }

        // What a scrape reads: the instruments of this retention's meter, collected once.
        var seen = new List<(string Instrument, string? Outcome, long Value)>();
        using (var listener = new MeterListener())
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, meterFactory) && instrument.Name.StartsWith("taskwatch.retention.", StringComparison.Ordinal))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                string? outcome = null;
                foreach (var tag in tags)
                {
                    outcome = tag.Key == "outcome" ? tag.Value as string : outcome;
                }

                seen.Add((instrument.Name, outcome, value));
            });
            listener.Start();
            listener.RecordObservableInstruments();
        }

        Assert.Equal(598, Assert.Single(seen, m => m.Instrument == "taskwatch.retention.deleted").Value);
        var byOutcome = seen.Where(m => m.Instrument == "taskwatch.retention.passes").ToDictionary(m => m.Outcome!, m => m.Value);
        Assert.Equal(1, byOutcome["pruned"]);
        Assert.Equal(1, byOutcome["skipped"]);
        Assert.Equal(0, byOutcome["failed"]);
    }

    private static async Task AddSnapshotsAsync(StorageUnderTest storage, int count, CancellationToken ct)
    {
        await using var db = await storage.Factory.CreateDbContextAsync(ct);
        var job = new TrackedJob { Project = "prod-rds", JobId = "job-1", Service = CloudService.Rds, RegisteredUtc = Start };
        db.TrackedJobs.Add(job);
        await db.SaveChangesAsync(ct);
        for (var minute = 0; minute < count; minute++)
        {
            db.JobSnapshots.Add(new JobSnapshot { TrackedJobId = job.Id, ObservedUtc = Start.AddMinutes(minute), State = JobState.Running, Progress = minute % 100 });
        }

        await db.SaveChangesAsync(ct);
    }
}

using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using TaskWatch.Core;
using TaskWatch.Simulator;
using TaskWatch.Tests.Support;

namespace TaskWatch.Tests.Reliability;

/// <summary>
/// TaskWatch killed with SIGKILL while it polls and writes, then started again on the same file:
/// the database is intact, every registration is there, polling goes on, nothing is duplicated.
/// </summary>
[Collection(nameof(HeavyCollection))]
public sealed class CrashRecoveryTests
{
    private const int JobCount = 40;

    [Fact]
    public async Task KilledWhilePolling_RestartsOnTheSameDatabase_WithNothingLostOrDuplicated()
    {
        var ct = TestContext.Current.CancellationToken;
        var simulator = new TaskCenterSimulator(TimeProvider.System, SimulatorCredentials.CreateRandom(), seed: 3);
        await using var sim = await SimulatorHost.StartAsync(simulator, cancellationToken: ct);
        var project = simulator.AddProject(CloudService.Rds, "eu-de");
        var environment = new Dictionary<string, string>
        {
            ["TaskWatch__Accounts__a__Auth"] = "Token",
            ["TaskWatch__Accounts__a__Token"] = simulator.Credentials.FixedToken,
            ["TaskWatch__Accounts__a__CallsPerMinute"] = "100000",
            ["TaskWatch__Projects__crash__Account"] = "a",
            ["TaskWatch__Projects__crash__Service"] = "Rds",
            ["TaskWatch__Projects__crash__ProjectId"] = project.ProjectId,
            ["TaskWatch__Projects__crash__Region"] = "eu-de",
            ["TaskWatch__Projects__crash__Endpoint"] = sim.RdsEndpoint.AbsoluteUri,
            ["TaskWatch__Polling__RunningInterval"] = "00:00:00.500",
            ["TaskWatch__Polling__NotFoundRetryInterval"] = "00:00:00.500",
        };
        var kind = SimulatedJobKind.All.First(k => k.Service == CloudService.Rds);
        var jobs = Enumerable.Range(0, JobCount).Select(i => new SimulatedJob
        {
            Id = Guid.NewGuid().ToString(),
            ProjectId = project.ProjectId,
            Kind = kind,
            InstanceId = $"{i:x32}",
            InstanceName = $"crash-{i}",
            CreatedUtc = simulator.UtcNow,
            Invisible = TimeSpan.FromSeconds(1),
            Duration = TimeSpan.FromSeconds(12 + (i % 10)),
            FailsAt = i % 4 == 0 ? 0.7 : null,
            FailReason = i % 4 == 0 ? $"Crash test failure {i}" : null,
            ProgressStep = 1,
        }).ToList();
        jobs.ForEach(simulator.Add);

        using var folder = new TempFolder();
        var db = Path.Combine(folder.Path, "taskwatch.db");
        using (var first = await ChildTaskWatch.StartAsync(db, environment, ct))
        {
            using var http = new HttpClient { BaseAddress = first.BaseUri };
            var batch = await http.PostAsJsonAsync("/api/jobs/batch", new { jobs = jobs.Select(j => new { project = "crash", jobId = j.Id }) }, ct);
            Assert.Equal(JobCount, (await batch.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("accepted").GetInt32());

            // Kill it in the middle of the work: jobs running, progress being written.
            await TestApp.EventuallyAsync(async () => await CountAsync(http, "status=Running") >= JobCount / 2 ? true : (bool?)null, TimeSpan.FromSeconds(180), "half the jobs to be seen running");
            first.KillHard();
            Assert.True(first.Process.HasExited);
        }

        Assert.Equal("ok", await IntegrityAsync(db));
        using var second = await ChildTaskWatch.StartAsync(db, environment, ct);
        using (var http = new HttpClient { BaseAddress = second.BaseUri })
        {
            var list = await http.GetFromJsonAsync<JsonElement>("/api/jobs?limit=100", ct);
            var ids = list.GetProperty("jobs").EnumerateArray().Select(j => j.GetProperty("jobId").GetString()!).ToHashSet(StringComparer.OrdinalIgnoreCase);
            Assert.Equal(jobs.Select(j => j.Id).ToHashSet(StringComparer.OrdinalIgnoreCase), ids);

            // Polling resumes: every job reaches the simulator's final state.
            await TestApp.EventuallyAsync(async () => await CountAsync(http, "tracking=true") == await CountDoneAsync(http) ? true : (bool?)null, TimeSpan.FromSeconds(90), "every job to be done");
            foreach (var job in jobs)
            {
                var detail = (await http.GetFromJsonAsync<JsonElement>($"/api/jobs/crash/{job.Id}", ct)).GetProperty("job");
                Assert.Equal(job.StateAt(simulator.UtcNow).ToString(), detail.GetProperty("status").GetString());
                Assert.Equal(job.FailReason, detail.GetProperty("failReason").GetString());
            }
        }

        // SIGTERM: a graceful stop.
        var stopwatch = Stopwatch.StartNew();
        second.Terminate();
        Assert.True(second.Process.WaitForExit(30_000), "TaskWatch did not stop within 30 s of SIGTERM");
        TestContext.Current.TestOutputHelper?.WriteLine($"Stopped {stopwatch.Elapsed.TotalSeconds:0.0} s after SIGTERM with exit code {second.Process.ExitCode}.");
        Assert.Equal(0, second.Process.ExitCode);

        Assert.Equal("ok", await IntegrityAsync(db));
        Assert.Empty(await DuplicatedSnapshotsAsync(db));
    }

    private static async Task<int> CountAsync(HttpClient http, string query) =>
        (await http.GetFromJsonAsync<JsonElement>($"/api/jobs?limit=1&{query}")).GetProperty("total").GetInt32();

    private static async Task<int> CountDoneAsync(HttpClient http)
    {
        var list = await http.GetFromJsonAsync<JsonElement>("/api/jobs?limit=100");
        return list.GetProperty("jobs").EnumerateArray().Count(j => j.GetProperty("phase").GetString() == "Done");
    }

    private static async Task<string> IntegrityAsync(string db)
    {
        await using var connection = new SqliteConnection($"Data Source={db};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Two consecutive snapshots of one job with the same content (wide fields filled forward).</summary>
    private static async Task<List<string>> DuplicatedSnapshotsAsync(string db)
    {
        await using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT TrackedJobId, State, StatusWord, Progress, Name, EndedUtc, FailReason, EntitiesJson FROM JobSnapshots ORDER BY TrackedJobId, ObservedUtc, Id";
        await using var reader = await command.ExecuteReaderAsync();
        var duplicates = new List<string>();
        long job = -1;
        string? previous = null;
        string?[] wide = new string?[4];
        while (await reader.ReadAsync())
        {
            if (reader.GetInt64(0) != job)
            {
                job = reader.GetInt64(0);
                previous = null;
                wide = new string?[4];
            }

            for (var i = 0; i < 4; i++)
            {
                wide[i] = reader.IsDBNull(4 + i) ? wide[i] : Convert.ToString(reader.GetValue(4 + i), System.Globalization.CultureInfo.InvariantCulture);
            }

            var content = $"{reader.GetValue(1)}|{reader.GetValue(2)}|{reader.GetValue(3)}|{string.Join('|', wide)}";
            if (content == previous)
            {
                duplicates.Add($"job row {job}: {content}");
            }

            previous = content;
        }

        return duplicates;
    }
}

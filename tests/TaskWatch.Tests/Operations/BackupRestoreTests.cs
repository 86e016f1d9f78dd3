using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using TaskWatch.Cloud;
using TaskWatch.Operations;
using TaskWatch.Tests.Support;

namespace TaskWatch.Tests.Operations;

/// <summary>
/// The README's backup and restore, as an operator runs them: <c>--backup</c> while TaskWatch runs, then the copy put in
/// place of the database of a stopped TaskWatch, which starts and answers every job as it did at the backup.
/// </summary>
public sealed class BackupRestoreTests
{
    private const string Project = "demo-rds-eu-de";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task BackupOfARunningTaskWatch_Restored_StartsAndAnswersEveryJobAsBefore()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new TempFolder();
        var database = Path.Combine(folder.Path, "taskwatch.db");
        var backup = Path.Combine(folder.Path, "backups", "taskwatch-copy.db");
        Directory.CreateDirectory(Path.GetDirectoryName(backup)!);
        var before = new Dictionary<string, string>();
        string later;

        await using (var app = await TestApp.StartAsync(new Dictionary<string, string?> { ["TaskWatch:Demo:JobsPerMinute"] = "0.1" }, database))
        {
            var sim = app.Host.Demo!.Simulator;
            var project = sim.FindProject(app.Service<ProjectCatalog>().Find(Project)!.ProjectId)!;
            var jobs = Enumerable.Range(0, 4).Select(i => sim.StartJob(project, speed: 10, failShare: i % 2)).ToList();
            foreach (var job in jobs)
            {
                (await app.Http.PostAsJsonAsync("/api/jobs", new { project = Project, jobId = job.Id }, ct)).EnsureSuccessStatusCode();
            }

            await TestApp.EventuallyAsync<bool>(
                async () =>
                {
                    foreach (var job in jobs)
                    {
                        var detail = await app.Http.GetFromJsonAsync<JsonElement>($"/api/jobs/{Project}/{job.Id}");
                        if (detail.GetProperty("job").GetProperty("phase").GetString() != "Done")
                        {
                            return (bool?)null;
                        }
                    }

                    return true;
                },
                Patience,
                "every job to end");
            foreach (var job in jobs)
            {
                before[job.Id] = await app.Http.GetStringAsync($"/api/jobs/{Project}/{job.Id}", ct);
            }

            // While it runs (the poller and the demo still writing): the command an operator types.
            var output = new StringWriter();
            var config = new ConfigurationBuilder().AddInMemoryCollection([new("TaskWatch:Database", database)]).Build();
            var exit = await DatabaseBackupCommand.RunAsync(config, backup, TimeProvider.System, output);
            Assert.True(exit == 0, output.ToString());
            Assert.Contains($"written to {backup}", output.ToString(), StringComparison.Ordinal);

            // A job registered after the backup: the restored file must not know it.
            later = sim.StartJob(project, speed: 10).Id;
            (await app.Http.PostAsJsonAsync("/api/jobs", new { project = Project, jobId = later }, ct)).EnsureSuccessStatusCode();
        }

        // Restore: TaskWatch stopped, the database and its -wal and -shm files replaced by the copy.
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { database, database + "-wal", database + "-shm" })
        {
            File.Delete(file);
        }

        File.Copy(backup, database);
        await using var restored = await TestApp.StartAsync(new Dictionary<string, string?> { ["TaskWatch:Demo:Enabled"] = "false" }, database);

        foreach (var (id, answer) in before)
        {
            Assert.Equal(answer, await restored.Http.GetStringAsync($"/api/jobs/{Project}/{id}", ct));
        }

        var list = await restored.Http.GetFromJsonAsync<JsonElement>("/api/jobs?limit=100", ct);
        Assert.All(before.Keys, id => Assert.Contains(list.GetProperty("jobs").EnumerateArray(), j => j.GetProperty("jobId").GetString() == id));
        Assert.Equal(HttpStatusCode.NotFound, (await restored.Http.GetAsync($"/api/jobs/{Project}/{later}", ct)).StatusCode);
    }

    [Fact]
    public async Task BackupSwitch_TakesTheFileAfterIt_AndTheDatabaseFromTheCommandLine()
    {
        using var folder = new TempFolder();
        var database = Path.Combine(folder.Path, "tw.db");
        await using (var app = await TestApp.StartAsync(new Dictionary<string, string?> { ["TaskWatch:Demo:Enabled"] = "false" }, database))
        {
            var target = Path.Combine(folder.Path, "copy.db");
            var output = new StringWriter();

            var exit = await DatabaseBackupCommand.RunAsync(["--backup", target, $"--TaskWatch:Database={database}"], output);

            Assert.True(exit == 0, output.ToString());
            Assert.True(File.Exists(target));
            Assert.False(File.Exists(target + ".partial"));
            Assert.Equal(1, await DatabaseBackupCommand.RunAsync(["--backup", target, $"--TaskWatch:Database={database}"], output));
            Assert.Contains("exists already", output.ToString(), StringComparison.Ordinal);
        }

        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Backup_OnPostgreSql_PointsToPgDump()
    {
        var output = new StringWriter();
        var config = new ConfigurationBuilder().AddInMemoryCollection([new("TaskWatch:Storage:Provider", "PostgreSQL")]).Build();

        Assert.Equal(2, await DatabaseBackupCommand.RunAsync(config, null, TimeProvider.System, output));
        Assert.Contains("pg_dump", output.ToString(), StringComparison.Ordinal);
    }
}

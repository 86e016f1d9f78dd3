using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using TaskWatch.Cloud;
using TaskWatch.Configuration;
using TaskWatch.Tests.Support;

namespace TaskWatch.Tests.Operations;

/// <summary>The README's pg_dump and pg_restore, as written: the restored database starts TaskWatch and answers every job as before.</summary>
public sealed class PostgreSqlBackupRestoreTests(PostgreSqlServer server)
{
    private const string Project = "demo-rds-eu-de";

    [Fact]
    public async Task PgDumpOfARunningTaskWatch_RestoredIntoANewDatabase_StartsAndAnswersEveryJobAsBefore()
    {
        var ct = TestContext.Current.CancellationToken;
        var source = await server.DatabaseAsync();
        var restoredName = "tw_restored_" + Guid.NewGuid().ToString("N")[..12];
        using var folder = new TempFolder();
        var dump = Path.Combine(folder.Path, "taskwatch.dump");
        var before = new Dictionary<string, string>();

        await using (var app = await TestApp.StartAsync(new Dictionary<string, string?>
        {
            ["TaskWatch:Demo:JobsPerMinute"] = "0.1",
            ["TaskWatch:Storage:Provider"] = "PostgreSQL",
            [StorageOptions.ConnectionStringKey] = source,
        }))
        {
            var sim = app.Host.Demo!.Simulator;
            var project = sim.FindProject(app.Service<ProjectCatalog>().Find(Project)!.ProjectId)!;
            var jobs = Enumerable.Range(0, 3).Select(i => sim.StartJob(project, speed: 10, failShare: i % 2)).ToList();
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
                TimeSpan.FromSeconds(90),
                "every job to end");
            foreach (var job in jobs)
            {
                before[job.Id] = await app.Http.GetStringAsync($"/api/jobs/{Project}/{job.Id}", ct);
            }

            // While it runs, as the README says.
            var from = new NpgsqlConnectionStringBuilder(source);
            await RunAsync("pg_dump", "--format=custom", $"--file={dump}", $"host=127.0.0.1 port={server.Port} dbname={from.Database} user={PostgreSqlServer.User}");
        }

        await using (var admin = new NpgsqlConnection(server.AdminConnectionString))
        {
            await admin.OpenAsync(ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{restoredName}\"", admin);
            await create.ExecuteNonQueryAsync(ct);
        }

        try
        {
            await RunAsync("pg_restore", "--exit-on-error", "--no-owner", $"--role={PostgreSqlServer.User}", "-h", "127.0.0.1", "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", PostgreSqlServer.User, "-d", restoredName, dump);

            await using var restored = await TestApp.StartAsync(new Dictionary<string, string?>
            {
                ["TaskWatch:Demo:Enabled"] = "false",
                ["TaskWatch:Storage:Provider"] = "PostgreSQL",
                [StorageOptions.ConnectionStringKey] = server.Connection(restoredName),
            });
            foreach (var (id, answer) in before)
            {
                Assert.Equal(answer, await restored.Http.GetStringAsync($"/api/jobs/{Project}/{id}", ct));
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(server.AdminConnectionString);
            await admin.OpenAsync(CancellationToken.None);
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{restoredName}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private async Task RunAsync(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(server.Tool(tool)) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["PGPASSWORD"] = PostgreSqlServer.Password;
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} exited {process.ExitCode}: {await error}{await output}");
    }
}

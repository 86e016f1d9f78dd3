using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TaskWatch.Configuration;
using TaskWatch.Hosting;
using TaskWatch.Storage;
using TaskWatch.Tests.Support;

namespace TaskWatch.Tests.Storage;

/// <summary>
/// TaskWatch started on PostgreSQL (<c>TaskWatch:Storage:Provider=PostgreSQL</c>): it creates and migrates the
/// database, polls into it and answers the API from it; a connection string it cannot use stops start-up with
/// one line that names the key, the host and why, never the password.
/// </summary>
public sealed class PostgreSqlStartupTests(PostgreSqlServer server)
{
    [Fact]
    public async Task Start_OnPostgreSql_StoresPolledJobs_AndServesThem()
    {
        var connectionString = await server.DatabaseAsync();
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?>
        {
            ["TaskWatch:Storage:Provider"] = "PostgreSQL",
            [StorageOptions.ConnectionStringKey] = connectionString,
        });

        // The demo's jobs, polled to their end and read back from PostgreSQL by the API.
        var ended = await TestApp.EventuallyAsync<int>(
            async () =>
            {
                var page = await app.GetJsonAsync<JsonElement>("/api/jobs?status=Completed&limit=5");
                var total = page.GetProperty("total").GetInt32();
                return total > 0 ? total : null;
            },
            TimeSpan.FromSeconds(60),
            "a demo job to complete and be listed");
        Assert.True(ended > 0);

        var register = await app.Http.PostAsJsonAsync("/api/jobs", new { project = "demo-rds-eu-de", jobId = "registered-by-test" }, TestContext.Current.CancellationToken);
        Assert.True(register.IsSuccessStatusCode, $"{register.StatusCode}: {await register.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        var job = await app.Http.GetAsync("/api/jobs/DEMO-RDS-EU-DE/registered-by-test", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, job.StatusCode);
    }

    [Fact]
    public async Task SecondInstance_OnTheSameDatabase_IsRefusedWithOneLine_UntilTheFirstStops()
    {
        // Until polling is shared, a second instance would spend every account's budget a second time.
        var connectionString = await server.DatabaseAsync();
        var settings = new Dictionary<string, string?>
        {
            ["TaskWatch:Demo:Enabled"] = "false",
            ["TaskWatch:Storage:Provider"] = "PostgreSQL",
            [StorageOptions.ConnectionStringKey] = connectionString,
        };
        var first = await TestApp.StartAsync(settings);
        try
        {
            var refused = await Assert.ThrowsAsync<StartupException>(() => TestApp.StartAsync(settings));
            var line = Assert.Single(refused.Problems);
            Assert.StartsWith(StorageOptions.ConnectionStringKey + ": database ", line, StringComparison.Ordinal);
            Assert.Contains("in use by another running TaskWatch instance", line, StringComparison.Ordinal);
            Assert.DoesNotContain(PostgreSqlServer.Password, refused.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            await first.DisposeAsync();
        }

        await using var second = await TestApp.StartAsync(settings);
        Assert.Equal(HttpStatusCode.OK, (await second.Http.GetAsync("/api/jobs", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task InstanceLock_OfAHolderKilledWithSigkill_IsFreedAtOnce()
    {
        // The holder is a psql session that takes TaskWatch's lock and then sits idle, as TaskWatch's own lock
        // connection does; SIGKILL ends it as it would end TaskWatch.
        var connectionString = await server.DatabaseAsync();
        var database = new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Database!;
        var settings = new Dictionary<string, string?>
        {
            ["TaskWatch:Demo:Enabled"] = "false",
            ["TaskWatch:Storage:Provider"] = "PostgreSQL",
            [StorageOptions.ConnectionStringKey] = connectionString,
        };
        await (await TestApp.StartAsync(settings)).DisposeAsync(); // creates the database
        var start = new System.Diagnostics.ProcessStartInfo(server.Tool("psql")) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-h", "127.0.0.1", "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", PostgreSqlServer.User, "-d", database })
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["PGPASSWORD"] = PostgreSqlServer.Password;
        using var holder = System.Diagnostics.Process.Start(start)!;
        await holder.StandardInput.WriteLineAsync($"SELECT pg_advisory_lock({PostgreSqlInstanceLock.Key});");
        await holder.StandardInput.FlushAsync(TestContext.Current.CancellationToken);
        try
        {
            await TestApp.EventuallyAsync<bool>(
                async () =>
                {
                    try
                    {
                        await (await TestApp.StartAsync(settings)).DisposeAsync();
                        return null; // the holder has not taken the lock yet
                    }
                    catch (StartupException ex) when (ex.Problems.Single().Contains("in use by another running TaskWatch instance", StringComparison.Ordinal))
                    {
                        return true;
                    }
                },
                TimeSpan.FromSeconds(30),
                "the psql session to hold the instance lock");
        }
        finally
        {
            holder.Kill(); // SIGKILL
            await holder.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        // No lease to expire: the server ends the dead session's lock as soon as it sees the connection close.
        await TestApp.EventuallyAsync<bool>(
            async () =>
            {
                try
                {
                    await (await TestApp.StartAsync(settings)).DisposeAsync();
                    return true;
                }
                catch (StartupException)
                {
                    return null;
                }
            },
            TimeSpan.FromSeconds(15),
            "TaskWatch to start once the lock's holder was killed");
    }

    [Fact]
    public async Task Start_WithAWrongPassword_StopsWithOneLine_NamingKeyAndHost_NotThePassword()
    {
        const string wrong = "not-the-Pa55word-xyzzy";
        await server.DatabaseAsync(); // the server runs; the database is never reached
        var connectionString = server.Connection("taskwatch", password: wrong);

        var refused = await Assert.ThrowsAsync<StartupException>(() => TestApp.StartAsync(new Dictionary<string, string?>
        {
            ["TaskWatch:Demo:Enabled"] = "false",
            ["TaskWatch:Storage:Provider"] = "PostgreSQL",
            [StorageOptions.ConnectionStringKey] = connectionString,
        }));

        var line = Assert.Single(refused.Problems);
        Assert.StartsWith(StorageOptions.ConnectionStringKey + ":", line, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1", line, StringComparison.Ordinal);
        Assert.Contains("password authentication failed", line, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithNoServerAtThePort_StopsWithOneLine_NamingKeyHostAndReason()
    {
        // A port nothing listens on: this one was free a moment ago and is closed again.
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var refused = await Assert.ThrowsAsync<StartupException>(() => TestApp.StartAsync(new Dictionary<string, string?>
        {
            ["TaskWatch:Demo:Enabled"] = "false",
            ["TaskWatch:Storage:Provider"] = "PostgreSQL",
            [StorageOptions.ConnectionStringKey] = $"Host=127.0.0.1;Port={port};Database=taskwatch;Username=tw;Password=secret-xyzzy;Timeout=5",
        }));

        var line = Assert.Single(refused.Problems);
        Assert.Contains($"{StorageOptions.ConnectionStringKey}: cannot use PostgreSQL at 127.0.0.1:{port}", line, StringComparison.Ordinal);
        Assert.Contains("refused", line, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secret-xyzzy", refused.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Pasword=secret-xyzzy", "not a valid Npgsql connection string")]
    [InlineData("Password=secret-xyzzy;Database=taskwatch", "names no Host")]
    [InlineData("", "is empty")]
    public async Task Start_WithAMalformedConnectionString_StopsBeforeConnecting(string connectionString, string why)
    {
        var refused = await Assert.ThrowsAsync<StartupException>(() => TestApp.StartAsync(new Dictionary<string, string?>
        {
            ["TaskWatch:Demo:Enabled"] = "false",
            ["TaskWatch:Storage:Provider"] = "PostgreSQL",
            [StorageOptions.ConnectionStringKey] = connectionString,
        }));

        var line = Assert.Single(refused.Problems);
        Assert.StartsWith(StorageOptions.ConnectionStringKey, line, StringComparison.Ordinal);
        Assert.Contains(why, line, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-xyzzy", refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithAnUnknownProvider_NamesTheKeyAndTheChoices()
    {
        var refused = await Assert.ThrowsAsync<StartupException>(() => TestApp.StartAsync(new Dictionary<string, string?>
        {
            ["TaskWatch:Demo:Enabled"] = "false",
            ["TaskWatch:Storage:Provider"] = "Oracle",
        }));

        Assert.Equal("TaskWatch:Storage:Provider is 'Oracle': use Sqlite or PostgreSQL.", Assert.Single(refused.Problems));
    }
}

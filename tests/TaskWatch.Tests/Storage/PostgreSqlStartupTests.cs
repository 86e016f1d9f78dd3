using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TaskWatch.Configuration;
using TaskWatch.Hosting;
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
    public async Task SecondInstance_OnTheSameDatabase_StartsBesideTheFirst_AndBothServe()
    {
        var connectionString = await server.DatabaseAsync();
        var settings = new Dictionary<string, string?>
        {
            ["TaskWatch:Demo:Enabled"] = "false",
            ["TaskWatch:Storage:Provider"] = "PostgreSQL",
            [StorageOptions.ConnectionStringKey] = connectionString,
        };
        await using var first = await TestApp.StartAsync(settings);
        await using var second = await TestApp.StartAsync(settings);
        Assert.Equal(HttpStatusCode.OK, (await first.Http.GetAsync("/api/jobs", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.Http.GetAsync("/api/jobs", TestContext.Current.CancellationToken)).StatusCode);
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

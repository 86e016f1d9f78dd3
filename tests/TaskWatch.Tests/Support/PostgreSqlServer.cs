using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

[assembly: AssemblyFixture(typeof(TaskWatch.Tests.Support.PostgreSqlServer))]

namespace TaskWatch.Tests.Support;

/// <summary>
/// A PostgreSQL server of the tests' own: Debian's binaries (<c>/usr/lib/postgresql/*/bin</c>), a data
/// directory in a temp folder, a free loopback port, password authentication over TCP. Started on the first
/// <see cref="DatabaseAsync"/> (a run that needs none never starts it), stopped and deleted when the test
/// assembly ends. <c>initdb</c> refuses to run as root: as root the server runs as the <c>postgres</c> user.
/// Without the binaries a test is skipped with the reason, or fails when <c>CI</c> is set.
/// </summary>
public sealed class PostgreSqlServer : IAsyncDisposable
{
    public const string User = "taskwatch_test";

    // Test-only: the server lives for one test run, on loopback, in a folder deleted afterwards.
    public const string Password = "test-only-Pa55word";

    private readonly SemaphoreSlim _startLock = new(1, 1);
    private string? _folder;
    private string? _bin;
    private int _port;
    private string? _failure;

    /// <summary>The connection string of the server's own maintenance database.</summary>
    public string AdminConnectionString => Connection("postgres");

    /// <summary>
    /// A connection string to a fresh, empty database on the server (not created: TaskWatch's migration creates
    /// it, as it would in production). Skips (or fails under CI) when no server can run here.
    /// </summary>
    public async Task<string> DatabaseAsync()
    {
        await StartAsync().ConfigureAwait(false);
        return Connection("tw_" + Guid.NewGuid().ToString("N")[..16]);
    }

    /// <summary>The path of one of the server's tools (psql, ...), once the server runs.</summary>
    public string Tool(string name) => Path.Combine(_bin ?? throw new InvalidOperationException("The server has not been started."), name);

    /// <summary>The port the server listens on, once it runs.</summary>
    public int Port => _port;

    /// <summary>A connection string to the server with the given database, user and password.</summary>
    public string Connection(string database, string password = Password) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = _port,
        Database = database,
        Username = User,
        Password = password,
        // A test's database is dropped only with the server: pooled connections are not worth keeping idle.
        MaxPoolSize = 20,
    }.ToString();

    public async ValueTask DisposeAsync()
    {
        if (_folder is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        if (_bin is not null && _port != 0)
        {
            await RunAsync(Path.Combine(_bin, "pg_ctl"), "-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w", "stop").ConfigureAwait(false);
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A server that would not stop still holds a file; nothing more can be done from here.
        }

        _startLock.Dispose();
    }

    private async Task StartAsync()
    {
        await _startLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_port == 0 && _failure is null)
            {
                _failure = await TryStartAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _startLock.Release();
        }

        if (_failure is not null)
        {
            var reason = "No PostgreSQL server for the tests: " + _failure + " (apt-get install -y postgresql; .ci/run does).";
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
            {
                Assert.Fail(reason + " CI is set, so a missing server is a failure.");
            }

            Assert.Skip(reason);
        }
    }

    private async Task<string?> TryStartAsync()
    {
        _bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(v => Path.Combine(v, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "initdb")) && File.Exists(Path.Combine(b, "pg_ctl")))
                .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        if (_bin is null)
        {
            return "no initdb and pg_ctl under /usr/lib/postgresql/*/bin";
        }

        // Short: the server's Unix socket lives here too, and a socket path may not pass 107 bytes.
        _folder = Path.Combine(Path.GetTempPath(), "tw-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_folder);
        var passwordFile = Path.Combine(_folder, "password");
        await File.WriteAllTextAsync(passwordFile, Password + "\n").ConfigureAwait(false);
        if (Environment.IsPrivilegedProcess && await RunAsync("chown", "-R", "postgres", _folder).ConfigureAwait(false) is { } chown)
        {
            return "as root the server runs as the postgres user, and giving it the folder failed: " + chown;
        }

        var data = Path.Combine(_folder, "data");
        if (await RunAsync(Path.Combine(_bin, "initdb"), "-D", data, "-U", User, "--pwfile", passwordFile, "--auth-host=scram-sha-256", "--auth-local=trust", "-E", "UTF8", "--locale=C.UTF-8").ConfigureAwait(false) is { } initdb)
        {
            return "initdb failed: " + initdb;
        }

        // A free port, asked of the system; another process could take it before the server binds it, so a few tries.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var port = FreePort();
            var options = $"-p {port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
            if (await RunAsync(Path.Combine(_bin, "pg_ctl"), "-D", data, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60", "start", "-o", options).ConfigureAwait(false) is null)
            {
                _port = port;
                return null;
            }
        }

        return "pg_ctl start failed (see the server log in " + _folder + ")";
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs a PostgreSQL tool (as <c>postgres</c> when this process is root); null when it succeeded, else its output.</summary>
    private static async Task<string?> RunAsync(string tool, params string[] arguments)
    {
        var asPostgres = Environment.IsPrivilegedProcess && tool != "chown";
        var start = new ProcessStartInfo(asPostgres ? "runuser" : tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // The server's own folder: a working directory postgres may not enter would stop pg_ctl.
            WorkingDirectory = Path.GetTempPath(),
        };
        if (asPostgres)
        {
            foreach (var a in new[] { "-u", "postgres", "--", tool })
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        try
        {
            using var process = Process.Start(start)!;
            // pg_ctl start leaves the server running with our stdout open: read until the tool itself exits.
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().ConfigureAwait(false);
            return process.ExitCode == 0 ? null : (await error.ConfigureAwait(false) + await output.ConfigureAwait(false)).Trim();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return ex.Message;
        }
    }
}

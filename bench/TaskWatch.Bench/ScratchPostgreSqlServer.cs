using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace TaskWatch.Bench;

/// <summary>
/// A PostgreSQL server for one bench run, as the tests start theirs: Debian's binaries
/// (<c>/usr/lib/postgresql/*/bin</c>), a data directory in a temp folder, a free loopback port, as the
/// <c>postgres</c> user when the bench runs as root (initdb refuses root). Stopped and deleted on dispose.
/// Durable settings stay as PostgreSQL ships them (fsync on): the figures are those of a real server.
/// </summary>
public sealed class ScratchPostgreSqlServer : IAsyncDisposable
{
    private const string User = "taskwatch_bench";
    private const string Password = "bench-only-Pa55word";

    private readonly string _folder;
    private readonly string _bin;
    private readonly int _port;

    private ScratchPostgreSqlServer(string folder, string bin, int port)
    {
        _folder = folder;
        _bin = bin;
        _port = port;
    }

    /// <summary>A connection string to <paramref name="database"/> on this server.</summary>
    public string Connection(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = _port, Database = database, Username = User, Password = Password,
    }.ToString();

    /// <summary>The server, or null with why not (printed by the scenario, which then measures SQLite alone).</summary>
    public static async Task<(ScratchPostgreSqlServer? Server, string? Why)> StartAsync()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "initdb")) && File.Exists(Path.Combine(b, "pg_ctl")))
                .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0).FirstOrDefault()
            : null;
        if (bin is null)
        {
            return (null, "no initdb and pg_ctl under /usr/lib/postgresql/*/bin (apt-get install -y postgresql)");
        }

        var folder = Path.Combine(Path.GetTempPath(), "tw-bench-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        var passwordFile = Path.Combine(folder, "password");
        await File.WriteAllTextAsync(passwordFile, Password + "\n");
        if (Environment.IsPrivilegedProcess && await RunAsync(false, "chown", "-R", "postgres", folder) is { } chown)
        {
            return (null, "chown to postgres failed: " + chown);
        }

        var data = Path.Combine(folder, "data");
        if (await RunAsync(true, Path.Combine(bin, "initdb"), "-D", data, "-U", User, "--pwfile", passwordFile, "--auth-host=scram-sha-256", "--auth-local=trust", "-E", "UTF8", "--locale=C.UTF-8") is { } initdb)
        {
            Directory.Delete(folder, recursive: true);
            return (null, "initdb failed: " + initdb);
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        if (await RunAsync(true, Path.Combine(bin, "pg_ctl"), "-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "start",
                "-o", $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c shared_buffers=256MB") is { } start)
        {
            Directory.Delete(folder, recursive: true);
            return (null, "pg_ctl start failed: " + start);
        }

        return (new ScratchPostgreSqlServer(folder, bin, port), null);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await RunAsync(true, Path.Combine(_bin, "pg_ctl"), "-D", Path.Combine(_folder, "data"), "-m", "fast", "-w", "stop");
        RepoPaths.DeleteQuietly(_folder);
    }

    private static async Task<string?> RunAsync(bool asServerUser, string tool, params string[] arguments)
    {
        var asPostgres = asServerUser && Environment.IsPrivilegedProcess;
        var start = new ProcessStartInfo(asPostgres ? "runuser" : tool) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        foreach (var a in (asPostgres ? new[] { "-u", "postgres", "--", tool } : []).Concat(arguments))
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? null : (await error + await output).Trim();
    }
}

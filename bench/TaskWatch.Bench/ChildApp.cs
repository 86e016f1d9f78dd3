using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace TaskWatch.Bench;

/// <summary>
/// The published-style TaskWatch binary (bin/Release of the main project) started as a child
/// process on a free loopback port with a temp database; killed and cleaned up on dispose.
/// </summary>
public sealed class ChildApp : IAsyncDisposable
{
    private readonly string _folder;

    private ChildApp(Process process, Uri baseUri, string folder)
    {
        Process = process;
        BaseUri = baseUri;
        _folder = folder;
    }

    public Process Process { get; }

    public Uri BaseUri { get; }

    public static string Executable()
    {
        var root = RepoPaths.Root();
        var bin = Path.Combine(root, "bin", "Release");
        var found = Directory.Exists(bin)
            ? Directory.EnumerateFiles(bin, "TaskWatch", SearchOption.AllDirectories).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
            : null;
        return found ?? throw new InvalidOperationException($"No TaskWatch executable under {bin}: build the bench in Release (it builds the app).");
    }

    /// <param name="executable">The app to start: the Release build output unless given (the footprint scenario starts the published app).</param>
    public static ChildApp Start(IDictionary<string, string> environment, string? executable = null)
    {
        executable ??= Executable();
        var folder = RepoPaths.TempFolder();
        var port = FreePort();
        var info = new ProcessStartInfo(executable, ["--urls", $"http://127.0.0.1:{port}"])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // The content root is the working directory: from the build output the app finds its
            // wwwroot and static web assets (blazor.web.js) as it does under dotnet run.
            WorkingDirectory = Path.GetDirectoryName(executable)!,
        };
        info.Environment["TaskWatch__Database"] = Path.Combine(folder, "taskwatch.db");
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start TaskWatch.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ChildApp(process, new Uri($"http://127.0.0.1:{port}/"), folder);
    }

    /// <summary>Polls / until it answers 200; returns false when the time is up or the process died.</summary>
    public async Task<bool> WaitForOkAsync(HttpClient http, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout && !Process.HasExited)
        {
            try
            {
                using var response = await http.GetAsync(BaseUri);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(10);
        }

        return false;
    }

    public long WorkingSetBytes()
    {
        Process.Refresh();
        return Process.WorkingSet64;
    }

    /// <summary>The file-backed part of a process's resident memory (RssFile in /proc; 0 where there is no /proc).</summary>
    public static long ResidentFileBytes(int processId)
    {
        var status = $"/proc/{processId}/status";
        if (!File.Exists(status))
        {
            return 0;
        }

        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("RssFile:", StringComparison.Ordinal));
        var kilobytes = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1);
        return long.TryParse(kilobytes, System.Globalization.CultureInfo.InvariantCulture, out var kb) ? kb * 1024 : 0;
    }

    public TimeSpan Cpu()
    {
        Process.Refresh();
        return Process.TotalProcessorTime;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                await Process.WaitForExitAsync();
            }
        }
        finally
        {
            Process.Dispose();
            RepoPaths.DeleteQuietly(_folder);
        }
    }
}

using System.Diagnostics;

namespace TaskWatch.Tests.Reliability;

/// <summary>
/// TaskWatch as a separate process (the apphost next to the test's own assembly), so it can be
/// killed for real. It listens on a free loopback port, read from its "running at" line.
/// </summary>
public sealed class ChildTaskWatch : IDisposable
{
    private readonly Process _process;

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output;

    private ChildTaskWatch(Process process, Uri baseUri, System.Collections.Concurrent.ConcurrentQueue<string> output)
    {
        _process = process;
        _output = output;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    public Process Process => _process;

    public static async Task<ChildTaskWatch> StartAsync(string databasePath, IDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var exe = Path.Combine(AppContext.BaseDirectory, "TaskWatch");
        var info = new ProcessStartInfo(exe, ["--urls", "http://127.0.0.1:0", $"--TaskWatch:Database={databasePath}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.Environment["TaskWatch__Demo__Enabled"] = "false";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info)!;
        var address = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            output.Enqueue(e.Data);
            const string marker = "TaskWatch is running at ";
            var at = e.Data.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                address.TrySetResult(new Uri(e.Data[(at + marker.Length)..].Trim().TrimEnd('/') + "/"));
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                output.Enqueue(e.Data);
            }
        };
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => address.TrySetException(new InvalidOperationException("TaskWatch exited before it listened:\n" + string.Join('\n', output)));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var uri = await address.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
            return new ChildTaskWatch(process, uri, output);
        }
        catch
        {
            Kill(process);
            process.Dispose();
            throw;
        }
    }

    /// <summary>The last lines TaskWatch wrote (warnings and errors), for a failing test to show.</summary>
    public string RecentOutput(int lines = 40) => string.Join('\n', _output.TakeLast(lines));

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public void KillHard() => Kill(_process);

    /// <summary>SIGTERM: the host's graceful shutdown.</summary>
    public void Terminate() => Signal("TERM");

    /// <summary>Sends a signal by name (TERM, STOP, CONT, …) through kill(1); false when it could not (the process is gone).</summary>
    public bool Signal(string name)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + name, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
        return kill.ExitCode == 0;
    }

    public void Dispose()
    {
        Kill(_process);
        _process.Dispose();
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
    }
}

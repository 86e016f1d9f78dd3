using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace TaskWatch.Tests.Support;

/// <summary>
/// A real Prometheus Alertmanager (Debian's <c>prometheus-alertmanager</c>) of one test: a config and storage in a
/// temp folder, a free loopback port, no cluster port. Disposing kills it and deletes the folder. Without the
/// binary the test is skipped with the reason, or fails when <c>CI</c> is set.
/// </summary>
public sealed class AlertmanagerServer : IAsyncDisposable
{
    private const string Binary = "/usr/bin/prometheus-alertmanager";

    // Every alert to a receiver that sends nothing: the tests read the alerts back from the API.
    private const string Config = """
        route:
          receiver: nowhere
          group_wait: 1h
        receivers:
          - name: nowhere
        """;

    private readonly Process _process;
    private readonly TempFolder _folder;

    private AlertmanagerServer(Process process, TempFolder folder, Uri baseUri)
    {
        _process = process;
        _folder = folder;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    public static async Task<AlertmanagerServer> StartAsync()
    {
        if (!File.Exists(Binary))
        {
            var reason = $"No {Binary} for the Alertmanager tests (apt-get install -y prometheus-alertmanager; .ci/run does).";
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
            {
                Assert.Fail(reason + " CI is set, so a missing Alertmanager is a failure.");
            }

            Assert.Skip(reason);
        }

        var folder = new TempFolder();
        var config = Path.Combine(folder.Path, "alertmanager.yml");
        await File.WriteAllTextAsync(config, Config).ConfigureAwait(false);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        string? last = null;
        // The port is free when asked; another process could take it before Alertmanager binds it: a few tries.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var port = FreePort();
            var start = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { $"--config.file={config}", $"--storage.path={Path.Combine(folder.Path, "data")}", $"--web.listen-address=127.0.0.1:{port}", "--cluster.listen-address=" })
            {
                start.ArgumentList.Add(a);
            }

            var process = Process.Start(start)!;
            var log = new System.Text.StringBuilder();
            process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
            process.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            var baseUri = new Uri($"http://127.0.0.1:{port}/");
            var until = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < until && !process.HasExited)
            {
                try
                {
                    using var ready = await http.GetAsync(new Uri(baseUri, "-/ready")).ConfigureAwait(false);
                    if (ready.IsSuccessStatusCode)
                    {
                        return new AlertmanagerServer(process, folder, baseUri);
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                catch (TaskCanceledException)
                {
                    // Not answering yet.
                }

                await Task.Delay(100).ConfigureAwait(false);
            }

            Stop(process);
            lock (log)
            {
                last = log.ToString();
            }
        }

        folder.Dispose();
        throw new InvalidOperationException("Alertmanager did not become ready: " + last);
    }

    public ValueTask DisposeAsync()
    {
        Stop(_process);
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

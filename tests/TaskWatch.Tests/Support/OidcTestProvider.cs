using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace TaskWatch.Tests.Support;

/// <summary>
/// A real OpenID provider (the npm <c>oidc-provider</c> pinned in tests/oidc, run by Node) on a free loopback port,
/// with users and their role values; stopped (its own process only) and gone when disposed. Without Node or the
/// installed package the test is skipped with the reason, unless CI is set (then it fails): <c>.ci/run</c> installs it.
/// </summary>
public sealed class OidcTestProvider : IAsyncDisposable
{
    public const string ClientId = "taskwatch";
    public const string ClientSecret = "test-only-client-secret";

    private readonly Process _process;
    private readonly HttpClient _http;

    private OidcTestProvider(Process process, int port)
    {
        _process = process;
        Issuer = new Uri($"http://127.0.0.1:{port}");
        _http = new HttpClient { BaseAddress = Issuer, Timeout = TimeSpan.FromSeconds(10) };
    }

    public Uri Issuer { get; }

    /// <summary>Settings that point TaskWatch at this provider, with the role values mapped as given.</summary>
    public Dictionary<string, string?> Settings(IDictionary<string, string> roleMap)
    {
        var settings = new Dictionary<string, string?>
        {
            ["TaskWatch:Access:Oidc:Authority"] = Issuer.AbsoluteUri.TrimEnd('/'),
            ["TaskWatch:Access:Oidc:ClientId"] = ClientId,
            ["TaskWatch:Access:Oidc:ClientSecret"] = ClientSecret,
            ["TaskWatch:Access:Oidc:Scopes:0"] = "profile",
            ["TaskWatch:Access:Oidc:Scopes:1"] = "roles",
            ["TaskWatch:Access:Oidc:RoleCheckInterval"] = "00:00:01",
        };
        foreach (var (value, role) in roleMap)
        {
            settings[$"TaskWatch:Access:Oidc:RoleMap:{value}"] = role;
        }

        return settings;
    }

    public static async Task<OidcTestProvider> StartAsync(int taskWatchPort, IDictionary<string, string[]> users)
    {
        var folder = RepoFolder.PathOf("tests", "oidc");
        var node = FindOnPath("node");
        if (node is null || !Directory.Exists(Path.Combine(folder, "node_modules", "oidc-provider")))
        {
            const string reason = "The pinned oidc-provider is not installed: run npm ci in tests/oidc (Node 20).";
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
            {
                Assert.Fail(reason + " CI is set, so a missing provider is a failure.");
            }

            Assert.Skip(reason);
        }

        var port = FreePort();
        var start = new ProcessStartInfo(node!, "provider.mjs")
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["OIDC_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["OIDC_CLIENT_ID"] = ClientId;
        start.Environment["OIDC_CLIENT_SECRET"] = ClientSecret;
        start.Environment["OIDC_REDIRECT_URIS"] = $"http://127.0.0.1:{taskWatchPort}/signin-oidc";
        start.Environment["OIDC_USERS"] = JsonSerializer.Serialize(users);
        var process = Process.Start(start)!;
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (e.Data?.StartsWith("listening ", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var provider = new OidcTestProvider(process, port);
        try
        {
            await ready.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            await provider.DisposeAsync();
            throw new InvalidOperationException("The OpenID provider did not start: " + output);
        }

        return provider;
    }

    /// <summary>What an administrator does at the provider: gives a user other role values (none: an empty list).</summary>
    public async Task SetRolesAsync(string user, params string[] roles)
    {
        using var response = await _http.PostAsync($"/test/roles/{Uri.EscapeDataString(user)}", new StringContent(JsonSerializer.Serialize(roles), Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
    }

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.Close();
                _process.Kill();
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }
}

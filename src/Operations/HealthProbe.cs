namespace TaskWatch.Operations;

/// <summary>
/// <c>dotnet TaskWatch.dll --health</c>: asks the running TaskWatch's <c>/healthz/live</c> and exits 0
/// (live) or 1. The container's HEALTHCHECK uses it because the ASP.NET image has no curl or wget.
/// </summary>
public static class HealthProbe
{
    public const string Argument = "--health";

    public static bool Requested(string[] args) => args.Contains(Argument, StringComparer.Ordinal);

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        // Without the flag: the command-line parser would take the next argument as its value.
        var rest = args.Where(a => a != Argument).ToArray();
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables("ASPNETCORE_").AddCommandLine(rest).Build();
        var target = new Uri(LoopbackOf(configuration["urls"]), "healthz/live");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await http.GetAsync(target).ConfigureAwait(false);
            output.WriteLine($"{target}: {(int)response.StatusCode} {response.ReasonPhrase}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            output.WriteLine($"{target}: no answer ({ex.GetBaseException().Message})");
            return 1;
        }
    }

    /// <summary>The first address TaskWatch listens on, with a wildcard host replaced by loopback.</summary>
    public static Uri LoopbackOf(string? urls)
    {
        var first = (urls ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "http://127.0.0.1:5000";
        first = first.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
        var uri = new UriBuilder(first);
        if (uri.Host is "0.0.0.0" or "[::]" or "::")
        {
            uri.Host = "127.0.0.1";
        }

        uri.Path = "/";
        return uri.Uri;
    }
}

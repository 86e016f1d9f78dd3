using Microsoft.AspNetCore.HostFiltering;

namespace TaskWatch.Security;

/// <summary>
/// The <c>Host</c> names TaskWatch answers to (the framework's host filtering): the loopback names, and the names in
/// <c>TaskWatch:Access:AllowedHosts</c> (or the framework's own <c>AllowedHosts</c>, when it names any). A page on
/// another site that resolves its own name to 127.0.0.1 (DNS rebinding) gets a 400. Only while bound beyond loopback
/// with no name configured is any host allowed, with a start-up warning.
/// </summary>
public static class AllowedHostNames
{
    public static readonly string[] Loopback = ["localhost", "127.0.0.1", "[::1]"];

    public static List<string> Configured(IConfiguration configuration, AccessOptions access) =>
        [.. access.AllowedHosts
            .Concat((configuration["AllowedHosts"] ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(h => h.Length > 0 && h != "*")
            .Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>Bound beyond loopback, read from the configured URLs (the server is not listening yet).</summary>
    public static bool BoundBeyondLoopback(IConfiguration configuration)
    {
        var urls = (configuration["urls"] ?? configuration["ASPNETCORE_URLS"] ?? string.Empty)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"] ?? string.Empty))
            .Where(u => u.Length > 0)
            .ToList();
        return urls.Count == 0 || urls.Any(u => !AccessPolicy.IsLoopback(u));
    }

    public static void Configure(HostFilteringOptions options, IConfiguration configuration, AccessOptions access)
    {
        var names = Configured(configuration, access);
        if (names.Count == 0 && BoundBeyondLoopback(configuration))
        {
            options.AllowedHosts = ["*"];
            return;
        }

        options.AllowedHosts = [.. Loopback.Concat(names)];
    }
}

using Microsoft.Extensions.Options;

namespace TaskWatch.Security;

/// <summary>
/// Settings that start but leave a door open or shut for everyone, said once at start-up with what to set:
/// exposed with no way to sign in, or bound beyond loopback answering to any host name.
/// </summary>
public static partial class AccessStartupWarnings
{
    public static void Log(IServiceProvider services, IConfiguration configuration, IEnumerable<string> addresses)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AccessStartupWarnings).FullName!);
        var access = services.GetRequiredService<IOptions<AccessOptions>>().Value;
        var exposed = access.RequireKey ?? (addresses.Any(a => !AccessPolicy.IsLoopback(a)) || access.KnownProxies.Count > 0);
        if (exposed && access.ApiKeys.Count == 0 && string.IsNullOrWhiteSpace(access.TrustedUserHeader) && !OidcConfigured(configuration))
        {
            LogNoSignIn(logger);
        }

        if (addresses.Any(a => !AccessPolicy.IsLoopback(a)) && AllowedHostNames.Configured(configuration, access).Count == 0)
        {
            LogAnyHost(logger);
        }
    }

    private static bool OidcConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[AccessOptions.SectionName + ":Oidc:Authority"]);

    [LoggerMessage(Level = LogLevel.Warning, Message = "TaskWatch is reachable beyond this machine but nobody can sign in: set TaskWatch:Access:Oidc:Authority (single sign-on), TaskWatch:Access:ApiKeys:<name> or TaskWatch:Access:TrustedUserHeader with KnownProxies")]
    private static partial void LogNoSignIn(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "TaskWatch is bound beyond loopback and answers to any Host name: set TaskWatch:Access:AllowedHosts to the names users reach it by (e.g. taskwatch.example.com)")]
    private static partial void LogAnyHost(ILogger logger);
}

namespace TaskWatch.Core;

/// <summary>
/// Who made a change, for the audit: the user's name (the provider's user name, a key's name, or
/// "configuration" / "discovery"), the provider's subject when there is one, how (UI, API, start-up) and the
/// real client's address (through a known proxy). Never a key, token, password or cookie.
/// </summary>
public sealed record AuditActor(string Who, string How, string? Client = null, string? Subject = null)
{
    public const string ViaUi = "UI";
    public const string ViaApi = "API";
    public const string ViaStartUp = "start-up";

    /// <summary>The actor of a change TaskWatch makes itself (configured jobs, discovery, the demo).</summary>
    public static AuditActor Of(RegistrationSource source) => source switch
    {
        RegistrationSource.Configuration => new("configuration", ViaStartUp),
        RegistrationSource.Discovery => new("discovery", "discovery"),
        RegistrationSource.Demo => new("demo", "demo"),
        RegistrationSource.Ui => new("unknown", ViaUi),
        _ => new("unknown", ViaApi),
    };
}

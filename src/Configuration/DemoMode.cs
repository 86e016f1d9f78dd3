namespace TaskWatch.Configuration;

/// <summary>
/// Whether the demo simulator runs: as <c>TaskWatch:Demo:Enabled</c> says when it is set; unset, only while
/// nothing real is configured. With an account or a project configured the simulator's fake jobs would mix
/// with real ones (and a rule without a project filter would alert on them), so demo mode is then off unless
/// asked for. <see cref="Why"/> is for the start-up line.
/// </summary>
public static class DemoMode
{
    public const string EnabledKey = $"{TaskWatchOptions.SectionName}:Demo:Enabled";

    /// <summary>Where the host leaves <see cref="Why"/> for the start-up line (bound to <see cref="DemoOptions.DecidedBy"/>).</summary>
    public const string WhyKey = $"{TaskWatchOptions.SectionName}:Demo:DecidedBy";

    /// <summary>The value <c>TaskWatch:Demo:Enabled</c> should take: the set one, or what the configuration implies.</summary>
    public static bool IsOn(IConfiguration configuration) =>
        Explicit(configuration) ?? !HasRealTargets(configuration);

    /// <summary>How the decision was reached, in the words of the start-up line.</summary>
    public static string Why(IConfiguration configuration) => Explicit(configuration) switch
    {
        true => $"{EnabledKey}=true",
        false => $"{EnabledKey}=false",
        null when HasRealTargets(configuration) => $"accounts or projects are configured; {EnabledKey}=true adds the simulator beside them",
        null => "nothing is configured",
    };

    /// <summary>Null when the key is not set (or set to something that is no boolean: the validator names that).</summary>
    public static bool? Explicit(IConfiguration configuration) =>
        bool.TryParse(configuration[EnabledKey], out var on) ? on : null;

    private static bool HasRealTargets(IConfiguration configuration) =>
        configuration.GetSection($"{TaskWatchOptions.SectionName}:Accounts").GetChildren().Any()
        || configuration.GetSection($"{TaskWatchOptions.SectionName}:Projects").GetChildren().Any();
}

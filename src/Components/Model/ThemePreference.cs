namespace TaskWatch.Components.Model;

/// <summary>
/// The theme a browser asked for, as kept in its localStorage: "dark", "light", or nothing (follow the
/// system's preference, and keep following it when it changes).
/// </summary>
public static class ThemePreference
{
    public const string Dark = "dark";
    public const string Light = "light";

    public static bool IsDark(string? stored, bool systemDark) => stored switch
    {
        Dark => true,
        Light => false,
        _ => systemDark,
    };

    /// <summary>Whether the system's preference still decides (nothing chosen in this browser).</summary>
    public static bool FollowsSystem(string? stored) => stored is not (Dark or Light);

    /// <summary>What a click on the toggle stores: the other theme, from then on in this browser.</summary>
    public static string Toggled(bool isDark) => isDark ? Light : Dark;
}

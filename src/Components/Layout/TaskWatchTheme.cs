using MudBlazor;

namespace TaskWatch.Components.Layout;

/// <summary>
/// The one theme of every page: a dark palette (the wall, and the default) and a light one. The status
/// colours are the same hues in both, darkened in the light palette so text on white keeps 4.5:1.
/// </summary>
public static class TaskWatchTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteDark = new PaletteDark
        {
            Black = "#000000",
            Background = "#101418",
            Surface = "#1a2027",
            AppbarBackground = "#1a2027",
            AppbarText = "#e8edf2",
            DrawerBackground = "#1a2027",
            TextPrimary = "#e8edf2",
            TextSecondary = "#a9b5c1",
            Primary = "#4fc3f7",
            PrimaryContrastText = "#0b1218",
            Secondary = "#b39ddb",
            // The dark palette's colours are light: text on them (a snackbar, a filled button) is dark.
            SecondaryContrastText = "#0b1218",
            Info = "#4fc3f7",
            InfoContrastText = "#0b1218",
            SuccessContrastText = "#0b1218",
            WarningContrastText = "#0b1218",
            ErrorContrastText = "#1a0505",
            Success = "#81c784",
            // Lighter than the usual #ff6b6b: 4.5:1 also on a just-changed (highlighted) row.
            Error = "#ff8a8a",
            Warning = "#ffb74d",
            Divider = "#2c3540",
            TableLines = "#262e37",
            TableHover = "#212932",
            LinesInputs = "#8593a1",
            ActionDefault = "#c9d3dd",
        },
        PaletteLight = new PaletteLight
        {
            Background = "#f5f7f9",
            Surface = "#ffffff",
            AppbarBackground = "#1f4e6e",
            AppbarText = "#ffffff",
            TextPrimary = "#14191e",
            TextSecondary = "#4a5561",
            Primary = "#0b6a99",
            Secondary = "#5e3fa3",
            Info = "#0b6a99",
            Success = "#2e7d32",
            Error = "#c62828",
            Warning = "#a35200",
            Divider = "#d5dbe1",
            TableLines = "#e1e6eb",
            LinesInputs = "#6b7682",
        },
        Typography = new Typography
        {
            // The system's own font: nothing to download, no font request for the policy to allow.
            Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "sans-serif"] },
        },
    };
}

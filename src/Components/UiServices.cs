using MudBlazor.Services;
using TaskWatch.Components.Model;

namespace TaskWatch.Components;

public static class UiServices
{
    public static IServiceCollection AddTaskWatchUi(this IServiceCollection services)
    {
        services.AddScoped<ViewerClock>();
        // Dialogs, snackbars, popovers and the browser-size and scroll services MudBlazor's components inject.
        services.AddMudServices(config =>
        {
            // Top centre, below the app bar (taskwatch.css), over the counters and filters: never over a grid row, whose
            // Stop and Take it sit at the right edge, where a bottom-right toast lay over the newest failure's controls.
            // One at a time, the next when it goes (a batch of failures is one toast already): on a 1280x800 screen scrolled
            // down the grid starts 284 px from the top, and two wrapped toasts reached 392 px (ToastPlacementTests).
            config.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.TopCenter;
            config.SnackbarConfiguration.MaxDisplayedSnackbars = 1;
            config.SnackbarConfiguration.PreventDuplicates = false;
        });
        return services;
    }
}

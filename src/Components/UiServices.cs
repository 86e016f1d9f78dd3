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
            config.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight;
            config.SnackbarConfiguration.PreventDuplicates = false;
        });
        return services;
    }
}

using TaskWatch.Components.Model;

namespace TaskWatch.Components;

public static class UiServices
{
    public static IServiceCollection AddTaskWatchUi(this IServiceCollection services)
    {
        services.AddScoped<ViewerClock>();
        return services;
    }
}

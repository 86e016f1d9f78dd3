using TaskWatch.Configuration;
using TaskWatch.Hosting;
using TaskWatch.Simulator;

var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    // Out of the box, loopback only; --urls or ASPNETCORE_URLS choose otherwise.
    builder.WebHost.UseUrls("http://127.0.0.1:5000");
}

if (StartupValidation.Check(builder.Configuration) is { Count: > 0 } errors)
{
    StartupValidation.Print(errors, Console.Error);
    return 2;
}

await using var demo = DemoSetup.IsEnabled(builder.Configuration)
    ? await DemoSetup.StartAsync(builder.Configuration, builder.Configuration.GetSection("TaskWatch:Demo").Get<DemoOptions>() ?? new(), TimeProvider.System, CancellationToken.None)
    : null;

await using var app = builder.AddTaskWatch(demo).Build();
await app.UseTaskWatchAsync();
await app.RunAsync();
return 0;

/// <summary>The entry point, named so the test host can start it.</summary>
public partial class Program;

using TaskWatch.Hosting;
using TaskWatch.Operations;

// Before the host starts its threads, so that none of them opens an arena beyond the cap.
MallocArenaLimit.Apply();

if (HealthProbe.Requested(args))
{
    return await HealthProbe.RunAsync(args, Console.Out);
}

if (DatabaseBackupCommand.Requested(args))
{
    return await DatabaseBackupCommand.RunAsync(args, Console.Out);
}

TaskWatchHost host;
try
{
    host = await TaskWatchHost.StartAsync(args);
}
catch (StartupException ex)
{
    StartupValidation.Print(ex.Problems, Console.Error);
    return 2;
}

await using (host)
{
    await host.App.WaitForShutdownAsync();
}

return 0;

/// <summary>The entry point, named so tests can find the app's assembly.</summary>
public partial class Program;

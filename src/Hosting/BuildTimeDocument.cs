namespace TaskWatch.Hosting;

/// <summary>
/// At build time Microsoft.Extensions.ApiDescription.Server runs TaskWatch's own start-up (with a server
/// that listens nowhere) to write docs/openapi.json. Then the simulator stays off (its host would be
/// taken for TaskWatch's) and the database is a scratch file among the build outputs.
/// </summary>
public static class BuildTimeDocument
{
    public static bool IsRunning => System.Reflection.Assembly.GetEntryAssembly()?.GetName().Name == "GetDocument.Insider";

    public static readonly Dictionary<string, string?> Settings = new()
    {
        ["TaskWatch:Demo:Enabled"] = "false",
        ["TaskWatch:Database"] = Path.Combine("obj", "openapi", "taskwatch.db"),
        ["Logging:LogLevel:Default"] = "Warning",
    };
}

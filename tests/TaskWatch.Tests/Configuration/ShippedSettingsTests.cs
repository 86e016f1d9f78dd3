using System.Text.Json;
using Microsoft.Extensions.Configuration;
using TaskWatch.Configuration;
using TaskWatch.Hosting;

namespace TaskWatch.Tests.Configuration;

/// <summary>
/// The appsettings.json a newcomer starts from is valid, and every polling value it spells out is the
/// one the code uses without it (tests and hosts built without the file behave as the file says).
/// </summary>
public sealed class ShippedSettingsTests
{
    [Fact]
    public void ShippedSettings_BindWithoutValidationErrors()
    {
        Assert.Empty(StartupValidation.Collect(TaskWatchSettings.Bind(Load(ShippedSettingsPath()))));
    }

    [Fact]
    public void ShippedSettings_LeaveDemoModeToWhatIsConfigured()
    {
        // A value here would count as asked for: `dotnet run` with real accounts in the environment ran the simulator beside them.
        var shipped = Load(ShippedSettingsPath());
        Assert.Null(DemoMode.Explicit(shipped));

        var withAccount = new ConfigurationBuilder().AddConfiguration(shipped)
            .AddInMemoryCollection([new("TaskWatch:Accounts:ops:Auth", "Token")]).Build();
        Assert.True(DemoMode.IsOn(shipped));
        Assert.False(DemoMode.IsOn(withAccount));
    }

    [Fact]
    public void ShippedPollingValues_AreTheCodeDefaults()
    {
        var path = ShippedSettingsPath();
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var spelled = document.RootElement.GetProperty(TaskWatchOptions.SectionName).GetProperty("Polling").EnumerateObject().Select(p => p.Name).ToList();
        Assert.NotEmpty(spelled);

        var shipped = Bind(Load(path)).Polling;
        var defaults = new PollingOptions();
        foreach (var name in spelled)
        {
            var property = typeof(PollingOptions).GetProperty(name);
            Assert.True(property is not null, $"appsettings.json names TaskWatch:Polling:{name}, which PollingOptions does not have.");
            Assert.True(
                Equals(property.GetValue(defaults), property.GetValue(shipped)),
                $"TaskWatch:Polling:{name} is '{property.GetValue(shipped)}' in appsettings.json but '{property.GetValue(defaults)}' in PollingOptions.");
        }
    }

    private static IConfiguration Load(string path) => new ConfigurationBuilder().AddJsonFile(path, optional: false).Build();

    private static TaskWatchOptions Bind(IConfiguration configuration)
    {
        var options = new TaskWatchOptions();
        configuration.GetSection(TaskWatchOptions.SectionName).Bind(options);
        return options;
    }

    private static string ShippedSettingsPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TaskWatch.sln")))
            {
                return Path.Combine(dir.FullName, "appsettings.json");
            }
        }

        throw new InvalidOperationException("TaskWatch.sln was not found above " + AppContext.BaseDirectory);
    }
}

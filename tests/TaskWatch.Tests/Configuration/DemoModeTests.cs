using Microsoft.Extensions.Configuration;
using TaskWatch.Configuration;
using TaskWatch.Operations;
using TaskWatch.Tests.Support;

namespace TaskWatch.Tests.Configuration;

public sealed class DemoModeTests
{
    private static IConfiguration Config(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void IsOn_NothingConfigured_RunsTheDemo()
    {
        var config = Config();

        Assert.True(DemoMode.IsOn(config));
        Assert.Equal("nothing is configured", DemoMode.Why(config));
    }

    [Theory]
    [InlineData("TaskWatch:Accounts:ops:Auth", "Token")]
    [InlineData("TaskWatch:Projects:prod-rds:Service", "Rds")]
    public void IsOn_AnAccountOrProjectConfigured_DemoIsOffUnlessAsked(string key, string value)
    {
        var config = Config((key, value));

        Assert.False(DemoMode.IsOn(config));
        Assert.Contains("TaskWatch:Demo:Enabled=true adds the simulator", DemoMode.Why(config), StringComparison.Ordinal);
        Assert.True(DemoMode.IsOn(Config((key, value), ("TaskWatch:Demo:Enabled", "true"))));
    }

    [Fact]
    public void Describe_SaysWhyDemoIsOff()
    {
        var options = new TaskWatchOptions();
        options.Demo.DecidedBy = "accounts or projects are configured; TaskWatch:Demo:Enabled=true adds the simulator beside them";

        var text = ConnectionReport.Describe(options, demo: null);

        Assert.StartsWith("demo off (accounts or projects are configured;", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithARealProjectAndDemoUnset_StartsNoSimulator()
    {
        // What `dotnet run` with real accounts did: the simulator's fake jobs beside the real ones.
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?>
        {
            ["TaskWatch:Demo:Enabled"] = null,
            ["TaskWatch:Accounts:ops:Auth"] = "Token",
            ["TaskWatch:Accounts:ops:Token"] = "t0ken-for-tests",
            ["TaskWatch:Projects:prod-rds:Account"] = "ops",
            ["TaskWatch:Projects:prod-rds:Service"] = "Rds",
            ["TaskWatch:Projects:prod-rds:ProjectId"] = "0483b6b16e954cb88930a360d2c4e663",
            ["TaskWatch:Projects:prod-rds:Region"] = "eu-de",
            ["TaskWatch:Projects:prod-rds:Endpoint"] = "http://127.0.0.1:9/",
        });

        Assert.Null(app.Host.Demo);
        var jobs = await app.Http.GetStringAsync("/api/jobs", TestContext.Current.CancellationToken);
        Assert.Contains("\"total\":0", jobs, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-0.1, 0.1, 0.05)]
    [InlineData(0.5, 0.4, 0.2)]
    public void DemoLifeSharesThatCannotWork_AreNamedWithTheirValues(double fail, double longRunners, double neverEnds)
    {
        var options = new TaskWatchOptions();
        options.Demo.FailShare = fail;
        options.Demo.LongRunnerShare = longRunners;
        options.Demo.NeverEndsShare = neverEnds;

        var error = Assert.Single(TaskWatchOptionsValidator.Collect(options));

        Assert.StartsWith(FormattableString.Invariant($"TaskWatch:Demo:FailShare '{fail}', LongRunnerShare '{longRunners}' and NeverEndsShare '{neverEnds}':"), error);
        Assert.Contains("together at most 1", error, StringComparison.Ordinal);
    }
}

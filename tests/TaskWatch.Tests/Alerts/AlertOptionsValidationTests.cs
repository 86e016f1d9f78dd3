using TaskWatch.Alerts;
using TaskWatch.Configuration;
using TaskWatch.Hosting;
using TaskWatch.Insight;

namespace TaskWatch.Tests.Alerts;

/// <summary>Each alert and insight setting, when wrong, gets a message naming its key and value (never a URL secret).</summary>
public sealed class AlertOptionsValidationTests
{
    private const string Secret = "hooks-SECRET-99";

    [Fact]
    public void ValidAlertsAndInsight_HaveNoErrors()
    {
        Assert.Empty(StartupValidation.Collect(Settings(Valid().Options, Valid().Alerts)));
    }

    [Fact]
    public void UnknownEvent_IsNamedWithItsKeyAndValue()
    {
        var (o, a) = Valid();
        a.Rules["ops"].On[0] = "Exploded";
        var error = Assert.Single(StartupValidation.Collect(Settings(o, a)));
        Assert.Equal("TaskWatch:Alerts:Rules:ops:On:0 is 'Exploded': use one of Failed, Overdue, NotFound, Completed.", error);
    }

    [Fact]
    public void RuleServices_TakeEveryServicesName_AndAnUnknownOneListsThem()
    {
        var (o, a) = Valid();
        a.Rules["ops"].Services.AddRange(["TaurusDB", "gaussdb", "GeminiDb", "DDM"]);
        Assert.Empty(StartupValidation.Collect(Settings(o, a)));

        a.Rules["ops"].Services.Add("Mysql");
        var error = Assert.Single(StartupValidation.Collect(Settings(o, a)));
        Assert.Equal("TaskWatch:Alerts:Rules:ops:Services:5 is 'Mysql': use one of Rds, Dds, TaurusDb, GaussDb, GeminiDb, Ddm.", error);
    }

    [Fact]
    public void RuleNamingAnUnknownChannel_ListsTheKnownOnes()
    {
        var (o, a) = Valid();
        a.Rules["ops"].Channels[0] = "pager";
        var error = Assert.Single(StartupValidation.Collect(Settings(o, a)));
        Assert.Equal("TaskWatch:Alerts:Rules:ops:Channels:0 is 'pager': no such channel under TaskWatch:Alerts:Channels (known: chat).", error);
    }

    [Fact]
    public void BadChannelKindAndUrl_AreNamed_ButTheUrlIsNotEchoed()
    {
        var (o, a) = Valid();
        a.Channels["chat"].Kind = "Pigeon";
        a.Channels["chat"].Url = $"ftp://example.com/{Secret}";
        var errors = StartupValidation.Collect(Settings(o, a));
        Assert.Contains("TaskWatch:Alerts:Channels:chat:Kind is 'Pigeon': use one of Webhook, Slack, Teams, Alertmanager.", errors);
        Assert.Contains(errors, e => e.StartsWith("TaskWatch:Alerts:Channels:chat:Url is not an absolute http(s) URL", StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => e.Contains(Secret, StringComparison.Ordinal));
    }

    [Fact]
    public void RulesWithoutPublicBaseUrl_AskForIt()
    {
        var (o, a) = Valid();
        a.PublicBaseUrl = null;
        Assert.StartsWith("TaskWatch:Alerts:PublicBaseUrl is missing", Assert.Single(StartupValidation.Collect(Settings(o, a))), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("HistorySize", "TaskWatch:Insight:HistorySize is '0'")]
    [InlineData("MinimumRuns", "TaskWatch:Insight:MinimumRuns is '0'")]
    [InlineData("OverdueFactor", "TaskWatch:Insight:OverdueFactor is '0.5'")]
    [InlineData("StallAfter", "TaskWatch:Insight:StallAfter is '00:00:00'")]
    public void BadInsightSetting_IsNamedWithItsValue(string field, string expectedStart)
    {
        var (o, a) = Valid();
        var insight = new InsightOptions();
        switch (field)
        {
            case "HistorySize": insight.HistorySize = 0; insight.MinimumRuns = 0; break;
            case "MinimumRuns": insight.MinimumRuns = 0; break;
            case "OverdueFactor": insight.OverdueFactor = 0.5; break;
            default: insight.StallAfter = TimeSpan.Zero; break;
        }

        Assert.Contains(StartupValidation.Collect(Settings(o, a, insight)), e => e.StartsWith(expectedStart, StringComparison.Ordinal));
    }

    private static TaskWatchSettings Settings(TaskWatchOptions options, AlertOptions alerts, InsightOptions? insight = null) => new(options, insight ?? new(), alerts, new(), new());

    private static (TaskWatchOptions Options, AlertOptions Alerts) Valid() => (
        new TaskWatchOptions { Demo = new DemoOptions { Enabled = true } },
        new AlertOptions
        {
            PublicBaseUrl = "https://taskwatch.example.com/",
            Channels = { ["chat"] = new AlertChannelOptions { Kind = "Slack", Url = $"https://hooks.example.com/services/{Secret}" } },
            Rules = { ["ops"] = new AlertRuleOptions { On = ["Failed", "Overdue"], Services = ["Rds"], JobName = "Create*", Channels = ["chat"] } },
        });
}

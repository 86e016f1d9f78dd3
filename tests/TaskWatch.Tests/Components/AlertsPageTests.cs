using Bunit;
using Microsoft.EntityFrameworkCore;
using TaskWatch.Storage;
using TaskWatch.Tests.Reliability;
using TaskWatch.Tests.Support;

namespace TaskWatch.Tests.Components;

/// <summary>The alerts page over a real database: what was sent, what failed and why, refreshed on demand.</summary>
public sealed class AlertsPageTests
{
    private sealed class Pages(TestApp app) : UiTestContext(app);

    [Fact(Timeout = 120_000)]
    public async Task Alerts_NoRulesNoDeliveries_SaysSo_ThenRefreshShowsAFailedDeliveryWithItsError()
    {
        await using var app = await TestApp.StartAsync(MalformedRequestTests.OneProjectNoDemo());
        await using var pages = new Pages(app);
        var alerts = pages.Render<TaskWatch.Components.Pages.Alerts>();

        alerts.WaitForAssertion(() => Assert.Equal("No alerts sent yet.", alerts.Find("[data-testid=no-deliveries]").TextContent.Trim()), TimeSpan.FromSeconds(20));
        Assert.Contains("No alert rules are configured", alerts.Find("[data-testid=no-rules]").TextContent, StringComparison.Ordinal);

        var factory = app.Service<IDbContextFactory<TaskWatchDbContext>>();
        await using (var db = await factory.CreateDbContextAsync(Xunit.TestContext.Current.CancellationToken))
        {
            db.AlertDeliveries.Add(new AlertDelivery
            {
                Project = "demo-rds-eu-de", JobId = "job-1", JobName = "RestartMysqlInstance", Event = "Failed", Channel = "ops-chat", Rule = "failures",
                Status = AlertDeliveryStatus.Failed, Attempts = 3, CreatedUtc = UiTestContext.Now, LastAttemptUtc = UiTestContext.Now, LastError = "HTTP 500",
            });
            await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        }

        alerts.FindAll("button").Single(b => b.TextContent.Trim() == "Refresh").Click();

        alerts.WaitForAssertion(() => Assert.Single(alerts.FindAll("[data-testid=delivery]")), TimeSpan.FromSeconds(20));
        var cells = alerts.Find("[data-testid=delivery]").QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal("2026-11-23 12:00:00", cells[0]);
        Assert.StartsWith("RestartMysqlInstance", cells[1], StringComparison.Ordinal);
        Assert.Equal(["Failed", "ops-chat (rule failures)", "Failed", "3", "HTTP 500"], cells.Skip(2));
        Assert.Equal("/jobs/demo-rds-eu-de/job-1", "/" + alerts.Find("[data-testid=delivery] a").GetAttribute("href"));
    }
}

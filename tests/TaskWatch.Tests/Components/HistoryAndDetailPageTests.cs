using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using TaskWatch.Cloud;
using TaskWatch.Components.Pages;
using TaskWatch.Core;
using TaskWatch.Tests.Reliability;
using TaskWatch.Tests.Support;
using TaskWatch.Storage;
using TaskWatch.Tracking;

namespace TaskWatch.Tests.Components;

/// <summary>The history and the job page over a real database (a TaskWatch started for the test, its cloud unreachable).</summary>
public sealed class HistoryAndDetailPageTests
{
    private sealed class Pages(TestApp app) : UiTestContext(app)
    {
        public NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();
    }

    private static async Task<(TestApp App, string First, string Second)> StartWithTwoJobsAsync()
    {
        var app = await TestApp.StartAsync(MalformedRequestTests.OneProjectNoDemo());
        var (first, second) = (Guid.NewGuid().ToString(), Guid.NewGuid().ToString());
        var results = await app.Service<JobRegistrar>().RegisterAsync([(HostileDialogInputs.Project, first), (HostileDialogInputs.Project, second)], RegistrationSource.Api, Xunit.TestContext.Current.CancellationToken);
        Assert.All(results, r => Assert.True(r.Accepted));
        return (app, first, second);
    }

    [Fact(Timeout = 120_000)]
    public async Task History_SearchById_FindsTheJob_AndTheSearchGoesInTheUrl()
    {
        var (app, first, second) = await StartWithTwoJobsAsync();
        await using var _ = app;
        await using var pages = new Pages(app);
        pages.Navigation.NavigateTo("/history");
        var history = pages.Render<History>();
        history.WaitForAssertion(() => Assert.Equal("2 job(s) found; showing 1–2.", history.Find("[data-testid=history-count]").TextContent.Trim()), TimeSpan.FromSeconds(20));

        history.Find("[data-testid=history-text]").Change(first);
        history.Find("[data-testid=history-form]").Submit();

        Assert.EndsWith($"/history?q={first}", pages.Navigation.Uri, StringComparison.Ordinal);
        history.WaitForAssertion(() => Assert.Equal([first], history.FindAll("tr[data-job-id]").Select(r => r.GetAttribute("data-job-id"))), TimeSpan.FromSeconds(20));
        Assert.Empty(history.FindAll($"tr[data-job-id='{second}']"));
    }

    [Fact(Timeout = 120_000)]
    public async Task History_ProjectBox_SuggestsTheConfiguredProjects_AndSearchesAnyTypedProject()
    {
        var (app, _, _) = await StartWithTwoJobsAsync();
        await using var __ = app;
        await using var pages = new Pages(app);
        pages.Navigation.NavigateTo("/history");
        var history = pages.Render<History>();
        history.WaitForAssertion(() => Assert.Equal("2 job(s) found; showing 1–2.", history.Find("[data-testid=history-count]").TextContent.Trim()), TimeSpan.FromSeconds(20));

        var box = history.Find("[data-testid=history-project]");
        var suggestions = history.Find($"datalist#{box.GetAttribute("list")}").QuerySelectorAll("option").Select(o => o.GetAttribute("value"));
        Assert.Equal(pages.Services.GetRequiredService<ProjectCatalog>().All.Select(p => p.Name).Order(), suggestions);
        Assert.NotEmpty(suggestions);

        // A project no longer configured still has its history: the box takes any name, not only a suggestion.
        box.Change("retired-project");
        history.Find("[data-testid=history-form]").Submit();
        Assert.EndsWith("/history?project=retired-project", pages.Navigation.Uri, StringComparison.Ordinal);
        history.WaitForAssertion(() => Assert.Equal("0 job(s) found.", history.Find("[data-testid=history-count]").TextContent.Trim()), TimeSpan.FromSeconds(20));
    }

    [Fact(Timeout = 120_000)]
    public async Task History_OpenedWithATimeInTheUrl_ShowsItInTheViewersZone_InThePickers()
    {
        var (app, _, _) = await StartWithTwoJobsAsync();
        await using var __ = app;
        await using var pages = new Pages(app);
        pages.Clock.SetBrowserZone("Europe/Berlin");
        pages.Navigation.NavigateTo("/history?from=2026-11-20T08:30:00Z&status=Failed");
        var history = pages.Render<History>();

        history.WaitForAssertion(() => Assert.Equal("0 job(s) found.", history.Find("[data-testid=history-count]").TextContent.Trim()), TimeSpan.FromSeconds(20));
        Assert.Equal("2026-11-20", history.Find("[data-testid=history-from-date]").GetAttribute("value"));
        Assert.Equal("09:30", history.Find("[data-testid=history-from-time]").GetAttribute("value"));
        Assert.Equal("Failed", history.Find("[data-testid=history-status]").TextContent);
        Assert.Equal("No job matches this search.", history.Find("[data-testid=history-results] td").TextContent);
    }

    [Fact(Timeout = 120_000)]
    public async Task JobDetail_TrackedJob_ShowsItsFieldsAndPolling_UnknownJob_SaysNotTracked()
    {
        var (app, first, _) = await StartWithTwoJobsAsync();
        await using var __ = app;
        await using var pages = new Pages(app);
        var detail = pages.Render<JobDetail>(p => p.Add(d => d.Project, HostileDialogInputs.Project).Add(d => d.JobId, first));
        detail.WaitForAssertion(() => Assert.NotNull(detail.Find("[data-testid=polling-state]")), TimeSpan.FromSeconds(20));
        Assert.Contains(first, detail.Find(".tw-facts").TextContent, StringComparison.Ordinal);
        Assert.NotNull(detail.Find("[data-testid=timeline]"));

        var unknown = pages.Render<JobDetail>(p => p.Add(d => d.Project, HostileDialogInputs.Project).Add(d => d.JobId, "0123456789abcdef0123456789abcdef"));
        unknown.WaitForAssertion(() => Assert.Contains("This job is not tracked.", unknown.Find("[data-testid=not-tracked]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(20));
    }
}

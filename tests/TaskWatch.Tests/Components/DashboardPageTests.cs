using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using TaskWatch.Components.Pages;
using TaskWatch.Core;

namespace TaskWatch.Tests.Components;

/// <summary>The dashboard as a user sees and uses it: filters, sorting, live rows, the register button.</summary>
public sealed class DashboardPageTests : UiTestContext
{
    private static JobView Job(string id, JobState state, string project, CloudService service, int? progress = null) =>
        WallBoardTests.Job(id, state, project: project, service: service, ended: state == JobState.Running ? null : Now.AddMinutes(-5), reason: state == JobState.Failed ? "disk full" : null) with { Progress = progress };

    private IRenderedComponent<Dashboard> RenderDashboard(string uri = "/")
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(uri);
        Live.Publish([
            Job("r1", JobState.Running, "prod-rds", CloudService.Rds, 40),
            Job("d1", JobState.Running, "prod-dds", CloudService.Dds, 10),
            Job("f1", JobState.Failed, "prod-rds", CloudService.Rds),
        ]);
        return Render<Dashboard>();
    }

    // MudDataGrid puts no attributes on a <tr>: the Job cell's link carries the job's id and status, its row holds the rest.
    private static string[] RowIds(IRenderedComponent<Dashboard> page) =>
        ShownIds(page).Order().ToArray();

    private static IEnumerable<string> ShownIds(IRenderedComponent<Dashboard> page) =>
        page.FindAll("[data-testid=jobs-grid] tr [data-job-id]").Select(r => r.GetAttribute("data-job-id")!);

    private static AngleSharp.Dom.IElement Cell(IRenderedComponent<Dashboard> page, string jobId, string selector) =>
        RowOf(page, jobId).QuerySelector(selector) ?? throw new Xunit.Sdk.XunitException($"no {selector} in the row of {jobId}");

    private static AngleSharp.Dom.IElement RowOf(IRenderedComponent<Dashboard> page, string jobId) =>
        page.Find($"[data-testid=jobs-grid] [data-job-id={jobId}]").Closest("tr")!;

    [Fact]
    public void Dashboard_NoFilter_ShowsEveryJobWithStatusAndProgress()
    {
        var page = RenderDashboard();
        Assert.Equal(["d1", "f1", "r1"], RowIds(page));
        Assert.Equal("3 of 3 jobs", page.Find("[data-testid=row-count]").TextContent.Trim());
        var bar = Cell(page, "r1", "[data-testid=progress]");
        Assert.Equal("progressbar", bar.GetAttribute("role"));
        Assert.Equal("40", bar.GetAttribute("aria-valuenow"));
        Assert.Equal("Progress of Job r1", bar.GetAttribute("aria-label"));
        Assert.Contains("Failed", Cell(page, "f1", "[data-testid=status]").TextContent, StringComparison.Ordinal);
        Assert.Equal("disk full", Cell(page, "f1", "[data-testid=fail-reason]").TextContent);
    }

    [Fact]
    public void Dashboard_PickProject_NarrowsTheGrid_AndPutsTheFilterInTheUrl()
    {
        var page = RenderDashboard();
        Pick(page, "filter-project", "prod-dds");

        page.WaitForAssertion(() => Assert.Equal(["d1"], RowIds(page)));
        Assert.EndsWith("/?project=prod-dds", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
        Assert.Equal("1 of 3 jobs", page.Find("[data-testid=row-count]").TextContent.Trim());
    }

    [Fact]
    public void Dashboard_PickStatus_ShowsOnlyThatStatus()
    {
        var page = RenderDashboard();
        Pick(page, "filter-status", "Failed");

        page.WaitForAssertion(() => Assert.Equal(["f1"], RowIds(page)));
        Assert.Contains("status=Failed", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Dashboard_TypeSearchText_NarrowsTheGrid_AndKeepsItInTheUrl()
    {
        var page = RenderDashboard();
        page.Find("[data-testid=filter-text]").Change("d1");

        page.WaitForAssertion(() => Assert.Equal(["d1"], RowIds(page)));
        Assert.EndsWith("/?q=d1", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void Dashboard_OpenedWithFiltersInTheUrl_ShowsThemChosen_AndOnlyMatchingRows()
    {
        var page = RenderDashboard("/?service=Rds&status=Running");
        Assert.Equal(["r1"], RowIds(page));
        Assert.Equal("Rds", page.Find("[data-testid=filter-service]").TextContent);
        Assert.Equal("Running", page.Find("[data-testid=filter-status]").TextContent);
    }

    [Fact]
    public void Dashboard_FilterMatchesNothing_SaysSo()
    {
        var page = RenderDashboard("/?q=nothing-like-this");
        Assert.Empty(RowIds(page));
        Assert.Equal("No jobs match these filters.", page.Find("[data-testid=no-rows]").TextContent);
    }

    [Fact]
    public void Dashboard_ClickColumnHeader_SortsByIt_AndTheUrlAndHeaderSaySo()
    {
        var page = RenderDashboard();
        page.FindAll("th button.tw-sort").Single(b => b.TextContent.StartsWith("Progress", StringComparison.Ordinal)).Click();

        page.WaitForAssertion(() => Assert.Equal("descending", page.Find("th.tw-col-progress").GetAttribute("aria-sort")));
        Assert.Contains("sort=Progress", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["r1", "d1"], ShownIds(page).Take(2));
    }

    [Fact]
    public void Dashboard_LiveChange_UpdatesItsRow_WithoutTouchingTheOthers()
    {
        var page = RenderDashboard();
        Live.Publish([Job("r1", JobState.Running, "prod-rds", CloudService.Rds, 75)]);

        page.WaitForAssertion(() => Assert.Equal("75", Cell(page, "r1", "[data-testid=progress]").GetAttribute("aria-valuenow")));
        Assert.Equal("75%", Cell(page, "r1", ".tw-progress-text").TextContent);
        Assert.Equal("10", Cell(page, "d1", "[data-testid=progress]").GetAttribute("aria-valuenow"));
    }

    [Fact]
    public void Dashboard_SortedByProgress_ALiveChangeThatOvertakes_MovesItsRowUp()
    {
        var page = RenderDashboard("/?sort=Progress&desc=1");
        Assert.Equal(["r1", "d1"], ShownIds(page).Take(2));

        Live.Publish([Job("d1", JobState.Running, "prod-dds", CloudService.Dds, 90)]);

        page.WaitForAssertion(() => Assert.Equal(["d1", "r1"], ShownIds(page).Take(2)));
        Assert.Equal("90", Cell(page, "d1", "[data-testid=progress]").GetAttribute("aria-valuenow"));
    }

    [Fact]
    public void Dashboard_Filtered_AJobArrivingElsewhere_IsCounted_AndLeavesTheGridAlone()
    {
        var page = RenderDashboard("/?project=prod-dds");
        Assert.Equal("2", page.Find("[data-testid=count-running] .tw-counter-value").TextContent);

        Live.Publish([Job("r2", JobState.Running, "prod-rds", CloudService.Rds, 5)]);

        page.WaitForAssertion(() => Assert.Equal("1 of 4 jobs", page.Find("[data-testid=row-count]").TextContent.Trim()));
        Assert.Equal("3", page.Find("[data-testid=count-running] .tw-counter-value").TextContent);
        Assert.Equal(["d1"], RowIds(page));
    }

    [Fact]
    public void Dashboard_LiveFailure_MovesRowToFailed_AndCountsIt()
    {
        var page = RenderDashboard();
        Assert.Equal("1", page.Find("[data-testid=count-failed] .tw-counter-value").TextContent);
        Live.Publish([Job("d1", JobState.Failed, "prod-dds", CloudService.Dds)]);

        page.WaitForAssertion(() => Assert.Equal("Failed", page.Find("[data-testid=jobs-grid] [data-job-id=d1]").GetAttribute("data-status")));
        Assert.Equal("2", page.Find("[data-testid=count-failed] .tw-counter-value").TextContent);
        Assert.Empty(RowOf(page, "d1").QuerySelectorAll("[data-testid=progress]"));
    }

    [Fact]
    public void Dashboard_RegisterButton_OpensTheRegistrationDialog()
    {
        var dialogs = Render<MudDialogProvider>();
        var page = RenderDashboard();
        page.Find("[data-testid=open-register]").Click();

        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("[data-testid=register-dialog]")));
        Assert.Contains("Register jobs", dialogs.Markup, StringComparison.Ordinal);
    }
}

using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using TaskWatch.Components.Controls;
using TaskWatch.Components.Model;
using TaskWatch.Tests.Reliability;
using TaskWatch.Tests.Support;

namespace TaskWatch.Tests.Components;

/// <summary>The registration dialog, opened through the dialog service as the dashboard opens it.</summary>
public sealed class RegisterJobsDialogTests : UiTestContext
{
    public RegisterJobsDialogTests()
    {
    }

    private RegisterJobsDialogTests(TestApp app)
        : base(app)
    {
    }

    private IRenderedComponent<MudDialogProvider> Open(IReadOnlyList<string> projects, string? project = null)
    {
        var provider = Render<MudDialogProvider>();
        var parameters = new DialogParameters<RegisterJobsDialog> { { d => d.ProjectNames, projects }, { d => d.Project, project } };
        provider.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<RegisterJobsDialog>("Register jobs", parameters, RegisterJobsDialog.Options));
        provider.WaitForAssertion(() => Assert.NotNull(provider.Find("[data-testid=register-dialog]")));
        return provider;
    }

    [Fact]
    public void Dialog_NothingPasted_RefusesNamingTheIdsField_AndMarksIt()
    {
        var dialog = Open(["prod-rds", "prod-dds"]);
        dialog.Find("[data-testid=register-submit]").Click();

        var problem = dialog.WaitForElement("[data-testid=register-problem]");
        Assert.Equal(JobRegistrationForm.IdsField, problem.GetAttribute("data-field"));
        Assert.StartsWith("Job ids: ", problem.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("true", dialog.Find("[data-testid=register-ids]").GetAttribute("aria-invalid"));
        Assert.Equal("false", dialog.Find("[data-testid=register-project]").GetAttribute("aria-invalid"));
    }

    [Fact]
    public void Dialog_NotAJobId_RefusedWithWhy_AndNothingRegistered()
    {
        var dialog = Open(["prod-rds"]);
        dialog.Find("[data-testid=register-ids]").Input("not/a/job/id");
        Assert.Equal("1 job id(s).", dialog.Find("[data-testid=register-count]").TextContent.Trim());
        dialog.Find("[data-testid=register-submit]").Click();

        var problem = dialog.WaitForElement("[data-testid=register-problem]");
        Assert.Contains("Job ids: 'not/a/job/id' is not a job id", problem.TextContent, StringComparison.Ordinal);
        Assert.Contains("✖ Not a job id", dialog.Find("tr[data-result-id='not/a/job/id']").TextContent, StringComparison.Ordinal);
        Assert.Equal("0 of 1 accepted.", dialog.Find("[data-testid=register-summary]").TextContent.Trim());
        Assert.Equal(0, Live.Count);
    }

    [Fact]
    public void Dialog_CountsIdsAsTheyArePasted_RepeatsIgnored()
    {
        var dialog = Open(["prod-rds"]);
        var id = Guid.NewGuid().ToString();
        dialog.Find("[data-testid=register-ids]").Input($"{id}\n{id}, {Guid.NewGuid()}");

        Assert.Equal("2 job id(s), 1 repeated (ignored).", dialog.Find("[data-testid=register-count]").TextContent.Trim());
    }

    [Fact]
    public void Dialog_OpenedFromAFilteredDashboard_StartsOnThatProject()
    {
        var dialog = Open(["prod-dds", "prod-rds"], project: "prod-rds");
        Assert.Equal("prod-rds", dialog.Find("[data-testid=register-project]").TextContent);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("'; DROP TABLE TrackedJobs; --")]
    public void Dialog_HostileProjectName_ShownAsTextNotMarkup(string hostile)
    {
        var dialog = Open([HostileDialogInputs.Project, hostile], project: hostile);
        Assert.Equal(hostile, dialog.Find("[data-testid=register-project]").TextContent);
        Assert.Empty(dialog.FindAll("script"));
    }

    [Fact(Timeout = 120_000)]
    public async Task Dialog_ValidAndInvalidIds_RegistersTheValidOne_AndListsEachResult()
    {
        await using var app = await TestApp.StartAsync(MalformedRequestTests.OneProjectNoDemo());
        await using var context = new RegisterJobsDialogTests(app);
        var dialog = context.Open([HostileDialogInputs.Project]);
        var id = Guid.NewGuid().ToString();
        dialog.Find("[data-testid=register-ids]").Input($"{id}\nnope");
        dialog.Find("[data-testid=register-submit]").Click();

        dialog.WaitForAssertion(() => Assert.Equal("1 of 2 accepted.", dialog.Find("[data-testid=register-summary]").TextContent.Trim()), TimeSpan.FromSeconds(30));
        Assert.Contains("Registered: tracking now.", dialog.Find($"tr[data-result-id='{id}']").TextContent, StringComparison.Ordinal);
        Assert.Contains("Not a job id", dialog.Find("tr[data-result-id='nope']").TextContent, StringComparison.Ordinal);
        Assert.Empty(dialog.FindAll("[data-testid=register-problem]"));
    }
}

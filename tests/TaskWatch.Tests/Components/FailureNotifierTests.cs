using Bunit;
using MudBlazor;
using TaskWatch.Components.Controls;
using TaskWatch.Core;

namespace TaskWatch.Tests.Components;

/// <summary>A job that fails while the page is open is announced in a snackbar, its reason as text.</summary>
public sealed class FailureNotifierTests : UiTestContext
{
    [Fact]
    public void Notifier_JobFailsWhileOpen_ShowsASnackbarWithTheReason_ButNotForFailuresAlreadyShown()
    {
        Live.Publish([WallBoardTests.Job("old", JobState.Failed, reason: "old news")]);
        var snackbars = Render<MudSnackbarProvider>();
        Render<FailureNotifier>();

        Live.Publish([WallBoardTests.Job("new", JobState.Failed, reason: "<b>disk</b> full")]);

        snackbars.WaitForAssertion(() => Assert.Contains("Job failed: Job new · p1: <b>disk</b> full", snackbars.Find(".mud-snackbar").TextContent, StringComparison.Ordinal));
        Assert.Empty(snackbars.FindAll(".mud-snackbar b"));
        Assert.DoesNotContain("old news", snackbars.Markup, StringComparison.Ordinal);
    }
}

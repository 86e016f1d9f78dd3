using Bunit;
using MudBlazor;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using TaskWatch.Components.Controls;
using TaskWatch.Components.Model;
using TaskWatch.Components.Pages;
using TaskWatch.Core;
using TaskWatch.Security;

namespace TaskWatch.Tests.Components;

/// <summary>Taking a failure: the control, the wall's split, the dashboard's "needs attention", as a user sees them.</summary>
public sealed class AcknowledgeTests : UiTestContext
{
    private static JobView Failed(string id, DateTime ended, JobAck? ack = null) =>
        WallBoardTests.Job(id, JobState.Failed, project: "prod-rds", instance: "i-" + id, ended: ended, reason: "disk full") with { Ack = ack };

    private static JobView Running(string id) => WallBoardTests.Job(id, JobState.Running, project: "prod-rds", instance: "i-" + id) with { Progress = 10 };

    [Fact]
    public void Control_OnAFailedJob_TakesItWithTheNote_ThenSaysWho_AndLetsGo()
    {
        var job = Failed("f1", Now.AddMinutes(-3));
        Live.Publish([job]);
        var control = Render<AckControl>(p => p.Add(c => c.Job, job));
        Assert.Contains("nobody has taken it", control.Find("[data-testid=ack-none]").TextContent, StringComparison.Ordinal);

        control.Find(".tw-ack-note input").Change("INC-4711");
        control.Find("[data-testid=ack-button]").Click();

        var call = Assert.Single(Acknowledger!.Calls);
        Assert.Equal("INC-4711", call.Note);
        Assert.Equal(AccessClaims.LocalName, call.Actor.Who);
        control.Render(p => p.Add(c => c.Job, Live.Find(job.Key)!));
        Assert.Equal($"on it: {AccessClaims.LocalName}, INC-4711", control.Find("[data-testid=ack-who]").TextContent);

        control.Find("[data-testid=unack-button]").Click();
        Assert.Null(Live.Find(job.Key)!.Ack);
    }

    [Fact]
    public void Control_NoteWithALineBreak_IsRefusedWithWhy()
    {
        var job = Failed("f1", Now.AddMinutes(-3));
        Live.Publish([job]);
        var control = Render<AckControl>(p => p.Add(c => c.Job, job));
        control.Find(".tw-ack-note input").Change("two\nlines");
        control.Find("[data-testid=ack-button]").Click();
        Assert.Contains("U+000A", control.Find("[data-testid=ack-problem]").TextContent, StringComparison.Ordinal);
        Assert.Null(Live.Find(job.Key)!.Ack);
    }

    [Fact]
    public void Control_RunningJob_OffersNothing()
    {
        var control = Render<AckControl>(p => p.Add(c => c.Job, Running("r1")));
        Assert.Empty(control.FindAll("[data-testid=ack]"));
    }

    [Fact]
    public void Control_Viewer_SeesWhoIsOnIt_ButNoButton()
    {
        Auth.SetRoles(AccessRoles.Viewer);
        Auth.SetPolicies(AccessRoles.Viewer);
        var control = Render<AckControl>(p => p.Add(c => c.Job, Failed("f1", Now.AddMinutes(-3), new JobAck("ana", Now, null))));
        Assert.Equal("on it: ana", control.Find("[data-testid=ack-who]").TextContent);
        Assert.Empty(control.FindAll("button"));
    }

    [Fact]
    public void Wall_UnacknowledgedFailuresComeFirst_AcknowledgedSayWho_AndTheCountIsSplit()
    {
        Live.MarkPollerAlive();
        Services.GetRequiredService<NavigationManager>().NavigateTo("/wall");
        Live.Publish([
            Failed("taken", Now.AddMinutes(-1), new JobAck("ana", Now, "INC-1")),
            Failed("older", Now.AddMinutes(-50)),
            Failed("newer", Now.AddMinutes(-10)),
        ]);
        var dialogs = Render<MudDialogProvider>();
        var wall = Render<Wall>();

        var cards = wall.FindAll(".tw-wall-failure");
        Assert.Equal(["newer", "older", "taken"], cards.Select(c => c.GetAttribute("data-job-id")));
        Assert.Equal("true", cards[2].GetAttribute("data-acknowledged"));
        Assert.Equal("on it: ana, INC-1", cards[2].QuerySelector("[data-testid=on-it]")!.TextContent);
        Assert.Contains("Failed (3) · 2 unacknowledged", wall.Find(".tw-wall-failures h2").TextContent, StringComparison.Ordinal);
        Assert.Contains(", 2 unacknowledged", wall.Find("[data-testid=count-unacknowledged]").TextContent, StringComparison.Ordinal);

        // Taking the oldest from its card asks for a note (Enter in it takes it), moves it below the others and says who.
        wall.Find(".tw-wall-failure[data-job-id=older] [data-testid=ack-button]").Click();
        var note = dialogs.WaitForElement("[data-testid=ack-dialog-note]");
        note.Input("retrying at 14:00");
        note.KeyDown(Key.Enter);
        wall.WaitForAssertion(() =>
        {
            var now = wall.FindAll(".tw-wall-failure");
            Assert.Equal("newer", now[0].GetAttribute("data-job-id"));
            Assert.Equal($"on it: {AccessClaims.LocalName}, retrying at 14:00", wall.Find(".tw-wall-failure[data-job-id=older] [data-testid=on-it]").TextContent);
        });
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
    }

    [Fact]
    public void Dashboard_NeedsAttention_ShowsOnlyFailuresNobodyTook_AndARowCanBeTaken()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/?status=NeedsAttention");
        Live.Publish([Failed("open", Now.AddMinutes(-5)), Failed("taken", Now.AddMinutes(-5), new JobAck("ana", Now, null)), Running("r1")]);
        var dialogs = Render<MudDialogProvider>();
        var page = Render<Dashboard>();
        page.WaitForAssertion(() => Assert.Equal(["open"], page.FindAll("[data-testid=jobs-grid] tr [data-job-id]").Select(e => e.GetAttribute("data-job-id"))));

        page.Find("[data-testid=row-ack]").Click();
        dialogs.WaitForElement("[data-testid=ack-dialog-note]").Input("INC-4711");
        dialogs.Find("[data-testid=ack-dialog-take]").Click();
        Assert.Equal(new JobAck(AccessClaims.LocalName, Now, "INC-4711"), Live.Find(new JobKey("prod-rds", "open"))!.Ack);
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=jobs-grid] tr [data-job-id]")));
    }

    [Fact]
    public void NoteDialog_Escape_ClosesWithoutTakingTheJob()
    {
        var job = Failed("f1", Now.AddMinutes(-3));
        Live.Publish([job]);
        var dialogs = Render<MudDialogProvider>();
        var card = Render<AckControl>(p => p.Add(c => c.Job, job).Add(c => c.Compact, true));

        card.Find("[data-testid=ack-button]").Click();
        Assert.Contains("Take it: Job f1 (f1)", dialogs.WaitForElement(".mud-dialog h2").TextContent, StringComparison.Ordinal);
        dialogs.WaitForElement("[data-testid=ack-dialog-note]").Input("INC-1");
        dialogs.Find("[data-testid=ack-dialog-cancel]").Click();

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        Assert.Empty(Acknowledger!.Calls);
        Assert.Null(Live.Find(job.Key)!.Ack);
    }

    [Fact]
    public void NoteDialog_NoteWithAControlCharacter_IsRefusedWithWhy_AndStaysOpenToCorrect()
    {
        var job = Failed("f1", Now.AddMinutes(-3));
        Live.Publish([job]);
        var dialogs = Render<MudDialogProvider>();
        var card = Render<AckControl>(p => p.Add(c => c.Job, job).Add(c => c.Compact, true));

        card.Find("[data-testid=ack-button]").Click();
        dialogs.WaitForElement("[data-testid=ack-dialog-note]").Input("INC\u001b[31m");
        dialogs.Find("[data-testid=ack-dialog-take]").Click();
        Assert.Contains("U+001B", dialogs.WaitForElement("[data-testid=ack-problem]").TextContent, StringComparison.Ordinal);
        Assert.Null(Live.Find(job.Key)!.Ack);

        dialogs.WaitForElement("[data-testid=ack-dialog-note]").Input("INC-2");
        dialogs.Find("[data-testid=ack-dialog-take]").Click();
        Assert.Equal("INC-2", Live.Find(job.Key)!.Ack?.Note);
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
    }

    [Fact]
    public void NoteDialog_RoleTakenAwayWhileOpen_NotTaken_AndSaysWhy()
    {
        var job = Failed("f1", Now.AddMinutes(-3));
        Live.Publish([job]);
        var dialogs = Render<MudDialogProvider>();
        var card = Render<AckControl>(p => p.Add(c => c.Job, job).Add(c => c.Compact, true));
        card.Find("[data-testid=ack-button]").Click();
        dialogs.WaitForElement("[data-testid=ack-dialog-take]");

        Auth.SetRoles(AccessRoles.Viewer);
        Auth.SetPolicies(AccessRoles.Viewer);
        dialogs.Find("[data-testid=ack-dialog-take]").Click();

        Assert.Equal("Not done: acknowledging needs the Operator role.", dialogs.WaitForElement("[data-testid=ack-problem]").TextContent.Trim());
        Assert.Empty(Acknowledger!.Calls);
    }

    [Fact]
    public void Filter_NeedsAttention_CountsFailedOverdueAndNotFound_UntilTaken()
    {
        var filter = new DashboardFilter(Status: StatusFilter.NeedsAttention);
        Assert.True(JobViewFilter.Matches(Failed("f", Now), filter));
        Assert.True(JobViewFilter.Matches(Running("o") with { IsOverdue = true }, filter));
        Assert.True(JobViewFilter.Matches(Running("n") with { State = null, Phase = PollPhase.NotFound }, filter));
        Assert.False(JobViewFilter.Matches(Running("r"), filter));
        Assert.False(JobViewFilter.Matches(Failed("t", Now, new JobAck("ana", Now, null)), filter));
    }
}

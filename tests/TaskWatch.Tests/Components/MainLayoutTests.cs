using Bunit;
using Microsoft.AspNetCore.Components;
using TaskWatch.Components.Layout;

namespace TaskWatch.Tests.Components;

/// <summary>The frame of every page but the wall: navigation, the time-zone switch, the theme toggle, the banners.</summary>
public sealed class MainLayoutTests : UiTestContext
{
    public MainLayoutTests()
        : base(popovers: false)
    {
    }

    private IRenderedComponent<MainLayout> RenderLayout() =>
        Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddMarkupContent(0, "<h1>Page</h1>"))));

    [Fact]
    public void Layout_NavigationComesBeforeThePage_WithEveryPage()
    {
        var layout = RenderLayout();
        var links = layout.FindAll(".tw-nav a").Select(a => (a.TextContent.Trim(), a.GetAttribute("href"))).ToList();
        Assert.Equal([("Dashboard", "/"), ("History", "/history"), ("Wall", "/wall"), ("Alerts", "/alerts"), ("Audit", "/audit")], links);
        Assert.True(layout.Markup.IndexOf("tw-nav", StringComparison.Ordinal) < layout.Markup.IndexOf("<h1>Page</h1>", StringComparison.Ordinal));
        Assert.NotNull(layout.Find("main h1"));
    }

    [Fact]
    public void Layout_OnAPhone_ThePagesFoldIntoOneMenu_OfferingEveryPage()
    {
        var layout = RenderLayout();
        // CSS shows this button instead of the row of links below 700 px (taskwatch.css); opened, it lists the same pages.
        var button = layout.Find(".tw-nav-menu button");
        Assert.Equal("Pages", button.GetAttribute("aria-label"));
        button.Click();
        var items = layout.FindAll(".mud-menu-item").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(["Dashboard", "History", "Wall", "Alerts", "Audit"], items);
    }

    [Fact]
    public void Layout_AViewerSignedInWithAKey_SeesTheirNameRoleAndSignOut_ButNoAuditLink()
    {
        Auth.SetAuthorized("wall-display");
        Auth.SetRoles(TaskWatch.Security.AccessRoles.Viewer);
        Auth.SetClaims(new System.Security.Claims.Claim(TaskWatch.Security.AccessClaims.Via, TaskWatch.Security.AccessClaims.ViaKey));
        Auth.SetPolicies(TaskWatch.Security.AccessRoles.Viewer);
        var layout = RenderLayout();

        Assert.Equal("wall-display", layout.Find("[data-testid=signed-in-name]").TextContent);
        Assert.Equal("Viewer", layout.Find("[data-testid=signed-in-role]").TextContent.Trim());
        Assert.Equal("/signout", layout.Find("[data-testid=sign-out]").Closest("form")!.GetAttribute("action"));
        Assert.DoesNotContain(layout.FindAll(".tw-nav a"), a => a.GetAttribute("href") == "/audit");
    }

    [Fact]
    public void Layout_BrowserZoneUnknown_SaysUtc_AndOffersNoSwitch()
    {
        var layout = RenderLayout();
        Assert.Equal("UTC", layout.Find("[data-testid=zone-label]").TextContent);
        Assert.Empty(layout.FindAll("[data-testid=zone-switch]"));
    }

    [Fact]
    public void Layout_ZoneSwitch_SaysWhichZoneIsShown_AndOffersTheOther()
    {
        var layout = RenderLayout();
        layout.InvokeAsync(() => Clock.SetBrowserZone("Europe/Berlin"));

        layout.WaitForAssertion(() => Assert.Equal("Europe/Berlin (UTC+01:00)", layout.Find("[data-testid=zone-label]").TextContent));
        Assert.Equal("Show in UTC", layout.Find("[data-testid=zone-switch]").TextContent.Trim());

        layout.Find("[data-testid=zone-switch]").Click();
        Assert.Equal("UTC", layout.Find("[data-testid=zone-label]").TextContent);
        Assert.Equal("Show in Europe/Berlin", layout.Find("[data-testid=zone-switch]").TextContent.Trim());
        Assert.Contains("Times shown in UTC", layout.Find("[data-testid=zone]").TextContent.Replace("\n", " ", StringComparison.Ordinal).Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void Layout_ThemeChosenInThisBrowser_IsUsed_AndTheToggleRemembersTheOther()
    {
        JSInterop.Setup<string?>("taskwatch.theme.get").SetResult("light");
        var layout = RenderLayout();

        layout.WaitForAssertion(() => Assert.Equal("Use the dark theme", layout.Find("[data-testid=theme-toggle]").GetAttribute("aria-label")));
        // The light palette's background (TaskWatchTheme), as the theme provider writes it.
        Assert.Contains("--mud-palette-background: rgba(245,247,249,1);", layout.Markup, StringComparison.Ordinal);

        layout.Find("[data-testid=theme-toggle]").Click();
        Assert.Equal("Use the light theme", layout.Find("[data-testid=theme-toggle]").GetAttribute("aria-label"));
        Assert.Equal("dark", JSInterop.Invocations["taskwatch.theme.set"].Single().Arguments.Single());
    }

    [Fact]
    public void Layout_NothingChosen_FollowsTheSystem()
    {
        // Loose interop answers the system query with false: a light system.
        var layout = RenderLayout();
        layout.WaitForAssertion(() => Assert.Equal("Use the dark theme", layout.Find("[data-testid=theme-toggle]").GetAttribute("aria-label")));
    }

    [Fact]
    public void Layout_CarriesTheConnectionBannerAndTheHeartbeat()
    {
        var layout = RenderLayout();
        Assert.NotNull(layout.Find("[data-testid=connection-banner] [data-connection-age]"));
        Assert.NotNull(layout.Find("[data-live-beat]"));
        // The poller never reported to this store: the page must not pass that off as current.
        Assert.NotNull(layout.Find("[data-testid=stale-banner]"));
    }
}

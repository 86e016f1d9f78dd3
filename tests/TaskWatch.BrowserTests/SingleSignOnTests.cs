using Microsoft.Playwright;
using TaskWatch.BrowserTests.Support;
using TaskWatch.Tests.Support;

namespace TaskWatch.BrowserTests;

/// <summary>
/// Signing in through a real OpenID provider's login page (oidc-provider on a loopback port) in Chromium: what a
/// viewer, an operator and an admin see and may do, sign-out, and a role taken away at the provider.
/// </summary>
public sealed class SingleSignOnTests
{
    private const string Project = "demo-rds-eu-de";

    private static readonly Dictionary<string, string[]> Users = new()
    {
        ["vera"] = ["tw-viewers"],
        ["otto"] = ["tw-operators"],
        ["ada"] = ["tw-admins"],
    };

    private static readonly Dictionary<string, string> RoleMap = new() { ["tw-viewers"] = "Viewer", ["tw-operators"] = "Operator", ["tw-admins"] = "Admin" };

    /// <summary>A fresh browser context (no provider session), signed in as <paramref name="user"/> through the provider's form.</summary>
    private static async Task<IPage> SignInAsync(BrowserSession session, string user)
    {
        var context = await session.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 }, TimezoneId = "Europe/Berlin" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(session.Url("/"));
        Assert.Contains("/signin", page.Url, StringComparison.Ordinal);
        await page.GetByTestId("sso").ClickAsync();
        await page.Locator("input[name=login]").FillAsync(user);
        await page.Locator("input[name=password]").FillAsync("any password");
        await page.Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(session.Url("/"), new() { Timeout = 20_000 });
        await page.WaitForCircuitAsync();
        await Assertions.Expect(page.GetByTestId("signed-in-name")).ToHaveTextAsync(user);
        return page;
    }

    [Fact]
    public async Task Viewer_Operator_Admin_ThroughTheProvidersLoginPage()
    {
        var port = BrowserSession.FreePort();
        await using var provider = await OidcTestProvider.StartAsync(port, Users);
        var settings = provider.Settings(RoleMap);
        settings["urls"] = $"http://127.0.0.1:{port}";
        settings["TaskWatch:Access:RequireKey"] = "true";
        settings["TaskWatch:Demo:JobsPerMinute"] = "2";
        await using var session = await BrowserSession.StartAsync(settings);

        // The viewer: no register or stop control, and the API refuses a change with their session.
        var vera = await SignInAsync(session, "vera");
        await Assertions.Expect(vera.GetByTestId("signed-in-role")).ToHaveTextAsync("Viewer");
        await Assertions.Expect(vera.GetByTestId("open-register")).ToHaveCountAsync(0);
        await Assertions.Expect(vera.GetByTestId("confirm-stop")).ToHaveCountAsync(0);
        var refused = await vera.Context.APIRequest.PostAsync(session.Url("/api/jobs"), new() { DataObject = new { project = Project, jobId = Guid.NewGuid().ToString() } });
        Assert.Equal(403, refused.Status);

        // Sign-out ends the session: the dashboard asks for sign-in again.
        await vera.GetByTestId("sign-out").ClickAsync();
        await vera.WaitForURLAsync("**/signin?signedOut=true");
        await vera.GotoAsync(session.Url("/"));
        Assert.Contains("/signin", vera.Url, StringComparison.Ordinal);

        // The operator registers a job; the job page names them.
        var otto = await SignInAsync(session, "otto");
        var jobId = Guid.NewGuid().ToString();
        await otto.GetByTestId("open-register").ClickUntilVisibleAsync(otto.GetByTestId("register-project"));
        await otto.PickAsync("register-project", Project);
        await otto.GetByTestId("register-ids").FillAsync(jobId);
        await Assertions.Expect(otto.GetByTestId("register-count")).ToContainTextAsync("1 job id(s)");
        await otto.GetByTestId("register-submit").ClickAsync();
        await Assertions.Expect(otto.Locator($"tr[data-result-id='{jobId}']")).ToContainTextAsync("Registered");
        await otto.GotoAsync(session.Url($"/jobs/{Project}/{jobId}"));
        await Assertions.Expect(otto.GetByTestId("registered-by")).ToContainTextAsync("otto via UI at ");

        // The admin's audit page names the operator.
        var ada = await SignInAsync(session, "ada");
        await ada.GotoAsync(session.Url($"/audit?jobId={jobId}"));
        await Assertions.Expect(ada.GetByTestId("audit-row").First).ToContainTextAsync("otto");
        await Assertions.Expect(ada.GetByTestId("audit-row").First).ToContainTextAsync("registered");

        // A role taken away at the provider takes the controls away in the open page, without a reload (within a minute).
        await otto.GotoAsync(session.Url("/"));
        await otto.WaitForCircuitAsync();
        await Assertions.Expect(otto.GetByTestId("open-register")).ToHaveCountAsync(1);
        await provider.SetRolesAsync("otto");
        await Assertions.Expect(otto.GetByTestId("open-register")).ToHaveCountAsync(0, new() { Timeout = 60_000 });
    }
}

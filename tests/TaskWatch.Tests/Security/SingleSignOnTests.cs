using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.RegularExpressions;
using TaskWatch.Security;
using TaskWatch.Tests.Reliability;
using TaskWatch.Tests.Support;

namespace TaskWatch.Tests.Security;

/// <summary>
/// Single sign-on against a real OpenID provider (oidc-provider on a loopback port): the whole authorization-code
/// handshake with PKCE, nothing mocked, through its development login form, as a browser without JavaScript would.
/// </summary>
public sealed partial class SingleSignOnTests
{
    private const string JobId = "f85104b5-4a9c-4e0f-9505-fc5409d8f7ae";

    private static readonly Dictionary<string, string[]> Users = new()
    {
        ["vera"] = ["tw-viewers"],
        ["otto"] = ["staff", "tw-operators"],
        ["ada"] = ["tw-admins"],
    };

    private static readonly Dictionary<string, string> RoleMap = new()
    {
        ["tw-viewers"] = "Viewer",
        ["tw-operators"] = "Operator",
        ["tw-admins"] = "Admin",
    };

    private static async Task<(OidcTestProvider Provider, TestApp App)> StartAsync(Action<Dictionary<string, string?>>? change = null)
    {
        var port = OidcTestProvider.FreePort();
        var provider = await OidcTestProvider.StartAsync(port, Users);
        var settings = MalformedRequestTests.OneProjectNoDemo();
        settings["urls"] = $"http://127.0.0.1:{port}";
        settings["TaskWatch:Access:RequireKey"] = "true";
        settings["TaskWatch:Access:ApiKeys:ci"] = ApiKeyHash.Sha256Of("change-key");
        foreach (var (key, value) in provider.Settings(RoleMap))
        {
            settings[key] = value;
        }

        change?.Invoke(settings);
        try
        {
            return (provider, await TestApp.StartAsync(settings));
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }
    }

    /// <summary>A cookie-keeping client that follows redirects, as a browser does.</summary>
    private static HttpClient Browser(TestApp app, CookieContainer? cookies = null) =>
        new(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), AllowAutoRedirect = true }) { BaseAddress = app.BaseUri };

    /// <summary>/signin → the provider's login form → filled in → back at TaskWatch; the page it ends on.</summary>
    private static async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string user, CancellationToken ct)
    {
        var signin = await browser.GetStringAsync("/signin?returnUrl=%2F", ct);
        var link = SsoLink().Match(signin);
        Assert.True(link.Success, signin);
        using var loginPage = await browser.GetAsync(WebUtility.HtmlDecode(link.Groups["href"].Value), ct);
        var form = await loginPage.Content.ReadAsStringAsync(ct);
        var action = FormAction().Match(form);
        Assert.True(action.Success, form);
        var target = new Uri(loginPage.RequestMessage!.RequestUri!, WebUtility.HtmlDecode(action.Groups["action"].Value));
        return await browser.PostAsync(target, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["prompt"] = "login",
            ["login"] = user,
            ["password"] = "any",
        }), ct);
    }

    [Fact]
    public async Task AnOperator_SignsInAtTheProvider_AndRegisters_AViewer_Gets403_AndTheAuditNamesThem()
    {
        var (provider, app) = await StartAsync();
        await using var _ = provider;
        await using var __ = app;
        var ct = TestContext.Current.CancellationToken;

        using var otto = Browser(app);
        using var landed = await SignInAsync(otto, "otto", ct);
        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        Assert.Equal(app.BaseUri.Authority, landed.RequestMessage!.RequestUri!.Authority);
        var dashboard = await landed.Content.ReadAsStringAsync(ct);
        Assert.Contains(">otto<", dashboard, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"open-register\"", dashboard, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, (await otto.PostAsJsonAsync("/api/jobs", new { project = MalformedRequests.Project, jobId = JobId }, ct)).StatusCode);

        using var vera = Browser(app);
        using var veraLanded = await SignInAsync(vera, "vera", ct);
        var veraView = await veraLanded.Content.ReadAsStringAsync(ct);
        Assert.Contains(">vera<", veraView, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"open-register\"", veraView, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await vera.PostAsJsonAsync("/api/jobs", new { project = MalformedRequests.Project, jobId = JobId }, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await vera.GetAsync("/api/audit", ct)).StatusCode);

        using var ada = Browser(app);
        (await SignInAsync(ada, "ada", ct)).Dispose();
        var audit = await ada.GetStringAsync($"/api/audit?jobId={JobId}", ct);
        Assert.Contains("\"who\":\"otto\"", audit, StringComparison.Ordinal);
        Assert.Contains("\"subject\":\"otto\"", audit, StringComparison.Ordinal);
        Assert.Contains("\"how\":\"API\"", audit, StringComparison.Ordinal);
        var signIns = await ada.GetStringAsync("/api/audit?action=sign-in", ct);
        Assert.Contains("\"who\":\"vera\"", signIns, StringComparison.Ordinal);
        Assert.Contains("oidc, role Viewer", signIns, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARoleTakenAwayAtTheProvider_EndsTheSession_OnTheNextCheck()
    {
        var (provider, app) = await StartAsync();
        await using var _ = provider;
        await using var __ = app;
        var ct = TestContext.Current.CancellationToken;
        var cookies = new CookieContainer();
        using var otto = Browser(app, cookies);
        (await SignInAsync(otto, "otto", ct)).Dispose();
        Assert.Equal(HttpStatusCode.OK, (await otto.GetAsync("/api/jobs", ct)).StatusCode);

        await provider.SetRolesAsync("otto", "staff");
        await Task.Delay(TimeSpan.FromSeconds(1.5), ct); // TaskWatch:Access:Oidc:RoleCheckInterval in these tests: 1 s
        using var noRedirects = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = app.BaseUri };
        using var after = await noRedirects.GetAsync("/", ct);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/signin", after.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AProviderThatIsDown_MakesTheSignInPageSaySo_AndKeySignInStillWorks()
    {
        var settings = MalformedRequestTests.OneProjectNoDemo();
        settings["TaskWatch:Access:RequireKey"] = "true";
        settings["TaskWatch:Access:ApiKeys:ci"] = ApiKeyHash.Sha256Of("change-key");
        settings["TaskWatch:Access:Oidc:Authority"] = $"http://127.0.0.1:{OidcTestProvider.FreePort()}";
        settings["TaskWatch:Access:Oidc:ClientId"] = "taskwatch";
        await using var app = await TestApp.StartAsync(settings);
        var ct = TestContext.Current.CancellationToken;
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = app.BaseUri };

        using var down = await browser.GetAsync("/signin/oidc?returnUrl=%2F", ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        var page = await down.Content.ReadAsStringAsync(ct);
        Assert.Contains(SignInProblems.Text(SignInProblems.Down)!, page, StringComparison.Ordinal);
        var token = AntiforgeryField().Match(page);
        using var keyed = await browser.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [token.Groups["name"].Value] = token.Groups["value"].Value,
            ["key"] = "change-key",
            ["returnUrl"] = "/",
        }), ct);
        Assert.Equal(HttpStatusCode.Redirect, keyed.StatusCode);
    }

    [Theory]
    [InlineData("TaskWatch:Access:Oidc:Authority", "http://idp.example.com", "TaskWatch:Access:Oidc:Authority is 'http://idp.example.com': use HTTPS")]
    [InlineData("TaskWatch:Access:Oidc:ClientId", "", "TaskWatch:Access:Oidc:ClientId is not set")]
    [InlineData("TaskWatch:Access:Oidc:RoleMap:tw-admins", "Root", "TaskWatch:Access:Oidc:RoleMap:tw-admins is 'Root'")]
    [InlineData("TaskWatch:Access:Oidc:Authority", "", "TaskWatch:Access:Oidc:Authority is not set")]
    public async Task AnOidcSettingThatCannotWork_StopsStartUp_WithOneLineNamingTheKey(string key, string value, string mention)
    {
        var settings = MalformedRequestTests.OneProjectNoDemo();
        settings["TaskWatch:Access:Oidc:Authority"] = "https://idp.example.com/realms/ops";
        settings["TaskWatch:Access:Oidc:ClientId"] = "taskwatch";
        settings[key] = value;
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => TestApp.StartAsync(settings));
        Assert.Contains(mention, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "tw-operators" }, "Operator")]
    [InlineData(new[] { "staff", "tw-operators", "tw-viewers" }, "Operator")]
    [InlineData(new[] { """["staff","tw-admins"]""" }, "Admin")]
    [InlineData(new[] { "staff" }, "Viewer")]
    public void RoleClaims_AsAString_SeveralClaims_OrAJsonArray_AllCount(string[] values, string role)
    {
        var options = new OidcOptions { RoleMap = new(RoleMap) };
        Assert.Equal(role, OidcRoleMapping.RoleFor(values.Select(v => new Claim("roles", v)), options));
        Assert.Null(OidcRoleMapping.RoleFor([new Claim("roles", "staff")], new OidcOptions { RoleMap = new(RoleMap), UnmappedRole = "None" }));
    }

    [GeneratedRegex("""<a class="signin-sso" href="(?<href>[^"]+)" """)]
    private static partial Regex SsoLink();

    [GeneratedRegex("""<form[^>]*action="(?<action>[^"]+)"[^>]*method="post">""")]
    private static partial Regex FormAction();

    [GeneratedRegex("""<input type="hidden" name="(?<name>__RequestVerificationToken[^"]*)" value="(?<value>[^"]+)" />""")]
    private static partial Regex AntiforgeryField();
}

using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using TaskWatch.Security;
using TaskWatch.Tests.Reliability;
using TaskWatch.Tests.Support;

namespace TaskWatch.Tests.Security;

/// <summary>Each API key does what its scope allows (read, change, admin); an unscoped key of earlier releases is a change key.</summary>
public sealed partial class ScopedKeyTests
{
    private const string JobId = "f85104b5-4a9c-4e0f-9505-fc5409d8f7ae";

    private static Dictionary<string, string?> Exposed()
    {
        var settings = MalformedRequestTests.OneProjectNoDemo();
        settings["TaskWatch:Access:RequireKey"] = "true";
        settings["TaskWatch:Access:ApiKeys:scraper:Hash"] = ApiKeyHash.Sha256Of("read-key");
        settings["TaskWatch:Access:ApiKeys:scraper:Scope"] = "read";
        settings["TaskWatch:Access:ApiKeys:pipeline:Hash"] = ApiKeyHash.Sha256Of("change-key");
        settings["TaskWatch:Access:ApiKeys:pipeline:Scope"] = "change";
        settings["TaskWatch:Access:ApiKeys:old"] = ApiKeyHash.Sha256Of("old-key");
        return settings;
    }

    private static async Task<HttpStatusCode> SendAsync(TestApp app, HttpMethod method, string path, string key, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("X-Api-Key", key);
        using var response = await app.Http.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    [Fact]
    public async Task AReadKey_ReadsAndScrapes_ButCannotRegisterOrStop()
    {
        await using var app = await TestApp.StartAsync(Exposed());
        var job = new { project = MalformedRequests.Project, jobId = JobId };

        Assert.Equal(HttpStatusCode.OK, await SendAsync(app, HttpMethod.Get, "/api/jobs", "read-key"));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(app, HttpMethod.Get, "/metrics", "read-key"));
        Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(app, HttpMethod.Post, "/api/jobs", "read-key", job));

        Assert.Equal(HttpStatusCode.Created, await SendAsync(app, HttpMethod.Post, "/api/jobs", "change-key", job));
        Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(app, HttpMethod.Delete, $"/api/jobs/{MalformedRequests.Project}/{JobId}", "read-key"));
        // The form of earlier releases (the hash alone) is a change key, as every key was.
        Assert.Equal(HttpStatusCode.NoContent, await SendAsync(app, HttpMethod.Delete, $"/api/jobs/{MalformedRequests.Project}/{JobId}", "old-key"));
    }

    [Fact]
    public async Task TheForbiddenAnswer_NamesTheKeyAndTheRoleNeeded_NeverTheKey()
    {
        await using var app = await TestApp.StartAsync(Exposed());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/jobs") { Content = JsonContent.Create(new { project = MalformedRequests.Project, jobId = JobId }) };
        request.Headers.Add("X-Api-Key", "read-key");
        using var response = await app.Http.SendAsync(request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("'scraper' has the role Viewer", body, StringComparison.Ordinal);
        Assert.Contains("Operator", body, StringComparison.Ordinal);
        Assert.DoesNotContain("read-key", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APbkdf2Key_IsHashedOnce_NotOnEveryRequest()
    {
        var salt = System.Security.Cryptography.RandomNumberGenerator.GetBytes(16);
        var hash = System.Security.Cryptography.Rfc2898DeriveBytes.Pbkdf2("slow-key", salt, 200_000, System.Security.Cryptography.HashAlgorithmName.SHA256, 32);
        var settings = MalformedRequestTests.OneProjectNoDemo();
        settings["TaskWatch:Access:RequireKey"] = "true";
        settings["TaskWatch:Access:ApiKeys:ci"] = $"pbkdf2-sha256:200000:{Convert.ToBase64String(salt)}:{Convert.ToBase64String(hash)}";
        await using var app = await TestApp.StartAsync(settings);

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await SendAsync(app, HttpMethod.Get, "/api/jobs", "slow-key"));
        }

        Assert.Equal(1, app.Service<ApiKeyVerifier>().HashRuns);
    }

    [Fact]
    public async Task WrongKeys_LockTheClientOut_ForLongerEachTime_WithRetryAfter()
    {
        await using var app = await TestApp.StartAsync(Exposed());
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < FailedAttemptThrottle.FreeFailures + 1; i++)
        {
            statuses.Add(await SendAsync(app, HttpMethod.Get, "/api/jobs", "guess-" + i));
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/jobs");
        request.Headers.Add("X-Api-Key", "read-key");
        using var locked = await app.Http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.NotNull(locked.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task SignInWithAReadKey_ShowsNoRegisterControl_AndSignOutEndsTheSession()
    {
        await using var app = await TestApp.StartAsync(Exposed());
        var ct = TestContext.Current.CancellationToken;
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = app.BaseUri };

        await SignInAsync(browser, "read-key", ct);
        var dashboard = await browser.GetStringAsync("/", ct);
        Assert.Contains("scraper", dashboard, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"open-register\"", dashboard, StringComparison.Ordinal);

        await SignInAsync(browser, "change-key", ct);
        var operatorView = await browser.GetStringAsync("/", ct);
        Assert.Contains("data-testid=\"open-register\"", operatorView, StringComparison.Ordinal);

        // A copy of the cookie taken before signing out no longer works afterwards.
        var copy = cookies.GetCookieHeader(app.BaseUri);
        var form = await browser.GetStringAsync("/signin", ct);
        var token = AntiforgeryField().Match(form);
        using var signOut = await browser.PostAsync("/signout", new FormUrlEncodedContent(new Dictionary<string, string> { [token.Groups["name"].Value] = token.Groups["value"].Value }), ct);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        using var replay = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = app.BaseUri };
        using var replayed = new HttpRequestMessage(HttpMethod.Get, "/");
        replayed.Headers.Add("Cookie", copy);
        Assert.Equal(HttpStatusCode.Redirect, (await replay.SendAsync(replayed, ct)).StatusCode);
    }

    private static async Task SignInAsync(HttpClient browser, string key, CancellationToken ct)
    {
        var form = await browser.GetStringAsync("/signin", ct);
        var token = AntiforgeryField().Match(form);
        using var response = await browser.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [token.Groups["name"].Value] = token.Groups["value"].Value,
            ["key"] = key,
            ["returnUrl"] = "/",
        }), ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [GeneratedRegex("""<input type="hidden" name="(?<name>__RequestVerificationToken[^"]*)" value="(?<value>[^"]+)" />""")]
    private static partial Regex AntiforgeryField();
}

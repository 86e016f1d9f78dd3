using System.Net;
using System.Net.Http.Json;
using TaskWatch.Security;
using TaskWatch.Tests.Reliability;
using TaskWatch.Tests.Support;

namespace TaskWatch.Tests.Security;

/// <summary>
/// TaskWatch behind a reverse proxy on the same host: the test client plays the proxy (it connects from 127.0.0.1)
/// and sends the headers a proxy would. Exposure is decided per request; forwarded headers count only from a known proxy.
/// </summary>
public sealed class ProxyAccessTests
{
    private const string JobId = "f85104b5-4a9c-4e0f-9505-fc5409d8f7ae";

    private static HttpRequestMessage Get(string path, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    [Fact]
    public async Task LoopbackBound_ReachedThroughAProxy_AsksForSignIn_WhileDirectLoopbackStaysOpen()
    {
        await using var app = await TestApp.StartAsync(MalformedRequestTests.OneProjectNoDemo());
        var ct = TestContext.Current.CancellationToken;
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.BaseUri };

        using var direct = await noRedirects.SendAsync(Get("/api/jobs"), ct);
        Assert.Equal(HttpStatusCode.OK, direct.StatusCode);

        // nginx or Caddy on the same host, not configured as a known proxy: still relayed, so never local.
        using var relayedRead = await noRedirects.SendAsync(Get("/api/jobs", ("X-Forwarded-For", "198.51.100.23")), ct);
        Assert.Equal(HttpStatusCode.Unauthorized, relayedRead.StatusCode);
        using var relayedPage = await noRedirects.SendAsync(Get("/", ("X-Forwarded-For", "198.51.100.23")), ct);
        Assert.Equal(HttpStatusCode.Redirect, relayedPage.StatusCode);
        Assert.StartsWith("/signin", relayedPage.Headers.Location!.OriginalString, StringComparison.Ordinal);

        using var register = new HttpRequestMessage(HttpMethod.Post, "/api/jobs") { Content = JsonContent.Create(new { project = MalformedRequests.Project, jobId = JobId }) };
        register.Headers.Add("Via", "1.1 proxy");
        using var relayedChange = await noRedirects.SendAsync(register, ct);
        Assert.Equal(HttpStatusCode.Unauthorized, relayedChange.StatusCode);
    }

    [Fact]
    public async Task AForeignHostName_IsRefused_SoDnsRebindingCannotReachALoopbackTaskWatch()
    {
        await using var app = await TestApp.StartAsync(MalformedRequestTests.OneProjectNoDemo());
        var ct = TestContext.Current.CancellationToken;

        using var rebound = Get("/api/jobs");
        rebound.Headers.Host = "attacker.example";
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Http.SendAsync(rebound, ct)).StatusCode);

        using var localhost = Get("/api/jobs");
        localhost.Headers.Host = "localhost";
        Assert.Equal(HttpStatusCode.OK, (await app.Http.SendAsync(localhost, ct)).StatusCode);
    }

    [Fact]
    public async Task FromAKnownProxy_TheClientsAddressCounts_ForTheRateLimit()
    {
        var settings = MalformedRequestTests.OneProjectNoDemo();
        settings["TaskWatch:Access:KnownProxies:0"] = "127.0.0.1";
        settings["TaskWatch:Access:AnonymousRead"] = "true";
        settings["TaskWatch:Api:RequestsPerMinute"] = "2";
        await using var app = await TestApp.StartAsync(settings);
        var ct = TestContext.Current.CancellationToken;

        async Task<HttpStatusCode> From(string client) => (await app.Http.SendAsync(Get("/api/jobs", ("X-Forwarded-For", client)), ct)).StatusCode;

        Assert.Equal(HttpStatusCode.OK, await From("198.51.100.1"));
        Assert.Equal(HttpStatusCode.OK, await From("198.51.100.1"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await From("198.51.100.1"));
        // Another client behind the same proxy has a bucket of its own (one bucket for everyone before).
        Assert.Equal(HttpStatusCode.OK, await From("198.51.100.2"));
    }

    [Fact]
    public async Task BehindATlsProxy_TheCookieIsSecure_AndHstsIsSent_ButOnlyForAKnownProxy()
    {
        var key = "correct-horse-battery-staple";
        var settings = MalformedRequestTests.OneProjectNoDemo();
        settings["TaskWatch:Access:KnownProxies:0"] = "127.0.0.1";
        settings["TaskWatch:Access:AllowedHosts:0"] = "taskwatch.example.com";
        settings["TaskWatch:Access:ApiKeys:ci"] = ApiKeyHash.Sha256Of(key);
        await using var app = await TestApp.StartAsync(settings);
        var ct = TestContext.Current.CancellationToken;
        (string, string)[] tls = [("X-Forwarded-For", "198.51.100.7"), ("X-Forwarded-Proto", "https"), ("X-Forwarded-Host", "taskwatch.example.com")];

        using var page = await app.Http.SendAsync(Get("/signin", tls), ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.True(page.Headers.Contains("Strict-Transport-Security"), "no HSTS behind HTTPS");
        Assert.All(page.Headers.GetValues("Set-Cookie"), c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));

        // The same headers from a proxy that is not configured: ignored, plain HTTP, no HSTS.
        await using var other = await TestApp.StartAsync(new Dictionary<string, string?>(settings) { ["TaskWatch:Access:KnownProxies:0"] = "10.0.0.1" });
        using var ignored = await other.Http.SendAsync(Get("/signin", tls), ct);
        Assert.False(ignored.Headers.Contains("Strict-Transport-Security"));
        Assert.All(ignored.Headers.GetValues("Set-Cookie"), c => Assert.DoesNotContain("secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task TrustedUserHeader_IsBelievedFromAKnownProxyOnly()
    {
        var settings = MalformedRequestTests.OneProjectNoDemo();
        settings["TaskWatch:Access:RequireKey"] = "true";
        settings["TaskWatch:Access:TrustedUserHeader"] = "X-Forwarded-User";
        settings["TaskWatch:Access:KnownProxies:0"] = "10.0.0.1";
        var ct = TestContext.Current.CancellationToken;
        HttpRequestMessage Register()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/jobs") { Content = JsonContent.Create(new { project = MalformedRequests.Project, jobId = JobId }) };
            request.Headers.Add("X-Forwarded-User", "alice");
            return request;
        }

        await using (var notFromTheProxy = await TestApp.StartAsync(settings))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await notFromTheProxy.Http.SendAsync(Register(), ct)).StatusCode);
        }

        settings["TaskWatch:Access:KnownProxies:0"] = "127.0.0.0/8";
        await using var fromTheProxy = await TestApp.StartAsync(settings);
        Assert.Equal(HttpStatusCode.Created, (await fromTheProxy.Http.SendAsync(Register(), ct)).StatusCode);
    }

    [Theory]
    [InlineData("TaskWatch:Access:KnownProxies:0", "proxy.example", "TaskWatch:Access:KnownProxies:0 is 'proxy.example'")]
    [InlineData("TaskWatch:Access:TrustedUserHeader", "X-Forwarded-User", "TaskWatch:Access:KnownProxies is empty")]
    [InlineData("TaskWatch:Access:ApiKeys:ci:Scope", "write", "TaskWatch:Access:ApiKeys:ci:Scope is 'write'")]
    public async Task ASettingThatCannotWork_StopsStartUp_NamingTheKey(string key, string value, string mention)
    {
        var settings = MalformedRequestTests.OneProjectNoDemo();
        settings["TaskWatch:Access:ApiKeys:ci:Hash"] = ApiKeyHash.Sha256Of("k");
        settings[key] = value;
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => TestApp.StartAsync(settings));
        Assert.Contains(mention, ex.Message, StringComparison.Ordinal);
    }
}

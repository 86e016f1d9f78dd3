using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using TaskWatch.Security;
using TaskWatch.Tests.Reliability;
using TaskWatch.Tests.Support;

namespace TaskWatch.Tests.Security;

/// <summary>
/// Who may change what. Tests talk only to 127.0.0.1, so "exposed" is forced with
/// TaskWatch:Access:RequireKey=true, which is what binding to a non-loopback address decides.
/// </summary>
public sealed partial class AccessTests
{
    private const string Key = "correct-horse-battery-staple";
    private const string JobId = "f85104b5-4a9c-4e0f-9505-fc5409d8f7ae";

    private static Dictionary<string, string?> Exposed(bool? anonymousRead = null, string? hash = null)
    {
        var settings = MalformedRequestTests.OneProjectNoDemo();
        settings["TaskWatch:Access:RequireKey"] = "true";
        settings["TaskWatch:Access:ApiKeys:ci"] = hash ?? ApiKeyHash.Sha256Of(Key);
        if (anonymousRead is { } read)
        {
            settings["TaskWatch:Access:AnonymousRead"] = read ? "true" : "false";
        }

        return settings;
    }

    [Fact]
    public async Task OnLoopback_ChangesNeedNoKey()
    {
        await using var app = await TestApp.StartAsync(MalformedRequestTests.OneProjectNoDemo());
        var response = await app.Http.PostAsJsonAsync("/api/jobs", new { project = MalformedRequests.Project, jobId = JobId }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData(null, "need an API key")]
    [InlineData("wrong-key", "does not match")]
    [InlineData("", "need an API key")]
    public async Task Exposed_ChangesWithoutTheRightKey_Get401Problem_AndStoreNothing(string? key, string mention)
    {
        await using var app = await TestApp.StartAsync(Exposed(anonymousRead: true));
        var ct = TestContext.Current.CancellationToken;
        foreach (var request in new[]
        {
            new HttpRequestMessage(HttpMethod.Post, "/api/jobs") { Content = JsonContent.Create(new { project = MalformedRequests.Project, jobId = JobId }) },
            new HttpRequestMessage(HttpMethod.Post, "/api/jobs/batch") { Content = JsonContent.Create(new { jobs = new[] { new { project = MalformedRequests.Project, jobId = JobId } } }) },
            new HttpRequestMessage(HttpMethod.Delete, $"/api/jobs/{MalformedRequests.Project}/{JobId}"),
        })
        {
            if (key is not null)
            {
                request.Headers.TryAddWithoutValidation("X-Api-Key", key);
            }

            using var response = await app.Http.SendAsync(request, ct);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var body = await response.Content.ReadAsStringAsync(ct);
            Assert.Contains(mention, body, StringComparison.Ordinal);
            Assert.Contains("X-Api-Key", body, StringComparison.Ordinal);
            if (key is { Length: > 0 })
            {
                Assert.DoesNotContain(key, body, StringComparison.Ordinal);
            }
        }

        // Anonymous reading is on: the list opens, and shows nothing was stored.
        var list = await app.Http.GetFromJsonAsync<JsonElement>("/api/jobs", ct);
        Assert.Equal(0, list.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Exposed_TheRightKey_RegistersAndStops()
    {
        await using var app = await TestApp.StartAsync(Exposed());
        var ct = TestContext.Current.CancellationToken;
        app.Http.DefaultRequestHeaders.Add("X-Api-Key", Key);
        Assert.Equal(HttpStatusCode.Created, (await app.Http.PostAsJsonAsync("/api/jobs", new { project = MalformedRequests.Project, jobId = JobId }, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await app.Http.DeleteAsync($"/api/jobs/{MalformedRequests.Project}/{JobId}", ct)).StatusCode);
    }

    [Fact]
    public async Task Exposed_APbkdf2Hash_IsAcceptedToo()
    {
        var salt = System.Security.Cryptography.RandomNumberGenerator.GetBytes(16);
        var hash = System.Security.Cryptography.Rfc2898DeriveBytes.Pbkdf2(Key, salt, 100_000, System.Security.Cryptography.HashAlgorithmName.SHA256, 32);
        await using var app = await TestApp.StartAsync(Exposed(hash: $"pbkdf2-sha256:100000:{Convert.ToBase64String(salt)}:{Convert.ToBase64String(hash)}"));
        app.Http.DefaultRequestHeaders.Add("X-Api-Key", Key);
        var response = await app.Http.PostAsJsonAsync("/api/jobs", new { project = MalformedRequests.Project, jobId = JobId }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Exposed_ByDefault_ReadingNeedsAKeyToo_AndPagesSendToSignIn()
    {
        await using var app = await TestApp.StartAsync(Exposed());
        var ct = TestContext.Current.CancellationToken;
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.BaseUri };
        Assert.Equal(HttpStatusCode.Unauthorized, (await noRedirects.GetAsync("/api/jobs", ct)).StatusCode);
        var page = await noRedirects.GetAsync("/", ct);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/signin", page.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await noRedirects.GetAsync("/healthz", ct)).StatusCode);
    }

    [Fact]
    public async Task SignIn_WithTheKey_OpensTheDashboard_AndTheWrongKeyOrAMissingTokenDoesNot()
    {
        await using var app = await TestApp.StartAsync(Exposed());
        var ct = TestContext.Current.CancellationToken;
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = app.BaseUri };

        var form = await browser.GetStringAsync("/signin?returnUrl=%2F", ct);
        var token = AntiforgeryField().Match(form);
        Assert.True(token.Success, form);

        // No antiforgery token: refused.
        var forged = await browser.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = Key, ["returnUrl"] = "/" }), ct);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        var wrong = await browser.PostAsync("/signin", Form(token, "nope"), ct);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.DoesNotContain("nope", await wrong.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);

        var right = await browser.PostAsync("/signin", Form(token, Key), ct);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/", ct)).StatusCode);
    }

    [Fact]
    public async Task RequireKeyWithoutKeys_IsAConfigurationErrorNamingTheKeys()
    {
        var settings = MalformedRequestTests.OneProjectNoDemo();
        settings["TaskWatch:Access:RequireKey"] = "true";
        settings["TaskWatch:Access:ApiKeys:bad"] = "not-a-hash";
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => TestApp.StartAsync(settings));
        Assert.Contains("TaskWatch:Access:ApiKeys:bad", ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-hash", ex.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000", true)]
    [InlineData("http://localhost:5000", true)]
    [InlineData("http://[::1]:5000", true)]
    [InlineData("http://0.0.0.0:5000", false)]
    [InlineData("http://[::]:5000", false)]
    [InlineData("http://*:5000", false)]
    [InlineData("http://+:5000", false)]
    [InlineData("http://192.168.1.10:5000", false)]
    public void BoundAddress_IsLoopbackOnlyForLoopback(string address, bool loopback) =>
        Assert.Equal(loopback, AccessPolicy.IsLoopback(address));

    private static FormUrlEncodedContent Form(Match token, string key) => new(new Dictionary<string, string>
    {
        [token.Groups["name"].Value] = token.Groups["value"].Value,
        ["key"] = key,
        ["returnUrl"] = "/",
    });

    [GeneratedRegex("""<input type="hidden" name="(?<name>__RequestVerificationToken[^"]*)" value="(?<value>[^"]+)" />""")]
    private static partial Regex AntiforgeryField();
}

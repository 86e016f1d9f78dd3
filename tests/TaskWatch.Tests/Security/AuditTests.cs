using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using TaskWatch.Security;
using TaskWatch.Tests.Reliability;
using TaskWatch.Tests.Support;

namespace TaskWatch.Tests.Security;

/// <summary>Every change and access event lands in the audit: who, how, from which client, what, the outcome; never a key.</summary>
public sealed partial class AuditTests
{
    private const string JobId = "f85104b5-4a9c-4e0f-9505-fc5409d8f7ae";
    private const string SecondJob = "0b7e1c52-4d1f-4c8e-8f3a-1a2b3c4d5e6f";
    private const string ConfiguredJob = "9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f";

    private static Dictionary<string, string?> Exposed()
    {
        var settings = MalformedRequestTests.OneProjectNoDemo();
        settings["TaskWatch:Access:RequireKey"] = "true";
        settings["TaskWatch:Access:KnownProxies:0"] = "127.0.0.1";
        settings["TaskWatch:Access:ApiKeys:pipeline"] = ApiKeyHash.Sha256Of("change-key");
        settings["TaskWatch:Access:ApiKeys:auditor:Hash"] = ApiKeyHash.Sha256Of("admin-key");
        settings["TaskWatch:Access:ApiKeys:auditor:Scope"] = "admin";
        settings["TaskWatch:Access:ApiKeys:wall:Hash"] = ApiKeyHash.Sha256Of("read-key");
        settings["TaskWatch:Access:ApiKeys:wall:Scope"] = "read";
        settings[$"TaskWatch:Projects:{MalformedRequests.Project}:Jobs:0"] = ConfiguredJob;
        return settings;
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string? key, object? body = null, string client = "198.51.100.7")
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("X-Forwarded-For", client);
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        return request;
    }

    private static async Task<List<JsonElement>> AuditAsync(TestApp app, string query = "")
    {
        using var response = await app.Http.SendAsync(Request(HttpMethod.Get, "/api/audit?limit=500" + query, "admin-key"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        foreach (var secret in new[] { "change-key", "admin-key", "read-key", "guessed-key", "TaskWatch.Auth" })
        {
            Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
        }

        return [.. JsonDocument.Parse(body).RootElement.GetProperty("entries").EnumerateArray()];
    }

    private static string S(JsonElement e, string name) => e.GetProperty(name).GetString() ?? string.Empty;

    [Fact]
    public async Task Changes_AndRefusals_AreRecorded_WithWhoHowClientAndOutcome()
    {
        await using var app = await TestApp.StartAsync(Exposed());
        var ct = TestContext.Current.CancellationToken;
        var project = MalformedRequests.Project;

        Assert.Equal(HttpStatusCode.Created, (await app.Http.SendAsync(Request(HttpMethod.Post, "/api/jobs", "change-key", new { project, jobId = JobId }), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Http.SendAsync(Request(HttpMethod.Post, "/api/jobs/batch", "change-key",
            new { jobs = new[] { new { project, jobId = JobId }, new { project, jobId = SecondJob } } }), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await app.Http.SendAsync(Request(HttpMethod.Delete, $"/api/jobs/{project}/{JobId}", "change-key"), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Http.SendAsync(Request(HttpMethod.Get, "/api/jobs", "guessed-key", client: "203.0.113.9"), ct)).StatusCode);

        var entries = await AuditAsync(app);
        var registered = entries.Single(e => S(e, "action") == "register" && S(e, "jobId") == JobId && S(e, "outcome") == "registered");
        Assert.Equal("pipeline", S(registered, "who"));
        Assert.Equal("API", S(registered, "how"));
        Assert.Equal("198.51.100.7", S(registered, "client"));
        Assert.Contains(entries, e => S(e, "action") == "register" && S(e, "jobId") == SecondJob && S(e, "detail").Contains("batch", StringComparison.Ordinal));
        Assert.Contains(entries, e => S(e, "action") == "register" && S(e, "jobId") == JobId && S(e, "outcome") == "already tracked");
        var stopped = entries.Single(e => S(e, "action") == "stop");
        Assert.Equal(("pipeline", "stopped", JobId), (S(stopped, "who"), S(stopped, "outcome"), S(stopped, "jobId")));
        var refused = entries.Single(e => S(e, "action") == "key-refused");
        Assert.Equal(("203.0.113.9", "refused"), (S(refused, "client"), S(refused, "outcome")));
        var configured = entries.Single(e => S(e, "jobId") == ConfiguredJob);
        Assert.Equal(("configuration", "start-up", "registered"), (S(configured, "who"), S(configured, "how"), S(configured, "outcome")));

        // Filters: by who and by action.
        Assert.All(await AuditAsync(app, "&who=pipeline&action=stop"), e => Assert.Equal(("pipeline", "stop"), (S(e, "who"), S(e, "action"))));
        Assert.Single(await AuditAsync(app, "&who=pipeline&action=stop"));
    }

    [Fact]
    public async Task TheAudit_IsTheAdmins_AndSaysWhatIsWrongWithAFilter()
    {
        await using var app = await TestApp.StartAsync(Exposed());
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Http.SendAsync(Request(HttpMethod.Get, "/api/audit", "read-key"), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Http.SendAsync(Request(HttpMethod.Get, "/api/audit", "change-key"), ct)).StatusCode);
        using var bad = await app.Http.SendAsync(Request(HttpMethod.Get, "/api/audit?action=delete", "admin-key"), ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("'action' is 'delete'", await bad.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIns_SignOuts_AndFailedSignIns_AreRecorded()
    {
        await using var app = await TestApp.StartAsync(Exposed());
        var ct = TestContext.Current.CancellationToken;
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = app.BaseUri };
        browser.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.44");

        Assert.Equal(HttpStatusCode.Unauthorized, await PostFormAsync(browser, "/signin", new() { ["key"] = "guessed-key", ["returnUrl"] = "/" }, ct));
        Assert.Equal(HttpStatusCode.Redirect, await PostFormAsync(browser, "/signin", new() { ["key"] = "change-key", ["returnUrl"] = "/" }, ct));
        Assert.Equal(HttpStatusCode.Redirect, await PostFormAsync(browser, "/signout", [], ct));

        var entries = await AuditAsync(app);
        Assert.Equal(("anonymous", "198.51.100.44"), entries.Where(e => S(e, "action") == "sign-in-failed").Select(e => (S(e, "who"), S(e, "client"))).Single());
        Assert.Equal(("pipeline", "198.51.100.44"), entries.Where(e => S(e, "action") == "sign-in").Select(e => (S(e, "who"), S(e, "client"))).Single());
        Assert.Equal("pipeline", entries.Where(e => S(e, "action") == "sign-out").Select(e => S(e, "who")).Single());
    }

    [Fact]
    public async Task TheJobPage_SaysWhoRegisteredTheJob_How_AndWhen()
    {
        await using var app = await TestApp.StartAsync(MalformedRequestTests.OneProjectNoDemo());
        var ct = TestContext.Current.CancellationToken;
        await app.Http.PostAsJsonAsync("/api/jobs", new { project = MalformedRequests.Project, jobId = JobId }, ct);
        var page = await app.Http.GetStringAsync($"/jobs/{MalformedRequests.Project}/{JobId}", ct);
        Assert.Matches(RegisteredBy(), page);
    }

    private static async Task<HttpStatusCode> PostFormAsync(HttpClient browser, string path, Dictionary<string, string> fields, CancellationToken ct)
    {
        var token = AntiforgeryField().Match(await browser.GetStringAsync("/signin", ct));
        fields[token.Groups["name"].Value] = token.Groups["value"].Value;
        using var response = await browser.PostAsync(path, new FormUrlEncodedContent(fields), ct);
        return response.StatusCode;
    }

    [GeneratedRegex("""data-testid="registered-by"[^>]*>this machine via API at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d<""")]
    private static partial Regex RegisteredBy();

    [GeneratedRegex("""<input type="hidden" name="(?<name>__RequestVerificationToken[^"]*)" value="(?<value>[^"]+)" />""")]
    private static partial Regex AntiforgeryField();
}

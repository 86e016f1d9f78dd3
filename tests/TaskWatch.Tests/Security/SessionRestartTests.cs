using System.Net;
using System.Text.RegularExpressions;
using TaskWatch.Security;
using TaskWatch.Tests.Reliability;
using TaskWatch.Tests.Support;

namespace TaskWatch.Tests.Security;

/// <summary>
/// Sessions across restarts: the Data Protection keys are in the database, so a sign-in outlives a restart; and a key
/// removed from the configuration ends the sessions made with it (the cookie is checked against the keys on every request).
/// </summary>
public sealed partial class SessionRestartTests
{
    private static Dictionary<string, string?> Exposed()
    {
        var settings = MalformedRequestTests.OneProjectNoDemo();
        settings["TaskWatch:Access:RequireKey"] = "true";
        settings["TaskWatch:Access:ApiKeys:pipeline"] = ApiKeyHash.Sha256Of("change-key");
        settings["TaskWatch:Access:ApiKeys:auditor:Hash"] = ApiKeyHash.Sha256Of("admin-key");
        settings["TaskWatch:Access:ApiKeys:auditor:Scope"] = "admin";
        return settings;
    }

    [Fact]
    public async Task ASignIn_OutlivesARestart_TheKeysAreInTheDatabase()
    {
        using var folder = new TempFolder();
        var database = Path.Combine(folder.Path, "taskwatch.db");
        var ct = TestContext.Current.CancellationToken;
        var cookies = new CookieContainer();
        Uri first;
        await using (var app = await TestApp.StartAsync(Exposed(), database))
        {
            first = app.BaseUri;
            using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = app.BaseUri };
            Assert.Equal(HttpStatusCode.Redirect, await PostFormAsync(browser, "/signin", new() { ["key"] = "change-key", ["returnUrl"] = "/" }, ct));
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/", ct)).StatusCode);
        }

        await using var again = await TestApp.StartAsync(Exposed(), database);
        using var replay = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = again.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", cookies.GetCookieHeader(first));
        Assert.Equal(HttpStatusCode.OK, (await replay.SendAsync(request, ct)).StatusCode);
        await using var db = await again.Service<Microsoft.EntityFrameworkCore.IDbContextFactory<TaskWatch.Storage.TaskWatchDbContext>>().CreateDbContextAsync(ct);
        Assert.True(await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.DataProtectionKeys, ct), "the key ring is not in the database");
    }

    [Fact]
    public async Task ARemovedKey_EndsTheSessionsMadeWithIt_AfterTheRestartThatRemovesIt()
    {
        using var folder = new TempFolder();
        var database = Path.Combine(folder.Path, "taskwatch.db");
        var ct = TestContext.Current.CancellationToken;
        var cookies = new CookieContainer();
        Uri first;
        await using (var app = await TestApp.StartAsync(Exposed(), database))
        {
            first = app.BaseUri;
            using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = app.BaseUri };
            Assert.Equal(HttpStatusCode.Redirect, await PostFormAsync(browser, "/signin", new() { ["key"] = "change-key", ["returnUrl"] = "/" }, ct));
        }

        var withoutIt = Exposed();
        withoutIt.Remove("TaskWatch:Access:ApiKeys:pipeline");
        await using var again = await TestApp.StartAsync(withoutIt, database);
        using var replay = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = again.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", cookies.GetCookieHeader(first));
        using var answer = await replay.SendAsync(request, ct);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.StartsWith("/signin", answer.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode> PostFormAsync(HttpClient browser, string path, Dictionary<string, string> fields, CancellationToken ct)
    {
        var token = AntiforgeryField().Match(await browser.GetStringAsync("/signin", ct));
        fields[token.Groups["name"].Value] = token.Groups["value"].Value;
        using var response = await browser.PostAsync(path, new FormUrlEncodedContent(fields), ct);
        return response.StatusCode;
    }

    [GeneratedRegex("""<input type="hidden" name="(?<name>__RequestVerificationToken[^"]*)" value="(?<value>[^"]+)" />""")]
    private static partial Regex AntiforgeryField();
}

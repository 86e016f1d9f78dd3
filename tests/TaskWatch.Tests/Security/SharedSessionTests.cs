using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using TaskWatch.Configuration;
using TaskWatch.Security;
using TaskWatch.Storage;
using TaskWatch.Tests.Reliability;
using TaskWatch.Tests.Support;

namespace TaskWatch.Tests.Security;

/// <summary>
/// The Data Protection key ring is in the database: a session made on one instance is accepted by another on the same
/// PostgreSQL database (a load balancer may send the next request anywhere). Skipped without PostgreSQL binaries.
/// </summary>
public sealed partial class SharedSessionTests(PostgreSqlServer server)
{
    [Fact]
    public async Task ASessionMadeOnOneInstance_IsAcceptedByAnother_OnTheSamePostgreSql()
    {
        var ct = TestContext.Current.CancellationToken;
        var settings = MalformedRequestTests.OneProjectNoDemo();
        settings["TaskWatch:Storage:Provider"] = "PostgreSQL";
        settings[StorageOptions.ConnectionStringKey] = await server.DatabaseAsync();
        settings["TaskWatch:Access:RequireKey"] = "true";
        settings["TaskWatch:Access:ApiKeys:ops"] = ApiKeyHash.Sha256Of("change-key");
        await using var first = await TestApp.StartAsync(settings);
        await using var second = await TestApp.StartAsync(settings);

        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = first.BaseUri };
        var token = AntiforgeryField().Match(await browser.GetStringAsync("/signin", ct));
        using var signIn = await browser.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [token.Groups["name"].Value] = token.Groups["value"].Value,
            ["key"] = "change-key",
            ["returnUrl"] = "/",
        }), ct);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        using var other = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = second.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", cookies.GetCookieHeader(first.BaseUri));
        using var answer = await other.SendAsync(request, ct);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("data-testid=\"open-register\"", await answer.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);

        await using var db = await first.Service<IDbContextFactory<TaskWatchDbContext>>().CreateDbContextAsync(ct);
        Assert.True(await db.DataProtectionKeys.AnyAsync(ct), "the key ring is not in the database");
    }

    [GeneratedRegex("""<input type="hidden" name="(?<name>__RequestVerificationToken[^"]*)" value="(?<value>[^"]+)" />""")]
    private static partial Regex AntiforgeryField();
}

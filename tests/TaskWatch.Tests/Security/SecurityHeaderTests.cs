using TaskWatch.Tests.Reliability;
using TaskWatch.Tests.Support;

namespace TaskWatch.Tests.Security;

/// <summary>Every kind of answer carries the headers that keep the dashboard from being framed, sniffed or injected into.</summary>
public sealed class SecurityHeaderTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/api/jobs")]
    [InlineData("/api/jobs?limit=zero")]
    [InlineData("/api/jobs/nowhere/abc")]
    [InlineData("/healthz")]
    [InlineData("/css/taskwatch.css")]
    public async Task EveryAnswer_CarriesTheSecurityHeaders(string path)
    {
        await using var app = await TestApp.StartAsync(MalformedRequestTests.OneProjectNoDemo());
        using var response = await app.Http.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Single(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Single(response, "Referrer-Policy"));
        var csp = Directives(Single(response, "Content-Security-Policy"));
        Assert.Equal("'self'", csp["script-src"]);
        Assert.Equal("'none'", csp["frame-ancestors"]);
        Assert.Equal("'none'", csp["object-src"]);
        Assert.Contains("'unsafe-inline'", csp["style-src"], StringComparison.Ordinal);
        Assert.Contains($"ws://{app.BaseUri.Authority}", csp["connect-src"], StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp.Values.Aggregate(string.Empty, string.Concat), StringComparison.Ordinal);
    }

    private static string Single(HttpResponseMessage response, string name) =>
        Assert.Single(response.Headers.TryGetValues(name, out var values) ? values : response.Content.Headers.TryGetValues(name, out var c) ? c : []);

    private static Dictionary<string, string> Directives(string policy) => policy
        .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(d => d.Split(' ', 2))
        .ToDictionary(d => d[0], d => d.Length > 1 ? d[1] : string.Empty);
}

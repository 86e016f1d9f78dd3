using System.Net;
using TaskWatch.Tests.Support;

namespace TaskWatch.Tests.Operations;

/// <summary><c>/metrics</c> follows the read-only views' access rules; a scraper gets a 401, not the sign-in page.</summary>
[Collection(nameof(ProcessMetricsCollection))]
public sealed class MetricsAccessTests
{
    [Fact]
    public async Task Metrics_ExposedWithoutAnonymousRead_RefusedWithoutAKey()
    {
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?>
        {
            ["TaskWatch:Demo:Enabled"] = "false",
            ["TaskWatch:Access:RequireKey"] = "true",
            ["TaskWatch:Access:ApiKeys:scraper"] = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", // SHA-256 of "test"
        });
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.BaseUri };
        var ct = TestContext.Current.CancellationToken;
        using var refused = await noRedirects.GetAsync("/metrics", ct);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        using var keyed = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        keyed.Headers.Add("X-Api-Key", "test");
        using var allowed = await noRedirects.SendAsync(keyed, ct);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Contains("taskwatch_live_subscribers", await allowed.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
    }

}

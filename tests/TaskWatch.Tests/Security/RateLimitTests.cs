using System.Net;
using TaskWatch.Tests.Reliability;
using TaskWatch.Tests.Support;

namespace TaskWatch.Tests.Security;

/// <summary>TaskWatch:Api:RequestsPerMinute per client: the request after the limit gets a 429 problem with Retry-After.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task OverTheLimit_Answers429ProblemWithRetryAfter_AndPagesStayOpen()
    {
        var settings = MalformedRequestTests.OneProjectNoDemo();
        settings["TaskWatch:Api:RequestsPerMinute"] = "5";
        await using var app = await TestApp.StartAsync(settings);
        var ct = TestContext.Current.CancellationToken;
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await app.Http.GetAsync("/api/jobs", ct)).StatusCode);
        }

        using var refused = await app.Http.GetAsync("/api/jobs", ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("TaskWatch:Api:RequestsPerMinute", await refused.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));

        // The dashboard is not an API client: it is not counted.
        Assert.Equal(HttpStatusCode.OK, (await app.Http.GetAsync("/", ct)).StatusCode);
    }
}

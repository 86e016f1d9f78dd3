using Microsoft.Playwright;
using TaskWatch.BrowserTests.Support;

namespace TaskWatch.BrowserTests;

/// <summary>The API reference page works offline and under TaskWatch's content security policy.</summary>
public sealed class ApiReferenceTests
{
    [Fact]
    public async Task ApiReference_ShowsEveryTag_LoadsNothingFromElsewhere_AndBreaksNoPolicy()
    {
        await using var session = await BrowserSession.StartAsync();
        var page = session.Page;
        var origin = new Uri(session.Url("/")).GetLeftPart(UriPartial.Authority);
        var elsewhere = new List<string>();
        var problems = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(origin, StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                elsewhere.Add(request.Url);
            }
        };
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add(message.Text);
            }
        };

        var response = await page.GotoAsync(session.Url("/api-reference/"));
        Assert.Equal(200, response!.Status);
        Assert.Contains("'nonce-", response.Headers["content-security-policy"], StringComparison.Ordinal);
        await Assertions.Expect(page.GetByText("Wait until a job has ended, or the timeout passes.").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        foreach (var tag in new[] { "Jobs", "Events", "Alerts" })
        {
            await Assertions.Expect(page.GetByText(tag, new() { Exact = true }).First).ToBeVisibleAsync();
        }

        await page.ScreenshotAsync(new() { Path = Path.Combine(Chromium.DocsFolder(), "api-reference.png") });
        Assert.Empty(elsewhere);
        Assert.DoesNotContain(problems, p => p.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
    }
}

using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using TaskWatch.Cloud;
using TaskWatch.Cloud.Http;
using TaskWatch.Core;

namespace TaskWatch.Tests.Cloud;

/// <summary>
/// Every class of answer, from a real server on loopback through the real client and handler chain;
/// attempts are counted at the server.
/// </summary>
public sealed class CloudErrorClassificationTests
{
    private const string JobId = "31b8ae23-c687-4d80-b7b4-42a66c9bb886";

    private static async Task<(JobReadResult Result, int Attempts, CloudClientsUnderTest Clients)> ReadAsync(Func<HttpContext, Task> respond, Action<CloudClientsUnderTest>? inspect = null, TimeSpan? requestTimeout = null)
    {
        await using var cloud = await ScriptedCloud.StartAsync(respond);
        var options = CloudClientsUnderTest.TokenOptions(new Uri(cloud.BaseUri, "rds"));
        options.Polling.RequestTimeout = requestTimeout ?? options.Polling.RequestTimeout;
        var clients = new CloudClientsUnderTest(options, TimeProvider.System);
        var result = await clients.Rds.GetJobAsync(clients.Project(), JobId, TestContext.Current.CancellationToken);
        inspect?.Invoke(clients);
        clients.Dispose();
        return (result, cloud.Hits, clients);
    }

    private static string Example(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ApiExamples", name));

    [Fact(Timeout = 120_000)]
    public async Task Ok_ReturnsTheJob_AndSendsTheTokenToTheDocumentedPath()
    {
        string? token = null;
        string? path = null;
        var (result, attempts, _) = await ReadAsync(ctx =>
        {
            token = ctx.Request.Headers["X-Auth-Token"];
            path = ctx.Request.Path + ctx.Request.QueryString;
            return ScriptedCloud.Answer(ctx, 200, Example("rds-reboot.json"));
        });

        Assert.Equal(ReadOutcome.Job, result.Outcome);
        Assert.Equal("RestartMysqlInstance", result.Job!.Name);
        Assert.Equal("fixed-token-value", token);
        Assert.Equal($"/rds/v3/0123456789abcdef0123456789abcdef/jobs?id={JobId}", path);
        Assert.Equal(1, attempts);
    }

    [Fact(Timeout = 120_000)]
    public async Task Http400WithDbs200543_IsNotFound_KeepingCodeAndMessage_WithoutRetry()
    {
        var (result, attempts, _) = await ReadAsync(ctx => ScriptedCloud.Answer(ctx, 400, """{"error_code":"DBS.200543","error_msg":"The job does not exist."}"""));

        Assert.Equal(ReadOutcome.NotFound, result.Outcome);
        Assert.Equal("DBS.200543", result.Error!.ErrorCode);
        Assert.Equal("The job does not exist.", result.Error.Message);
        Assert.Equal(400, result.Error.HttpStatus);
        Assert.Equal(1, attempts);
    }

    [Fact(Timeout = 120_000)]
    public async Task Http400WithAnotherCode_IsRejected_NotNotFound()
    {
        var (result, _, _) = await ReadAsync(ctx => ScriptedCloud.Answer(ctx, 400, """{"error_code":"DBS.200001","error_msg":"Invalid parameter."}"""));

        Assert.Equal(ReadOutcome.Rejected, result.Outcome);
        Assert.Equal("DBS.200001", result.Error!.ErrorCode);
    }

    [Theory(Timeout = 120_000)]
    [InlineData("")]
    [InlineData("""{"error_code":"APIGW.0101","error_msg":"The API does not exist or has not been published in the environment."}""")]
    public async Task Http404_IsNotFound(string body)
    {
        var (result, attempts, _) = await ReadAsync(ctx => ScriptedCloud.Answer(ctx, 404, body));

        Assert.Equal(ReadOutcome.NotFound, result.Outcome);
        Assert.Equal(1, attempts);
    }

    [Theory(Timeout = 120_000)]
    [InlineData(401, "APIGW.0307", "The token must be updated.")]
    [InlineData(403, "DBS.280056", "Invalid token.")]
    [InlineData(401, "DBS.280015", "The token has expired.")]
    [InlineData(403, "DBS.280015", "The token has expired.")]
    public async Task TokenErrors_AreUnauthorized_KeepingCodeAndMessage_WithoutRetry(int status, string code, string message)
    {
        var (result, attempts, _) = await ReadAsync(ctx => ScriptedCloud.Answer(ctx, status, $$"""{"error_code":"{{code}}","error_msg":"{{message}}"}"""));

        Assert.Equal(ReadOutcome.Unauthorized, result.Outcome);
        Assert.Equal(code, result.Error!.ErrorCode);
        Assert.Equal(message, result.Error.Message);
        // A fixed token cannot be renewed: one attempt, no retry.
        Assert.Equal(1, attempts);
    }

    [Fact(Timeout = 120_000)]
    public async Task Http429WithRetryAfter_IsThrottled_AndPausesTheAccountUntilThen()
    {
        var before = DateTimeOffset.UtcNow;
        DateTimeOffset pausedUntil = default;
        var (result, attempts, _) = await ReadAsync(
            ctx => ScriptedCloud.Answer(ctx, 429, """{"error_code":"APIGW.0308","error_msg":"The throttling threshold has been reached."}""", headers: new Dictionary<string, string> { ["Retry-After"] = "7" }),
            clients => pausedUntil = clients.Budget.PausedUntil);
        var after = DateTimeOffset.UtcNow;

        Assert.Equal(ReadOutcome.Throttled, result.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(7), result.Error!.RetryAfter);
        Assert.Equal("APIGW.0308", result.Error.ErrorCode);
        Assert.InRange(pausedUntil, before + TimeSpan.FromSeconds(7), after + TimeSpan.FromSeconds(7));
        Assert.Equal(1, attempts);
    }

    [Fact(Timeout = 120_000)]
    public async Task Http429WithoutRetryAfter_IsThrottled_AndPausesTheAccountForTheDefault()
    {
        var before = DateTimeOffset.UtcNow;
        DateTimeOffset pausedUntil = default;
        TimeSpan wait = default;
        var (result, attempts, _) = await ReadAsync(
            ctx => ScriptedCloud.Answer(ctx, 429, string.Empty),
            clients => (pausedUntil, wait) = (clients.Budget.PausedUntil, clients.Budget.WaitTime()));
        var after = DateTimeOffset.UtcNow;

        Assert.Equal(ReadOutcome.Throttled, result.Outcome);
        Assert.Null(result.Error!.RetryAfter);
        Assert.InRange(pausedUntil, before + CallBudgetHandler.DefaultThrottlePause, after + CallBudgetHandler.DefaultThrottlePause);
        Assert.True(wait > TimeSpan.Zero, "the account must wait before its next call");
        Assert.Equal(1, attempts);
    }

    [Theory(Timeout = 120_000)]
    [InlineData(500, "<html><head><title>500 Internal Server Error</title></head><body><h1>Internal Server Error</h1></body></html>", "text/html")]
    [InlineData(502, "<html><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>", "text/html")]
    [InlineData(503, "", "text/plain")]
    [InlineData(500, "", "text/plain")]
    [InlineData(503, """{"error_code":"DBS.200022","error_msg":"Server error."}""", "application/json")]
    public async Task ServerErrors_AreRetriedABoundedNumberOfTimes_ThenServerError(int status, string body, string contentType)
    {
        var (result, attempts, clients) = await ReadAsync(ctx => ScriptedCloud.Answer(ctx, status, body, contentType));

        Assert.Equal(ReadOutcome.ServerError, result.Outcome);
        Assert.Equal(status, result.Error!.HttpStatus);
        Assert.Equal(1 + clients.Options.Polling.Retries, attempts);
        if (body.StartsWith('<'))
        {
            Assert.Contains("HTML page", result.Error.Message, StringComparison.Ordinal);
        }
        else if (body.Length == 0)
        {
            Assert.Contains("empty body", result.Error.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal("DBS.200022", result.Error.ErrorCode);
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task ServerErrorThenSuccess_ReturnsTheJob()
    {
        var calls = 0;
        var (result, attempts, _) = await ReadAsync(ctx => Interlocked.Increment(ref calls) == 1
            ? ScriptedCloud.Answer(ctx, 502, string.Empty)
            : ScriptedCloud.Answer(ctx, 200, Example("rds-reboot.json")));

        Assert.Equal(ReadOutcome.Job, result.Outcome);
        Assert.Equal(2, attempts);
    }

    [Theory(Timeout = 120_000)]
    [InlineData("truncated")]
    [InlineData("broken")]
    [InlineData("html")]
    [InlineData("empty")]
    public async Task Http200WithAnUnreadableBody_IsMalformed(string kind)
    {
        var good = Example("rds-reboot.json");
        var (body, contentType) = kind switch
        {
            "truncated" => (good[..(good.Length / 2)], "application/json"),
            "broken" => (Example("rds-running-broken.json"), "application/json"),
            "html" => ("<html><body>Service maintenance</body></html>", "text/html"),
            _ => (string.Empty, "application/json"),
        };
        var (result, attempts, _) = await ReadAsync(ctx => ScriptedCloud.Answer(ctx, 200, body, contentType));

        Assert.Equal(ReadOutcome.Malformed, result.Outcome);
        Assert.False(string.IsNullOrWhiteSpace(result.Error!.Message));
        Assert.Equal(1, attempts);
    }

    [Fact(Timeout = 120_000)]
    public async Task SlowAnswerPastTheRequestTimeout_IsTimeout_AfterBoundedRetries()
    {
        var (result, attempts, clients) = await ReadAsync(
            async ctx =>
            {
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(10), ctx.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return; // the client gave up, as it should
                }

                await ScriptedCloud.Answer(ctx, 200, Example("rds-reboot.json"));
            },
            requestTimeout: TimeSpan.FromSeconds(1));

        Assert.Equal(ReadOutcome.Timeout, result.Outcome);
        // Counted at the server: on a loaded machine the last attempt can time out before the server
        // has read it, so "retried, and bounded" is what holds, not an exact count.
        Assert.InRange(attempts, 2, 1 + clients.Options.Polling.Retries);
    }

    [Fact(Timeout = 120_000)]
    public async Task HeadersThenAStalledBody_IsTimeout()
    {
        var (result, _, _) = await ReadAsync(
            async ctx =>
            {
                ctx.Response.StatusCode = 200;
                ctx.Response.ContentType = "application/json";
                await ctx.Response.WriteAsync("{\"job\": {");
                await ctx.Response.Body.FlushAsync();
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(10), ctx.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    // the client gave up
                }
            },
            requestTimeout: TimeSpan.FromMilliseconds(300));

        Assert.Equal(ReadOutcome.Timeout, result.Outcome);
    }

    [Fact(Timeout = 120_000)]
    public async Task ConnectionRefused_IsUnreachable()
    {
        // A port that was free a moment ago and has no listener now.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var options = CloudClientsUnderTest.TokenOptions(new Uri($"http://127.0.0.1:{port}/rds"));
        using var clients = new CloudClientsUnderTest(options, TimeProvider.System);

        var result = await clients.Rds.GetJobAsync(clients.Project(), JobId, TestContext.Current.CancellationToken);

        Assert.Equal(ReadOutcome.Unreachable, result.Outcome);
        Assert.Contains("ConnectionError", result.Error!.Message, StringComparison.Ordinal);
    }
}

using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using TaskWatch.Alerts;
using TaskWatch.Cloud;
using TaskWatch.Configuration;
using TaskWatch.Core;
using TaskWatch.Hosting;

namespace TaskWatch.Tests.Cloud;

/// <summary>What TaskWatch reads from and sends to the outside: answers bounded, plain http only where it never leaves the machine or is allowed by name.</summary>
public sealed class OutboundLimitTests
{
    private const string JobId = "31b8ae23-c687-4d80-b7b4-42a66c9bb886";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // An answer that never ends, sent without a length (chunked): read without a bound it fills the memory until the
    // attempt's timeout, and the poll reports a timeout instead of what it is.
    private static async Task Endless(HttpContext ctx, int status, IReadOnlyDictionary<string, string>? headers = null)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            ctx.Response.Headers[name] = value;
        }

        var chunk = System.Text.Encoding.ASCII.GetBytes("{\"job\":\"" + new string('x', 64 * 1024));
        try
        {
            while (!ctx.RequestAborted.IsCancellationRequested)
            {
                await ctx.Response.Body.WriteAsync(chunk, ctx.RequestAborted);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The client stopped reading: what the test wants.
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task EndlessJobAnswer_IsMalformed_AfterTheBound_NotATimeout()
    {
        await using var cloud = await ScriptedCloud.StartAsync(ctx => Endless(ctx, 200));
        var options = CloudClientsUnderTest.TokenOptions(new Uri(cloud.BaseUri, "rds"));
        options.Polling.MaxAnswerBytes = 64 * 1024;
        options.Polling.RequestTimeout = TimeSpan.FromSeconds(30);
        using var clients = new CloudClientsUnderTest(options, TimeProvider.System);
        var started = DateTime.UtcNow;

        var result = await clients.Rds.GetJobAsync(clients.Project(), JobId, Ct);

        Assert.Equal(ReadOutcome.Malformed, result.Outcome);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20), "the answer was read far beyond the bound");
    }

    [Fact(Timeout = 120_000)]
    public async Task AnnouncedLongJobAnswer_IsMalformed_WithoutReadingIt()
    {
        await using var cloud = await ScriptedCloud.StartAsync(ctx => ScriptedCloud.Answer(ctx, 200, "{\"jobs\":\"" + new string('y', 100_000) + "\"}"));
        var options = CloudClientsUnderTest.TokenOptions(new Uri(cloud.BaseUri, "rds"));
        options.Polling.MaxAnswerBytes = 32 * 1024;
        using var clients = new CloudClientsUnderTest(options, TimeProvider.System);

        var result = await clients.Rds.GetJobAsync(clients.Project(), JobId, Ct);

        Assert.Equal(ReadOutcome.Malformed, result.Outcome);
    }

    [Fact(Timeout = 120_000)]
    public async Task EndlessIamAnswer_IsMalformed()
    {
        await using var iam = await ScriptedCloud.StartAsync(ctx => Endless(ctx, 201, new Dictionary<string, string> { ["X-Subject-Token"] = "t" }));
        await using var cloud = await ScriptedCloud.StartAsync();
        var options = PasswordOptions(iam, cloud);
        options.Polling.MaxAnswerBytes = 64 * 1024;
        using var clients = new CloudClientsUnderTest(options, TimeProvider.System);

        var result = await clients.Rds.GetJobAsync(clients.Project(), JobId, Ct);

        Assert.Equal(ReadOutcome.Unauthorized, result.Outcome);
        Assert.Contains("malformed answer: longer than TaskWatch:Polling:MaxAnswerBytes", result.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(0, cloud.Hits);
    }

    [Fact(Timeout = 120_000)]
    public async Task IamRefusal_ThatRepeatsTheUserAndDomain_NamesNeitherInTheJobsError()
    {
        // IAM's message may echo what it was sent; the job's last error is shown in the UI, the API and the CSV.
        await using var iam = await ScriptedCloud.StartAsync(ctx => ScriptedCloud.Answer(ctx, 401,
            "{\"error\":{\"code\":\"401\",\"message\":\"The username svc-taskwatch or password is wrong in domain OTC-EU-DE-00000000001000000001\"}}"));
        await using var cloud = await ScriptedCloud.StartAsync();
        using var clients = new CloudClientsUnderTest(PasswordOptions(iam, cloud), TimeProvider.System);

        var result = await clients.Rds.GetJobAsync(clients.Project(), JobId, Ct);

        Assert.Equal(ReadOutcome.Unauthorized, result.Outcome);
        var text = result.Error!.ToString();
        Assert.DoesNotContain("svc-taskwatch", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("OTC-EU-DE-00000000001000000001", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("IAM refused a password token", text, StringComparison.Ordinal);
        Assert.Contains("(the IAM user)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void PlainHttpOutsideLoopback_IsRefusedAtStart_NamingTheSettingThatAllowsIt()
    {
        var errors = StartupValidation.Check(Settings(
            ("TaskWatch:Accounts:ops:Auth", "Password"),
            ("TaskWatch:Accounts:ops:IamEndpoint", "http://iam.eu-de.otc.t-systems.com"),
            ("TaskWatch:Accounts:ops:Domain", "d"),
            ("TaskWatch:Accounts:ops:User", "u"),
            ("TaskWatch:Accounts:ops:Password", "p"),
            ("TaskWatch:Projects:prod-rds:Account", "ops"),
            ("TaskWatch:Projects:prod-rds:Service", "Rds"),
            ("TaskWatch:Projects:prod-rds:ProjectId", "0483b6b16e954cb88930a360d2c4e663"),
            ("TaskWatch:Projects:prod-rds:Endpoint", "http://rds.eu-de.otc.t-systems.com"),
            ("TaskWatch:Alerts:Channels:chat:Kind", "Slack"),
            ("TaskWatch:Alerts:Channels:chat:Url", "http://hooks.example.com/services/T0/B0/SECRET-PATH")));

        Assert.Contains("TaskWatch:Accounts:ops:IamEndpoint is 'http://iam.eu-de.otc.t-systems.com': plain http outside loopback would carry credentials unencrypted. Use https, or set TaskWatch:Accounts:ops:AllowHttp=true to allow http for it.", errors);
        Assert.Contains(errors, e => e.StartsWith("TaskWatch:Projects:prod-rds:Endpoint is 'http://rds.eu-de.otc.t-systems.com': plain http", StringComparison.Ordinal) && e.Contains("TaskWatch:Accounts:ops:AllowHttp=true", StringComparison.Ordinal));
        Assert.Contains("TaskWatch:Alerts:Channels:chat:Url is http (value not shown: it may hold a secret): plain http outside loopback would carry credentials unencrypted. Use https, or set TaskWatch:Alerts:Channels:chat:AllowHttp=true to allow http for it.", errors);
        Assert.DoesNotContain(errors, e => e.Contains("SECRET-PATH", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://127.0.0.1:9093/", null)]
    [InlineData("http://localhost:9093/", null)]
    [InlineData("http://[::1]:9093/", null)]
    [InlineData("http://alertmanager.internal:9093/", "true")]
    public void PlainHttp_OnLoopbackOrWhereAllowed_IsAccepted(string url, string? allow)
    {
        var errors = StartupValidation.Check(Settings(
            ("TaskWatch:Alerts:Channels:am:Kind", "Alertmanager"),
            ("TaskWatch:Alerts:Channels:am:Url", url),
            ("TaskWatch:Alerts:Channels:am:AllowHttp", allow)));

        Assert.DoesNotContain(errors, e => e.Contains("plain http", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WebhookAnswer_IsNeverRead_AnEndlessOneStillCountsAsDelivered()
    {
        await using var receiver = await ScriptedCloud.StartAsync(ctx => Endless(ctx, 200));
        using var sender = new AlertSender(
            new AlertSetup(Microsoft.Extensions.Options.Options.Create(new AlertOptions { Retries = 0, AttemptTimeout = TimeSpan.FromSeconds(20) })),
            TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<AlertSender>.Instance);
        var started = DateTime.UtcNow;

        var outcome = await sender.SendAsync(new AlertChannel("hook", AlertChannelKind.Webhook, receiver.BaseUri), "{}", Ct);

        Assert.True(outcome.Delivered, outcome.Error);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10), "the answer's body was read");
    }

    private static TaskWatchOptions PasswordOptions(ScriptedCloud iam, ScriptedCloud cloud)
    {
        var options = CloudClientsUnderTest.TokenOptions(new Uri(cloud.BaseUri, "rds"));
        options.Accounts[CloudClientsUnderTest.Account] = new AccountOptions
        {
            Auth = "Password",
            IamEndpoint = iam.BaseUri.AbsoluteUri,
            Domain = "OTC-EU-DE-00000000001000000001",
            User = "svc-taskwatch",
            Password = "hunter2-secret",
            CallsPerMinute = 1000,
        };
        return options;
    }

    private static Microsoft.Extensions.Configuration.IConfiguration Settings(params (string Key, string? Value)[] values) =>
        new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(values.Where(v => v.Value is not null).Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)).Append(new("TaskWatch:Demo:Enabled", "false")))
            .Build();
}

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TaskWatch.Alerts;
using TaskWatch.Configuration;

namespace TaskWatch.Tests.Alerts;

/// <summary>Webhook delivery against a real loopback receiver: retries, a receiver that never answers, no secret in logs.</summary>
public sealed class AlertSenderTests
{
    private const string Secret = "T00SECRET-b7f3e1c9a2d4";

    [Fact]
    public async Task ReceiverAnswering500Twice_GetsItOnTheThirdAttempt()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = n => n <= 2 ? 500 : 200;
        var logs = new CapturedLogs();
        using var sender = Sender(receiver, logs, retries: 3, attemptTimeout: TimeSpan.FromSeconds(10));

        var outcome = await sender.SendAsync(Channel(receiver), """{"event":"Failed"}""", TestContext.Current.CancellationToken);

        Assert.True(outcome.Delivered);
        Assert.Equal(3, outcome.Attempts);
        Assert.Equal(3, receiver.Requests);
        Assert.All(receiver.Bodies, b => Assert.Equal("Failed", b.GetProperty("event").GetString()));
        Assert.DoesNotContain(logs.Lines, l => l.Contains(Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReceiverAlways500_GivesUpAfterTheRetries_AndLogsTheHostOnly()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = _ => 500;
        var logs = new CapturedLogs();
        using var sender = Sender(receiver, logs, retries: 2, attemptTimeout: TimeSpan.FromSeconds(10));

        var outcome = await sender.SendAsync(Channel(receiver), "{}", TestContext.Current.CancellationToken);

        Assert.False(outcome.Delivered);
        Assert.Equal(3, outcome.Attempts);
        Assert.Equal("HTTP 500", outcome.Error);
        Assert.Contains(logs.Lines, l => l.Contains("host 127.0.0.1", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains(Secret, StringComparison.Ordinal) || l.Contains("/hooks/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReceiverThatNeverAnswers_TimesOutEachAttempt_AndIsReportedSo()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = _ => null;
        var logs = new CapturedLogs();
        using var sender = Sender(receiver, logs, retries: 1, attemptTimeout: TimeSpan.FromMilliseconds(300));

        var outcome = await sender.SendAsync(Channel(receiver), "{}", TestContext.Current.CancellationToken);

        Assert.False(outcome.Delivered);
        Assert.Equal(2, outcome.Attempts);
        Assert.StartsWith("no answer within", outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Lines, l => l.Contains(Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ClientError_IsNotRetried()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = _ => 404;
        using var sender = Sender(receiver, new CapturedLogs(), retries: 3, attemptTimeout: TimeSpan.FromSeconds(10));

        var outcome = await sender.SendAsync(Channel(receiver), "{}", TestContext.Current.CancellationToken);

        Assert.False(outcome.Delivered);
        Assert.Equal(1, receiver.Requests);
        Assert.Equal("HTTP 404", outcome.Error);
    }

    [Fact]
    public async Task NobodyListening_IsAConnectionFailure_WithoutTheUrl()
    {
        var logs = new CapturedLogs();
        var closed = new Uri($"http://127.0.0.1:{FreePort()}/hooks/{Secret}");
        var setup = Setup(closed.AbsoluteUri, retries: 1, TimeSpan.FromSeconds(5));
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        using var sender = new AlertSender(setup, TimeProvider.System, factory.CreateLogger<AlertSender>());

        var outcome = await sender.SendAsync(setup.Channels["hook"], "{}", TestContext.Current.CancellationToken);

        Assert.False(outcome.Delivered);
        Assert.StartsWith("connection failed", outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Lines, l => l.Contains(Secret, StringComparison.Ordinal));
    }

    private static AlertChannel Channel(WebhookReceiver receiver) => new("hook", AlertChannelKind.Webhook, new Uri(receiver.UrlWithSecret(Secret)));

    private static AlertSender Sender(WebhookReceiver receiver, CapturedLogs logs, int retries, TimeSpan attemptTimeout)
    {
        var factory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        return new AlertSender(Setup(receiver.UrlWithSecret(Secret), retries, attemptTimeout), TimeProvider.System, factory.CreateLogger<AlertSender>());
    }

    private static AlertSetup Setup(string url, int retries, TimeSpan attemptTimeout) => new(Options.Create(new AlertOptions
    {
        Retries = retries,
        RetryDelay = TimeSpan.FromMilliseconds(20),
        AttemptTimeout = attemptTimeout,
        Channels = { ["hook"] = new AlertChannelOptions { Kind = "Webhook", Url = url } },
    }));

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}

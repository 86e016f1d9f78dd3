using Microsoft.Extensions.Logging;
using TaskWatch.Security;
using TaskWatch.Tests.Reliability;
using TaskWatch.Tests.Support;

namespace TaskWatch.Tests.Security;

/// <summary>Reachable through a proxy with no way to sign in at all: TaskWatch starts, and says at start-up what to set.</summary>
public sealed class AccessStartupWarningTests
{
    [Fact]
    public async Task ExposedWithNoWayToSignIn_WarnsNamingTheSettings_AndWithAKeyItDoesNot()
    {
        var settings = MalformedRequestTests.OneProjectNoDemo();
        settings["TaskWatch:Access:KnownProxies:0"] = "127.0.0.1";
        var logs = new CapturingLoggerProvider();
        await using (await TestApp.StartAsync(settings, configure: b => b.Logging.AddProvider(logs)))
        {
            Assert.Contains(logs.Lines, l => l.Contains("nobody can sign in", StringComparison.Ordinal)
                && l.Contains("TaskWatch:Access:Oidc:Authority", StringComparison.Ordinal) && l.Contains("TaskWatch:Access:ApiKeys", StringComparison.Ordinal));
        }

        settings["TaskWatch:Access:ApiKeys:ci"] = ApiKeyHash.Sha256Of("k");
        var quiet = new CapturingLoggerProvider();
        await using (await TestApp.StartAsync(settings, configure: b => b.Logging.AddProvider(quiet)))
        {
            Assert.DoesNotContain(quiet.Lines, l => l.Contains("nobody can sign in", StringComparison.Ordinal));
        }
    }
}

using Microsoft.Extensions.Time.Testing;
using TaskWatch.Cloud;
using TaskWatch.Cloud.Auth;
using TaskWatch.Configuration;
using TaskWatch.Core;

namespace TaskWatch.Tests.Cloud;

/// <summary>IAM password tokens and AK/SK signatures against the simulator over loopback HTTP.</summary>
public sealed class CloudAuthTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"waited 10 s for {what}");
            }

            await Task.Delay(20, Ct);
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task Password_TokenIsCached_OneIamCallForManyRequests()
    {
        var time = new FakeTimeProvider();
        await using var cloud = await SimulatedCloud.StartAsync(time);
        var (project, jobId) = cloud.AddProjectWithJob();
        using var clients = new CloudClientsUnderTest(cloud.Options(AuthMode.Password, project), time);

        for (var i = 0; i < 10; i++)
        {
            var result = await clients.Rds.GetJobAsync(clients.Project(), jobId, Ct);
            Assert.Equal(ReadOutcome.Job, result.Outcome);
            time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(1, cloud.IamCalls);
        Assert.Equal(10, cloud.ApiCalls);
    }

    [Fact(Timeout = 120_000)]
    public async Task Password_TokenNearExpiry_IsRenewedBeforeTheCloudRefusesIt()
    {
        var time = new FakeTimeProvider();
        await using var cloud = await SimulatedCloud.StartAsync(time);
        cloud.Simulator.TokenLifetime = TimeSpan.FromHours(1);
        var (project, jobId) = cloud.AddProjectWithJob();
        using var clients = new CloudClientsUnderTest(cloud.Options(AuthMode.Password, project), time);
        Assert.Equal(ReadOutcome.Job, (await clients.Rds.GetJobAsync(clients.Project(), jobId, Ct)).Outcome);

        // Inside the hard margin: the caller waits for a new token rather than send one about to expire.
        time.Advance(TimeSpan.FromHours(1) - IamTokenCache.HardMargin + TimeSpan.FromSeconds(1));
        Assert.Equal(ReadOutcome.Job, (await clients.Rds.GetJobAsync(clients.Project(), jobId, Ct)).Outcome);
        Assert.Equal(2, cloud.IamCalls);

        // Past the old token's expiry: the new one serves, nothing is refused.
        time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(ReadOutcome.Job, (await clients.Rds.GetJobAsync(clients.Project(), jobId, Ct)).Outcome);
        Assert.Equal(2, cloud.IamCalls);
        Assert.Equal(3, cloud.ApiCalls);
    }

    [Fact(Timeout = 120_000)]
    public async Task Password_WithinTheSoftMargin_RenewsInTheBackground_WhileTheOldTokenServes()
    {
        var time = new FakeTimeProvider();
        await using var cloud = await SimulatedCloud.StartAsync(time);
        cloud.Simulator.TokenLifetime = TimeSpan.FromHours(1);
        var (project, jobId) = cloud.AddProjectWithJob();
        using var clients = new CloudClientsUnderTest(cloud.Options(AuthMode.Password, project), time);
        Assert.Equal(ReadOutcome.Job, (await clients.Rds.GetJobAsync(clients.Project(), jobId, Ct)).Outcome);

        var oldToken = await CurrentTokenAsync(cloud, clients, jobId);
        time.Advance(TimeSpan.FromMinutes(40));
        Assert.Equal(oldToken, await CurrentTokenAsync(cloud, clients, jobId));
        await WaitForAsync(() => cloud.IamCalls == 2, "the background renewal");
        var renewed = oldToken;
        while (renewed == oldToken)
        {
            // The renewal is stored a moment after IAM answered; the next call then carries it.
            await Task.Delay(20, Ct);
            renewed = await CurrentTokenAsync(cloud, clients, jobId);
        }

        // The old token would now be expired; the renewed one is used without another IAM call.
        time.Advance(TimeSpan.FromMinutes(25));
        Assert.Equal(ReadOutcome.Job, (await clients.Rds.GetJobAsync(clients.Project(), jobId, Ct)).Outcome);
        Assert.Equal(2, cloud.IamCalls);
        Assert.Equal(0, cloud.Rejections);
    }

    [Fact(Timeout = 120_000)]
    public async Task Password_RejectedToken_IsRenewedOnce_AndTheCallRepeated()
    {
        var time = new FakeTimeProvider();
        await using var cloud = await SimulatedCloud.StartAsync(time);
        var (project, jobId) = cloud.AddProjectWithJob();
        using var clients = new CloudClientsUnderTest(cloud.Options(AuthMode.Password, project), time);
        Assert.Equal(ReadOutcome.Job, (await clients.Rds.GetJobAsync(clients.Project(), jobId, Ct)).Outcome);

        cloud.RejectAll = true;
        var rejected = await clients.Rds.GetJobAsync(clients.Project(), jobId, Ct);
        Assert.Equal(ReadOutcome.Unauthorized, rejected.Outcome);
        Assert.Equal("APIGW.0307", rejected.Error!.ErrorCode);
        // One renewal and one repeat, not a loop.
        Assert.Equal(2, cloud.IamCalls);
        Assert.Equal(3, cloud.ApiCalls);

        cloud.RejectAll = false;
        var token = await CurrentTokenAsync(cloud, clients, jobId);
        cloud.Revoked[token] = true;
        var repeated = await clients.Rds.GetJobAsync(clients.Project(), jobId, Ct);
        Assert.Equal(ReadOutcome.Job, repeated.Outcome);
        Assert.Equal(3, cloud.IamCalls);
    }

    [Fact(Timeout = 120_000)]
    public async Task Password_FiftyConcurrentCallers_ShareOneIssue_AndOneRenewal()
    {
        var time = new FakeTimeProvider();
        await using var cloud = await SimulatedCloud.StartAsync(time);
        var (project, jobId) = cloud.AddProjectWithJob();
        using var clients = new CloudClientsUnderTest(cloud.Options(AuthMode.Password, project), time);

        var first = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => clients.Rds.GetJobAsync(clients.Project(), jobId, Ct), Ct)));
        Assert.All(first, r => Assert.Equal(ReadOutcome.Job, r.Outcome));
        Assert.Equal(1, cloud.IamCalls);

        var token = await CurrentTokenAsync(cloud, clients, jobId);
        cloud.Revoked[token] = true;
        var second = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => clients.Rds.GetJobAsync(clients.Project(), jobId, Ct), Ct)));
        Assert.All(second, r => Assert.Equal(ReadOutcome.Job, r.Outcome));
        Assert.Equal(2, cloud.IamCalls);
    }

    [Fact(Timeout = 120_000)]
    public async Task Password_RefusedByIam_IsUnauthorized_WithoutTheSecret()
    {
        var time = new FakeTimeProvider();
        await using var cloud = await SimulatedCloud.StartAsync(time);
        var (project, jobId) = cloud.AddProjectWithJob();
        var options = cloud.Options(AuthMode.Password, project);
        options.Accounts[CloudClientsUnderTest.Account].Password = "wrong-password-value";
        using var clients = new CloudClientsUnderTest(options, time);

        var result = await clients.Rds.GetJobAsync(clients.Project(), jobId, Ct);

        Assert.Equal(ReadOutcome.Unauthorized, result.Outcome);
        Assert.Contains("IAM.0006", result.Error!.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-password-value", result.Error.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, cloud.ApiCalls);
    }

    [Fact(Timeout = 120_000)]
    public async Task AkSk_SignedRequest_IsAcceptedByTheSignatureCheck()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cloud = await SimulatedCloud.StartAsync(time);
        var (project, jobId) = cloud.AddProjectWithJob(CloudService.Dds);
        using var clients = new CloudClientsUnderTest(cloud.Options(AuthMode.AkSk, project), time);

        var result = await clients.Dds.GetJobAsync(clients.Project(), jobId, Ct);
        var list = await clients.Dds.ListJobsAsync(clients.Project(), new JobListQuery(time.GetUtcNow().UtcDateTime.AddDays(-1), time.GetUtcNow().UtcDateTime), Ct);

        Assert.Equal(ReadOutcome.Job, result.Outcome);
        Assert.Null(list.Error);
        Assert.Single(list.Jobs);
    }

    [Fact(Timeout = 120_000)]
    public async Task AkSk_WrongSecret_IsUnauthorized()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cloud = await SimulatedCloud.StartAsync(time);
        var (project, jobId) = cloud.AddProjectWithJob();
        using var clients = new CloudClientsUnderTest(cloud.Options(AuthMode.AkSk, project, secretKey: "not-the-secret"), time);

        var result = await clients.Rds.GetJobAsync(clients.Project(), jobId, Ct);

        Assert.Equal(ReadOutcome.Unauthorized, result.Outcome);
        Assert.Equal("APIGW.0303", result.Error!.ErrorCode);
    }

    // The simulator keeps issued tokens to itself; the last one it issued is the one in use.
    private static async Task<string> CurrentTokenAsync(SimulatedCloud cloud, CloudClientsUnderTest clients, string jobId)
    {
        string? seen = null;
        cloud.Observe = token => seen = token;
        Assert.Equal(ReadOutcome.Job, (await clients.Rds.GetJobAsync(clients.Project(), jobId, Ct)).Outcome);
        cloud.Observe = null;
        return seen!;
    }
}

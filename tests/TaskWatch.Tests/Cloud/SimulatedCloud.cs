using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TaskWatch.Configuration;
using TaskWatch.Core;
using TaskWatch.Simulator;

namespace TaskWatch.Tests.Cloud;

/// <summary>
/// The built-in simulator on a loopback port, wrapped to count IAM and API calls and to revoke
/// tokens (the cloud's answer to a revoked token is 401 APIGW.0307).
/// </summary>
public sealed class SimulatedCloud : IAsyncDisposable
{
    private int _iamCalls;
    private int _apiCalls;
    private int _rejections;
    private int _inFlight;

    private SimulatedCloud(TaskCenterSimulator simulator)
    {
        Simulator = simulator;
    }

    public TaskCenterSimulator Simulator { get; }

    public SimulatorHost Host { get; private set; } = null!;

    public int IamCalls => Volatile.Read(ref _iamCalls);

    public int ApiCalls => Volatile.Read(ref _apiCalls);

    public int Rejections => Volatile.Read(ref _rejections);

    /// <summary>API calls being answered right now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>The simulator's clock at the arrival of every API call.</summary>
    public ConcurrentQueue<DateTimeOffset> ApiCallTimes { get; } = new();

    /// <summary>The path of every API call, in arrival order.</summary>
    public ConcurrentQueue<string> ApiCallPaths { get; } = new();

    /// <summary>Runs before the simulator answers an API call (fault injection); may answer itself and return true.</summary>
    public Func<HttpContext, Task<bool>>? Intercept { get; set; }

    /// <summary>Tokens the wrapper answers with 401 APIGW.0307.</summary>
    public ConcurrentDictionary<string, bool> Revoked { get; } = new(StringComparer.Ordinal);

    /// <summary>Sees the token of each API call (tests read which token is in use).</summary>
    public Action<string>? Observe { get; set; }

    /// <summary>When set, answers every API call with 401 APIGW.0307, whatever the token.</summary>
    public bool RejectAll { get; set; }

    public static async Task<SimulatedCloud> StartAsync(TimeProvider time, Action<WebApplication>? configure = null)
    {
        var cloud = new SimulatedCloud(new TaskCenterSimulator(time, SimulatorCredentials.CreateRandom()));
        cloud.Host = await SimulatorHost.StartAsync(cloud.Simulator, app =>
        {
            app.Use(async (ctx, next) =>
            {
                if (ctx.Request.Path.StartsWithSegments("/iam"))
                {
                    Interlocked.Increment(ref cloud._iamCalls);
                    await next(ctx);
                    return;
                }

                Interlocked.Increment(ref cloud._inFlight);
                try
                {
                    cloud.ApiCallTimes.Enqueue(cloud.Simulator.Time.GetUtcNow());
                    cloud.ApiCallPaths.Enqueue(ctx.Request.Path.Value ?? string.Empty);
                    Interlocked.Increment(ref cloud._apiCalls);
                    if (cloud.Intercept is { } intercept && await intercept(ctx))
                    {
                        return;
                    }

                    await AuthorizeAndAnswerAsync(cloud, ctx, next);
                }
                finally
                {
                    Interlocked.Decrement(ref cloud._inFlight);
                }
            });
            configure?.Invoke(app);
        });
        return cloud;
    }

    private static async Task AuthorizeAndAnswerAsync(SimulatedCloud cloud, HttpContext ctx, RequestDelegate next)
    {
        var token = ctx.Request.Headers["X-Auth-Token"].ToString();
        cloud.Observe?.Invoke(token);
        if (cloud.RejectAll || cloud.Revoked.ContainsKey(token))
        {
            Interlocked.Increment(ref cloud._rejections);
            await ScriptedCloud.Answer(ctx, 401, """{"error_code":"APIGW.0307","error_msg":"The token must be updated."}""");
            return;
        }

        await next(ctx);
    }

    /// <summary>The most calls that arrived within any window of <paramref name="window"/>.</summary>
    public int MostCallsInAnyWindow(TimeSpan window)
    {
        var times = ApiCallTimes.OrderBy(t => t).ToArray();
        var most = 0;
        var start = 0;
        for (var end = 0; end < times.Length; end++)
        {
            while (times[end] - times[start] >= window)
            {
                start++;
            }

            most = Math.Max(most, end - start + 1);
        }

        return most;
    }

    /// <summary>A project of the simulator with one visible job; returns the job id.</summary>
    public (SimulatedProject Project, string JobId) AddProjectWithJob(CloudService service = CloudService.Rds)
    {
        var project = Simulator.AddProject(service, "eu-de");
        var job = Simulator.StartJob(project, ago: TimeSpan.FromMinutes(1), failShare: 0);
        return (project, job.Id);
    }

    /// <summary>Options with one account of the given mode and one project on the simulator.</summary>
    public TaskWatchOptions Options(AuthMode auth, SimulatedProject project, string? secretKey = null)
    {
        var c = Simulator.Credentials;
        var options = new TaskWatchOptions();
        options.Polling.RetryDelay = TimeSpan.FromMilliseconds(10);
        options.Accounts[CloudClientsUnderTest.Account] = new AccountOptions
        {
            Auth = auth.ToString(),
            IamEndpoint = Host.IamEndpoint.AbsoluteUri,
            Domain = c.Domain,
            User = c.User,
            Password = c.Password,
            Token = c.FixedToken,
            AccessKey = c.AccessKey,
            SecretKey = secretKey ?? c.SecretKey,
            // Plenty: these tests freeze the clock, and a paced budget would wait for it.
            CallsPerMinute = 100_000,
        };
        options.Projects[CloudClientsUnderTest.ProjectName] = new ProjectOptions
        {
            Account = CloudClientsUnderTest.Account,
            Service = project.Service.ToString(),
            ProjectId = project.ProjectId,
            Region = project.Region,
            Endpoint = Host.EndpointOf(project.Service).AbsoluteUri,
            ListApi = true,
        };
        return options;
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}

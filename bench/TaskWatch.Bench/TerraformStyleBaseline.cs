using System.Net;
using TaskWatch.Simulator;

namespace TaskWatch.Bench;

/// <summary>
/// The way the Terraform providers wait (api-docs FACTS): each job on its own, a 10 s delay, then a
/// single-job read every 10 s; on a 429 the Go SDKs sleep 60 s. No budget of its own.
/// </summary>
public sealed class TerraformStyleBaseline(SimulatorHost host, IReadOnlyList<(SimulatedJob Job, SimulatedProject Project)> jobs)
{
    private int _calls;
    private int _throttled;

    public int Calls => Volatile.Read(ref _calls);

    public int Throttled => Volatile.Read(ref _throttled);

    public async Task RunAsync(TimeSpan length)
    {
        using var cts = new CancellationTokenSource(length);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 });
        await Task.WhenAll(jobs.Select(j => WaitAsync(http, j.Job, j.Project, cts.Token)));
    }

    private async Task WaitAsync(HttpClient http, SimulatedJob job, SimulatedProject project, CancellationToken ct)
    {
        var endpoint = project.Service == TaskWatch.Core.CloudService.Rds ? host.RdsEndpoint : host.DdsEndpoint;
        var uri = new Uri($"{endpoint.AbsoluteUri}/v3/{project.ProjectId}/jobs?id={job.Id}");
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(10), ct);
            while (!ct.IsCancellationRequested)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                request.Headers.Add("X-Auth-Token", host.Simulator.Credentials.FixedToken);
                using var response = await http.SendAsync(request, ct);
                Interlocked.Increment(ref _calls);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    Interlocked.Increment(ref _throttled);
                    await Task.Delay(TimeSpan.FromSeconds(60), ct);
                }
                else
                {
                    await Task.Delay(TimeSpan.FromSeconds(10), ct);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // the measured time is over
        }
        catch (HttpRequestException) when (ct.IsCancellationRequested)
        {
        }
    }
}

using TaskWatch.Core;

namespace TaskWatch.Simulator;

/// <summary>
/// How the simulator speaks one service's task center: its routes under its own path prefix, its
/// bodies with their documented quirks, its error body, its kinds of jobs and their failure reasons.
/// One per service, listed in <see cref="SimulatorDialects"/>.
/// </summary>
public abstract class SimulatorDialect
{
    public abstract CloudService Service { get; }

    /// <summary>The first path segment of the service on the simulator's host (<c>rds</c> → http://127.0.0.1:port/rds).</summary>
    public abstract string PathPrefix { get; }

    /// <summary>The end of the service's instance ids (<c>in01</c> RDS, <c>in02</c> DDS, ...).</summary>
    public abstract string InstanceSuffix { get; }

    public abstract IReadOnlyList<SimulatedJobKind> Kinds { get; }

    /// <summary>HTTP status of an invalid token (the RDS table says 403, the DDS table 401).</summary>
    public virtual int BadTokenStatus => 401;

    /// <summary>The service's error body; most write <c>{"error_code", "error_msg"}</c>.</summary>
    public virtual byte[] Error(string code, string message) => SimulatorJson.Error(code, message);

    /// <summary>The answer to a job id the service does not know (or no longer keeps).</summary>
    public virtual IResult NotFound() => SimulatorEndpoints.Json(400, Error("DBS.200543", "The job does not exist."));

    /// <summary>The body of a throttled call (a hostile mode's 429).</summary>
    public virtual byte[] Throttled() => SimulatorJson.Error("APIGW.0308", "The throttling threshold has been reached.");

    /// <summary>Maps the service's job APIs, each through <see cref="SimulatorFaults.AnswerAsync"/>.</summary>
    public abstract void Map(IEndpointRouteBuilder app, TaskCenterSimulator sim);

    /// <summary>Maps a GET under the prefix whose answer passes the project's hostile modes and is logged.</summary>
    protected void MapJobApi(IEndpointRouteBuilder app, TaskCenterSimulator sim, string pattern, Func<HttpContext, string, IResult> answer) =>
        app.MapGet($"/{PathPrefix}{pattern}", (HttpContext http, string projectId) => sim.Faults.AnswerAsync(http, projectId, () =>
            SimulatorEndpoints.Refuse(http, sim, this, projectId) ?? answer(http, projectId)));
}

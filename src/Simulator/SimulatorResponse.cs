using Microsoft.AspNetCore.Http;

namespace TaskWatch.Simulator;

/// <summary>A JSON body with any status, as the clouds send their error bodies.</summary>
internal sealed class SimulatorResponse(int status, byte[] body) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = status;
        httpContext.Response.ContentType = "application/json;charset=UTF-8";
        httpContext.Response.ContentLength = body.Length;
        return httpContext.Response.Body.WriteAsync(body).AsTask();
    }
}

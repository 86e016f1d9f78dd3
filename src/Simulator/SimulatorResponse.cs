namespace TaskWatch.Simulator;

/// <summary>A body with any status, as the clouds send their error bodies (JSON unless told otherwise).</summary>
internal sealed class SimulatorResponse(int status, byte[] body, string contentType = "application/json;charset=UTF-8", int? retryAfterSeconds = null) : IResult
{
    public int Status => status;

    public byte[] Body => body;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = status;
        httpContext.Response.ContentType = contentType;
        if (retryAfterSeconds is { } seconds)
        {
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        httpContext.Response.ContentLength = body.Length;
        return httpContext.Response.Body.WriteAsync(body).AsTask();
    }
}

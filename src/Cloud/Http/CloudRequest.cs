namespace TaskWatch.Cloud.Http;

internal static class CloudRequest
{
    public static CloudProject ProjectOf(HttpRequestMessage request) =>
        request.Options.TryGetValue(CloudRequestContext.Key, out var context)
            ? context.Project
            : throw new InvalidOperationException("A cloud request was sent without its project; use the job clients.");
}

namespace TaskWatch.Cloud.Http;

/// <summary>
/// What travels with a request through the handlers (Refit's <c>[Property]</c> puts it into
/// <see cref="HttpRequestMessage.Options"/>): the project a job call is for, or the endpoint of an IAM call.
/// </summary>
public static class CloudRequest
{
    public const string ProjectKey = "TaskWatch.CloudProject";
    public const string EndpointKey = "TaskWatch.Endpoint";

    /// <summary>The Refit clients' base address: every request is moved onto its project's or account's endpoint before it leaves.</summary>
    public static readonly Uri Unrouted = new("http://unrouted.invalid/");

    private static readonly HttpRequestOptionsKey<CloudProject> Project = new(ProjectKey);
    private static readonly HttpRequestOptionsKey<Uri> Endpoint = new(EndpointKey);

    public static CloudProject ProjectOf(HttpRequestMessage request) =>
        request.Options.TryGetValue(Project, out var project)
            ? project
            : throw new InvalidOperationException("A cloud request was sent without its project; use the job clients.");

    /// <summary>The base URL the request's relative path belongs under.</summary>
    public static Uri BaseOf(HttpRequestMessage request) =>
        request.Options.TryGetValue(Project, out var project) ? project.BaseUri
        : request.Options.TryGetValue(Endpoint, out var endpoint) ? endpoint
        : throw new InvalidOperationException("A cloud request was sent without its project or endpoint; use the cloud clients.");
}

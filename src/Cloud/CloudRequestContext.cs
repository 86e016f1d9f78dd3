namespace TaskWatch.Cloud;

/// <summary>Travels with each request through the handlers: which project (and so which account) it is for.</summary>
public sealed record CloudRequestContext(CloudProject Project)
{
    public static readonly HttpRequestOptionsKey<CloudRequestContext> Key = new("TaskWatch.CloudRequest");
}

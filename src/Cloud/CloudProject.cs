using TaskWatch.Core;

namespace TaskWatch.Cloud;

/// <summary>A configured project as the clients use it: where to call, as whom, in which dialect.</summary>
public sealed record CloudProject(
    string Name,
    CloudService Service,
    string ProjectId,
    string? Region,
    Uri Endpoint,
    string Account,
    bool ListApi,
    bool Discovery,
    TimeSpan DiscoveryLookBack,
    int ListPageSize)
{
    // ListPageSize comes from the service's dialect (TaskCenterClient): the largest page its list API returns.

    /// <summary>A base URL that ends with '/', so relative paths keep any prefix it has.</summary>
    public Uri BaseUri => Endpoint.AbsoluteUri.EndsWith('/') ? Endpoint : new Uri(Endpoint.AbsoluteUri + "/");

    /// <summary>Identifies the endpoint for concurrency bounds: scheme, host, port and path.</summary>
    public string EndpointKey => BaseUri.AbsoluteUri;
}

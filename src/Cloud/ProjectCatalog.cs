using Microsoft.Extensions.Options;
using TaskWatch.Configuration;

namespace TaskWatch.Cloud;

/// <summary>The configured projects by name (case-insensitive), built once from validated options.</summary>
public sealed class ProjectCatalog
{
    private readonly Dictionary<string, CloudProject> _projects;

    public ProjectCatalog(IOptions<TaskWatchOptions> options, TaskCenterClients dialects)
        : this(options.Value, dialects)
    {
    }

    public ProjectCatalog(TaskWatchOptions options, TaskCenterClients dialects)
    {
        _projects = new(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, p) in options.Projects)
        {
            if (p.ServiceKind is not { } service || !dialects.Has(service) || p.Endpoint is null || p.ProjectId is null || p.Account is null
                || !Uri.TryCreate(p.Endpoint, UriKind.Absolute, out var endpoint))
            {
                continue; // the validators have already refused to start with such a project
            }

            _projects[name] = new CloudProject(name, service, p.ProjectId, p.Region, endpoint, p.Account, p.ListApi, p.Discovery, p.DiscoveryLookBack, dialects.For(service).ListPageSize);
        }
    }

    public IReadOnlyCollection<CloudProject> All => _projects.Values;

    public CloudProject? Find(string name) => _projects.GetValueOrDefault(name);
}

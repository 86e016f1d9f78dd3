using TaskWatch.Core;

namespace TaskWatch.Cloud;

/// <summary>
/// The registry of dialects: every <see cref="TaskCenterClient"/> registered with
/// <see cref="CloudClientServices.AddDialect{TApi, TClient}"/>, by service. A service without one is
/// an error, never another service's dialect.
/// </summary>
public sealed class TaskCenterClients
{
    private readonly Dictionary<CloudService, TaskCenterClient> _byService = [];

    public TaskCenterClients(IEnumerable<TaskCenterClient> dialects)
    {
        foreach (var dialect in dialects)
        {
            if (!_byService.TryAdd(dialect.Service, dialect))
            {
                throw new InvalidOperationException($"Two dialects are registered for {dialect.Service}: {_byService[dialect.Service].GetType().Name} and {dialect.GetType().Name}.");
            }
        }
    }

    /// <summary>The services that have a dialect, in the enum's order.</summary>
    public IReadOnlyList<CloudService> Services => [.. Enum.GetValues<CloudService>().Where(_byService.ContainsKey)];

    public bool Has(CloudService service) => _byService.ContainsKey(service);

    public TaskCenterClient For(CloudService service) =>
        _byService.TryGetValue(service, out var dialect) ? dialect : throw new InvalidOperationException(MissingMessage(service));

    /// <summary>One line for each service of the enum that has no dialect: start-up prints them and stops.</summary>
    public IReadOnlyList<string> MissingDialects() => [.. Enum.GetValues<CloudService>().Where(s => !Has(s)).Select(MissingMessage)];

    /// <summary>The one line start-up prints for a service that has no dialect.</summary>
    public string MissingMessage(CloudService service) =>
        $"The service {service} has no task-center dialect (registered: {string.Join(", ", Services)}); register one in CloudClientServices.AddCloudClients.";
}

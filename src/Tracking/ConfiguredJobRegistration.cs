using Microsoft.Extensions.Options;
using TaskWatch.Configuration;
using TaskWatch.Core;

namespace TaskWatch.Tracking;

/// <summary>Registers the job ids listed under each project in configuration (TaskWatch:Projects:*:Jobs) when the poller starts.</summary>
public sealed class ConfiguredJobRegistration(JobRegistrar registrar, IOptions<TaskWatchOptions> options)
{
    public async Task RegisterAsync(CancellationToken cancellationToken)
    {
        var items = options.Value.Projects.SelectMany(p => p.Value.Jobs.Select(id => (p.Key, id))).ToList();
        if (items.Count > 0)
        {
            await registrar.RegisterAsync(items, RegistrationSource.Configuration, cancellationToken).ConfigureAwait(false);
        }
    }
}

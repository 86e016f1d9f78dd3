using TaskWatch.Core;

namespace TaskWatch.Configuration;

/// <summary>One project of one service in one region: the unit users pick and the REST API names.</summary>
public sealed class ProjectOptions
{
    public string? Account { get; set; }

    /// <summary>A <see cref="CloudService"/> name (<c>Rds</c>, <c>Dds</c>, <c>TaurusDb</c>, <c>GaussDb</c>, <c>GeminiDb</c>, <c>Ddm</c>; any case); kept as text so a typo is reported by the validator, not the binder.</summary>
    public string? Service { get; set; }

    /// <summary>The parsed <see cref="Service"/>, or null when it is not a known service name.</summary>
    public CloudService? ServiceKind => Enum.TryParse<CloudService>(Service, ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : null;

    /// <summary>The cloud's project id, part of every URL.</summary>
    public string? ProjectId { get; set; }

    public string? Region { get; set; }

    /// <summary>Base URL of the service, e.g. https://rds.eu-de.otc.t-systems.com.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Whether the cloud offers the list API for this project (one call reads many jobs).</summary>
    public bool ListApi { get; set; }

    /// <summary>With the list API on, register every job the list returns.</summary>
    public bool Discovery { get; set; }

    /// <summary>How far back discovery looks.</summary>
    public TimeSpan DiscoveryLookBack { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Job ids to track from start-up on.</summary>
    public List<string> Jobs { get; set; } = [];
}

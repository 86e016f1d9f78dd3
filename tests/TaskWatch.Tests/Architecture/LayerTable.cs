namespace TaskWatch.Tests.Architecture;

/// <summary>
/// The one table of which <c>src/</c> folder may use which, written along the data's flow:
/// configuration → cloud → storage → live → tracking (asks the cloud, hands to storage and live)
/// → insight and alerts → the UI and the API, with Hosting as the composition root.
/// Anything not listed here is a forbidden arrow.
/// </summary>
public static class LayerTable
{
    private static readonly string[] Base = ["Core", "Configuration"];

    public static readonly IReadOnlyDictionary<string, string[]> Allowed = new Dictionary<string, string[]>
    {
        ["Core"] = [],
        ["Configuration"] = ["Core"],
        ["Cloud"] = [.. Base],
        ["Storage"] = [.. Base],
        ["Live"] = [.. Base, "Storage"],
        ["Tracking"] = [.. Base, "Cloud", "Storage", "Live"],
        ["Insight"] = [.. Base, "Cloud", "Storage", "Live", "Tracking"],
        ["Alerts"] = [.. Base, "Cloud", "Storage", "Live", "Tracking", "Insight"],
        ["Simulator"] = [.. Base, "Cloud", "Storage", "Live", "Tracking"],
        ["Security"] = [.. Base],
        ["Api"] = [.. Base, "Cloud", "Storage", "Live", "Tracking", "Insight", "Alerts", "Security"],
        ["Components"] = [.. Base, "Cloud", "Storage", "Live", "Tracking", "Insight", "Alerts", "Security"],
        ["Operations"] = [.. Base, "Cloud", "Storage", "Live", "Tracking", "Simulator"],
        ["Hosting"] = [.. Base, "Cloud", "Storage", "Live", "Tracking", "Insight", "Alerts", "Simulator", "Security", "Api", "Components", "Operations"],
    };
}

using System.Globalization;
using System.Text;

namespace TaskWatch.Bench;

/// <summary>The fleet's curve as one table, a row per size in the order measured, and the plot below it.</summary>
public static class FleetSummary
{
    private static readonly double LeaseTakeover = new TaskWatch.Configuration.StorageOptions().LeaseTakeover.TotalSeconds;

    public static string Markdown(IReadOnlyList<FleetResult> results, string plotFile)
    {
        var md = new StringBuilder();
        md.AppendLine("## The curve");
        md.AppendLine();
        md.AppendLine("Each row one size of this run (CPU in cores: 1 = one core busy; \"÷ first\" is the median instance's CPU or memory against the first row's, measured minutes apart on the same machine). Targets: oldest view ≤ max(10 s, 2 × sweep limit) for every account, 0 × 429, no instance above ceil(accounts / instances), change to another instance's live view ≤ 1 s p99, takeover ≤ `LeaseTakeover` + 2 × sweep limit and ends shown everywhere within 5 s more. The figures behind each cell are in the table of section 8 below.");
        md.AppendLine();
        md.AppendLine("| size | CPU per instance, median / busiest | ÷ first | resident memory per instance, median / largest | ÷ first | CPU, all instances | oldest view, worst / median account (÷ its limit) | 429 | most accounts held (fair share) | change to another instance's live view, p99 | NOTIFY per s (job entries per s) | TrackedJobs rows read per s | rows written per s | commits per s | kill: accounts polled again, worst (limit) | kill: ends shown everywhere (limit) |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        var first = results[0];
        foreach (var r in results)
        {
            var cpu = r.Instances.Select(i => i.CpuCores).ToList();
            var rss = r.Instances.Select(i => i.ResidentMegabytes).ToList();
            var lags = r.Instances.SelectMany(i => i.LagFromOthersMs).ToList();
            var sweep = r.Accounts.Count > 0 ? r.Accounts.Max(a => a.SweepLimit) : 0;
            var worstRatio = r.Accounts.Count > 0 ? r.Accounts.Max(a => a.Oldest / Math.Max(10, 2 * a.SweepLimit)) : double.NaN;
            var takeover = r.TakeoverSeconds.Count > 0 ? r.TakeoverSeconds.Max(t => double.IsNaN(t) ? double.PositiveInfinity : t) : double.NaN;
            md.Append(CultureInfo.InvariantCulture, $"| {r.Size.Label} ")
                .Append(CultureInfo.InvariantCulture, $"| {F(Samples.Median(cpu))} / {F(cpu.Max())} | {F(Samples.Median(cpu) / Samples.Median([.. first.Instances.Select(i => i.CpuCores)]))} × ")
                .Append(CultureInfo.InvariantCulture, $"| {F(Samples.Median(rss))} / {F(rss.Max())} MB | {F(Samples.Median(rss) / Samples.Median([.. first.Instances.Select(i => i.ResidentMegabytes)]))} × | {F(cpu.Sum())} ")
                .Append(CultureInfo.InvariantCulture, $"| {F(r.Accounts.Max(a => a.Oldest))} / {F(Samples.Median([.. r.Accounts.Select(a => a.Oldest)]))} s ({F(worstRatio)} ×) | {r.Throttled} | {r.MostAccountsHeld} ({r.Size.FairShare}) ")
                .Append(CultureInfo.InvariantCulture, $"| {(lags.Count > 0 ? F(Samples.Percentile(lags, 99)) + " ms" : "— (one instance)")} | {F(r.NotificationsPerSecond)} ({F(r.NotifiedIdsPerSecond)}) | {F(r.RowsReadPerTablePerSecond.GetValueOrDefault("TrackedJobs"))} | {F(r.RowsWrittenPerSecond)} | {F(r.CommitsPerSecond)} ")
                .AppendLine(CultureInfo.InvariantCulture, $"| {F(takeover)} s ({F(LeaseTakeover + (2 * sweep))} s) | {F(r.EndsShownEverywhereSeconds)} s ({F(LeaseTakeover + (2 * sweep) + 5)} s) |");
        }

        md.AppendLine();
        md.AppendLine($"![CPU and resident memory per instance against the fleet's jobs and against the instances]({plotFile})");
        md.AppendLine();
        return md.ToString();
    }

    private static string F(double value) => Figure.Format(value);
}

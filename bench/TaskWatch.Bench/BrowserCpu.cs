namespace TaskWatch.Bench;

/// <summary>
/// CPU time of every Chromium process on the machine (/proc), to show how much of the shared cores
/// the dashboards' browsers take while their latency is measured.
/// </summary>
public static class BrowserCpu
{
    // utime and stime in /proc/<pid>/stat are counted in clock ticks: 100 per second on Linux.
    private const double TicksPerSecond = 100;

    public static TimeSpan Total()
    {
        var seconds = 0.0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                if (!int.TryParse(Path.GetFileName(dir), out _) || !File.ReadAllText(Path.Combine(dir, "comm")).StartsWith("chrom", StringComparison.Ordinal))
                {
                    continue;
                }

                // The command name in field 2 may hold spaces: the fields after it start past its ')'.
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                seconds += (double.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + double.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture)) / TicksPerSecond;
            }
            catch (IOException)
            {
                // the process ended while it was read
            }
        }

        return TimeSpan.FromSeconds(seconds);
    }
}

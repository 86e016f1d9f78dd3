using System.Globalization;

namespace TaskWatch.Bench;

/// <summary>The fleet scenario's sizes from the command line: every combination of the lists given, else the defaults.</summary>
public static class FleetOptions
{
    public static IReadOnlyList<FleetSize> Sizes(string? accounts, string? instances, string? jobs, string? feed, bool quick, out string? problem)
    {
        problem = null;
        if (feed is not (null or "current" or "previous" or "both"))
        {
            problem = $"--feed: '{feed}' is not one of current, previous, both.";
            return [];
        }

        if (accounts is null && instances is null && jobs is null && feed is null)
        {
            return FleetScenario.DefaultSizes(quick);
        }

        var a = Numbers("--accounts", accounts, quick ? [10] : [100], 1, 1000, ref problem);
        var i = Numbers("--instances", instances, quick ? [2] : [5], 1, 20, ref problem);
        var j = Numbers("--jobs", jobs, quick ? [50] : [100], 1, 10_000, ref problem);
        bool[] previous = feed switch { "previous" => [true], "both" => [false, true], _ => [false] };
        return problem is null ? [.. from n in a from m in i from k in j from p in previous select new FleetSize(n, m, k, p)] : [];
    }

    private static List<int> Numbers(string option, string? text, List<int> fallback, int min, int max, ref string? problem)
    {
        if (text is null)
        {
            return fallback;
        }

        var values = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < min || n > max)
            {
                problem ??= $"{option}: '{part}' is not a whole number from {min} to {max} (a comma-separated list is allowed).";
                continue;
            }

            values.Add(n);
        }

        if (values.Count == 0)
        {
            problem ??= $"{option}: '{text}' names no size.";
        }

        return values;
    }
}

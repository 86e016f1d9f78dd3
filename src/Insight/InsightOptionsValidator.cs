using Microsoft.Extensions.Options;
using TaskWatch.Configuration;

namespace TaskWatch.Insight;

/// <summary>How ETAs and overdue marks are worked out (<c>TaskWatch:Insight</c>), checked beside the code that uses them.</summary>
public sealed class InsightOptionsValidator : IValidateOptions<InsightOptions>
{
    public ValidateOptionsResult Validate(string? name, InsightOptions options) => OptionRules.Result(errors => Collect(options, errors));

    public static void Collect(InsightOptions i, List<string> errors)
    {
        var key = InsightOptions.SectionName;
        if (i.HistorySize is < 1 or > 10_000)
        {
            errors.Add($"{key}:HistorySize is '{i.HistorySize}': use a number of runs from 1 to 10000.");
        }

        if (i.MinimumRuns < 1 || i.MinimumRuns > i.HistorySize)
        {
            errors.Add($"{key}:MinimumRuns is '{i.MinimumRuns}': use a number from 1 to HistorySize ({i.HistorySize}).");
        }

        if (double.IsNaN(i.OverdueFactor) || i.OverdueFactor < 1 || i.OverdueFactor > 100)
        {
            errors.Add($"{key}:OverdueFactor is '{i.OverdueFactor}': use a factor from 1 to 100 (1.5 marks a job overdue at 1.5 times its 90th percentile).");
        }

        if (i.StallAfter < TimeSpan.FromSeconds(1))
        {
            errors.Add($"{key}:StallAfter is '{i.StallAfter}': use at least one second (e.g. 00:15:00).");
        }
    }
}

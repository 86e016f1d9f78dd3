using System.Text.RegularExpressions;
using TaskWatch.Core;

namespace TaskWatch.Insight;

/// <summary>
/// The configured runbooks (<c>TaskWatch:Runbooks</c>), compiled once, and which apply to a job: every entry whose
/// criteria all match, in the order of their names. The job page, the wall's failure cards and the alerts show them.
/// </summary>
public sealed class RunbookCatalog
{
    public const string SectionName = "TaskWatch:Runbooks";

    /// <summary>A pattern that takes longer than this on a cloud text is treated as not matching (never a hang).</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(50);

    private readonly List<Entry> _entries = [];

    /// <param name="runbooks">Validated entries (<see cref="Collect"/>): an entry that does not compile is left out.</param>
    public RunbookCatalog(IReadOnlyDictionary<string, RunbookOptions>? runbooks)
    {
        foreach (var (name, options) in (runbooks ?? new Dictionary<string, RunbookOptions>()).OrderBy(r => r.Key, StringComparer.OrdinalIgnoreCase))
        {
            if (Check(name, options).Count == 0)
            {
                _entries.Add(new Entry(
                    new RunbookLink(string.IsNullOrWhiteSpace(options.Title) ? name : options.Title.Trim(), new Uri(options.Url!.Trim())),
                    Compile(options.JobName), Compile(options.FailReason),
                    string.IsNullOrWhiteSpace(options.Service) ? null : Enum.Parse<CloudService>(options.Service, true)));
            }
        }
    }

    public int Count => _entries.Count;

    /// <summary>The runbooks that apply to <paramref name="job"/>; none is an answer the pages say aloud ("no runbook").</summary>
    public IReadOnlyList<RunbookLink> For(JobView job) =>
        [.. _entries.Where(e => e.Matches(job)).Select(e => e.Link)];

    /// <summary>Every problem of every entry, one line each naming the key, the value and why (start-up).</summary>
    public static void Collect(IReadOnlyDictionary<string, RunbookOptions>? runbooks, List<string> errors)
    {
        foreach (var (name, options) in runbooks ?? new Dictionary<string, RunbookOptions>())
        {
            errors.AddRange(Check(name, options));
        }
    }

    private static List<string> Check(string name, RunbookOptions options)
    {
        var key = $"{SectionName}:{name}";
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Url)
            || !Uri.TryCreate(options.Url.Trim(), UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add($"{key}:Url is '{options.Url}': give the runbook's absolute https:// (or http://) address.");
        }
        else if (url.UserInfo.Length > 0)
        {
            // The address goes to every page and every alert channel: a password in it would go with it (and into this line).
            errors.Add($"{key}:Url carries a user name or password ('{url.Scheme}://…@{url.Host}'): give the address without them; the wiki's own sign-in asks.");
        }

        foreach (var (field, pattern) in new[] { ("JobName", options.JobName), ("FailReason", options.FailReason) })
        {
            if (string.IsNullOrWhiteSpace(pattern))
            {
                continue;
            }

            try
            {
                _ = new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, MatchTimeout);
            }
            catch (ArgumentException ex)
            {
                errors.Add($"{key}:{field} is '{pattern}': not a regular expression ({ex.Message.ReplaceLineEndings(" ")}).");
            }
        }

        if (!string.IsNullOrWhiteSpace(options.Service)
            && (!Enum.TryParse<CloudService>(options.Service, true, out var service) || !Enum.IsDefined(service) || int.TryParse(options.Service, out _)))
        {
            errors.Add($"{key}:Service is '{options.Service}': use one of {string.Join(", ", Enum.GetNames<CloudService>())}, or leave it out for every service.");
        }

        return errors;
    }

    private static Regex? Compile(string? pattern) =>
        string.IsNullOrWhiteSpace(pattern) ? null : new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, MatchTimeout);

    private sealed record Entry(RunbookLink Link, Regex? JobName, Regex? FailReason, CloudService? Service)
    {
        public bool Matches(JobView job) =>
            (Service is null || job.Service == Service)
            && (JobName is null || IsMatch(JobName, job.Name))
            && (FailReason is null || IsMatch(FailReason, job.FailReason));

        private static bool IsMatch(Regex pattern, string? text)
        {
            if (text is null)
            {
                return false;
            }

            try
            {
                return pattern.IsMatch(text);
            }
            catch (RegexMatchTimeoutException)
            {
                return false;
            }
        }
    }
}

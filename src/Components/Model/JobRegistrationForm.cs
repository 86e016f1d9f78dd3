using System.Globalization;
using TaskWatch.Core;
using TaskWatch.Tracking;

namespace TaskWatch.Components.Model;

/// <summary>
/// The register dialog without the markup: the project and the pasted ids, checked field by field
/// before anything reaches the registrar. Ids that are not task ids are refused here, each with
/// why; the others are registered. Pasted text is split on blanks too, so a sentence or an SQL
/// fragment would become words: an id must have the shape the clouds hand out (a UUID or 32 hex
/// digits), so no such word is ever stored.
/// </summary>
public sealed class JobRegistrationForm(
    IReadOnlyList<string> projectNames,
    Func<IReadOnlyList<(string Project, string JobId)>, CancellationToken, Task<IReadOnlyList<RegistrationResult>>> register)
{
    public const string ProjectField = "Project";
    public const string IdsField = "Job ids";

    /// <summary>A full batch of UUIDs, one per line, is under 40,000 characters; anything far longer is not a list of ids.</summary>
    public const int MaxTextLength = 100_000;

    public string? Project { get; set; }

    public string? Text { get; set; }

    public IReadOnlyList<FieldProblem> Problems { get; private set; } = [];

    public IReadOnlyList<RegistrationResult>? Results { get; private set; }

    public bool Busy { get; private set; }

    public IReadOnlyList<string> ProjectNames => projectNames;

    /// <summary>"3 job id(s), 1 repeated (ignored)." as the text is typed.</summary>
    public string Summary()
    {
        if (Text is { Length: > MaxTextLength })
        {
            return $"{Text.Length.ToString("N0", CultureInfo.InvariantCulture)} characters: too long.";
        }

        var list = JobIdListParser.Parse(Text, JobRegistrar.MaxBatch);
        var dup = list.Duplicates > 0 ? $", {list.Duplicates} repeated (ignored)" : "";
        return $"{list.Ids.Count} job id(s){dup}.";
    }

    /// <summary>Checks both fields and registers what passes; never throws for anything typed or pasted.</summary>
    public async Task SubmitAsync(CancellationToken cancellationToken)
    {
        Results = null;
        var problems = new List<FieldProblem>();
        var project = projectNames.FirstOrDefault(p => string.Equals(p, Project, StringComparison.Ordinal));
        if (string.IsNullOrWhiteSpace(Project))
        {
            problems.Add(new(ProjectField, "pick a project."));
        }
        else if (project is null)
        {
            problems.Add(new(ProjectField, $"no project '{TextCut.Cut(Project, 60)}' is configured; pick one of the list."));
        }

        JobIdList? list = null;
        if (Text is { Length: > MaxTextLength })
        {
            problems.Add(new(IdsField, $"the text has {Text.Length.ToString("N0", CultureInfo.InvariantCulture)} characters; at most {MaxTextLength.ToString("N0", CultureInfo.InvariantCulture)} (a batch is at most {JobRegistrar.MaxBatch.ToString("N0", CultureInfo.InvariantCulture)} ids). Split it into smaller batches."));
        }
        else
        {
            list = JobIdListParser.Parse(Text, JobRegistrar.MaxBatch);
            if (list.Problem is { } tooFewOrMany)
            {
                problems.Add(new(IdsField, LowerFirst(tooFewOrMany)));
            }
        }

        if (problems.Count > 0 || project is null || list is null)
        {
            Problems = problems;
            return;
        }

        var refused = new Dictionary<string, RegistrationResult>(StringComparer.Ordinal);
        var accepted = new List<(string, string)>();
        foreach (var id in list.Ids)
        {
            if (Refusal(id) is { } why)
            {
                refused[id] = new RegistrationResult(project, id, RegistrationOutcome.InvalidJobId, why);
            }
            else
            {
                accepted.Add((project, id));
            }
        }

        if (accepted.Count == 0)
        {
            var first = refused.Values.First();
            Problems = [new(IdsField, list.Ids.Count == 1
                ? $"'{TextCut.Cut(first.JobId, 40)}' is not a job id: {first.Problem}"
                : $"none of the {list.Ids.Count} is a job id; the first, '{TextCut.Cut(first.JobId, 40)}': {first.Problem}")];
            Results = [.. refused.Values];
            return;
        }

        Problems = [];
        Busy = true;
        try
        {
            var registered = await register(accepted, cancellationToken).ConfigureAwait(false);
            var byId = registered.ToDictionary(r => r.JobId, StringComparer.OrdinalIgnoreCase);
            // In the order pasted.
            Results = [.. list.Ids.Select(id => refused.TryGetValue(id, out var r) ? r : byId.GetValueOrDefault(id.Trim()) ?? new RegistrationResult(project, id, RegistrationOutcome.InvalidJobId, "not registered."))];
        }
        finally
        {
            Busy = false;
        }
    }

    /// <summary>Null for an id of a shape the clouds hand out; else why not (the registrar's words first).</summary>
    public static string? Refusal(string id)
    {
        if (JobIdRules.Check(id) is { } why)
        {
            return why;
        }

        var hex32 = id.Length == 32 && id.All(char.IsAsciiHexDigit);
        var uuid = id.Length == 36 && Guid.TryParseExact(id, "D", out _);
        return hex32 || uuid ? null : "a task id is a UUID (8-4-4-4-12 hex digits) or 32 hex digits, as the clouds hand them out; this is neither.";
    }

    private static string LowerFirst(string text) => text.Length > 0 ? char.ToLowerInvariant(text[0]) + text[1..] : text;
}

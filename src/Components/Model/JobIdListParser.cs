namespace TaskWatch.Components.Model;

/// <summary>
/// Splits pasted text into job ids: one per line, or separated by commas, semicolons or blanks (a
/// job id never holds any of them). Repeats are dropped; checking each id is the registrar's job.
/// </summary>
public static class JobIdListParser
{
    private static readonly char[] Separators = ['\n', '\r', ',', ';', ' ', '\t'];

    public static JobIdList Parse(string? text, int max)
    {
        var ids = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var duplicates = 0;
        foreach (var part in (text ?? string.Empty).Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Quotes come along when ids are copied out of JSON or a spreadsheet.
            var id = part.Trim('"', '\'');
            if (id.Length == 0)
            {
                continue;
            }

            if (seen.Add(id))
            {
                ids.Add(id);
            }
            else
            {
                duplicates++;
            }
        }

        string? problem = ids.Count switch
        {
            0 => "Paste at least one job id (one per line, or separated by commas).",
            _ when ids.Count > max => $"At most {max} job ids at once; this list has {ids.Count}. Split it into smaller batches.",
            _ => null,
        };
        return new JobIdList(ids, duplicates, problem);
    }
}

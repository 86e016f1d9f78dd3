using System.Text;

namespace TaskWatch.Tests.Reliability;

/// <summary>
/// Well over a thousand things a person (or a tampered circuit) can put into the register dialog:
/// missing and unknown projects, control characters, SQL and script fragments (also as the words
/// a paste splits into), a megabyte of text, 10,000-line pastes. None of them holds a job id, so
/// none may be stored; <c>Field</c> is the field the refusal must name.
/// </summary>
public static class HostileDialogInputs
{
    public const string Project = "demo-rds-eu-de";

    private static readonly string[] HostileTexts =
    [
        "a\u0000b", "a\u0007b", "x\r\nSet-Cookie: a=b", "\u001b[31mred", "\u007f", "\u0085", "\u2028",
        "' OR '1'='1", "1; DROP TABLE TrackedJobs; --", "'); DELETE FROM JobSnapshots; --", "1 UNION SELECT sqlite_version()",
        "\" OR \"\"=\"", "%' --", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)",
        "\"><svg onload=alert(1)>", "{{7*7}}", "${jndi:ldap://127.0.0.1/a}", "../../etc/passwd", "..\\..\\windows",
        "http://169.254.169.254/latest", "file:///etc/shadow", "\u202eevil", "\ufeffbom", "a/b", "a?b", "a#b", "a%00b",
        "ä-ö-ü", "日本語", "🙂", new string('a', 65), new string('f', 10_000), "a.b", "a_b", "a*b", "DROP", "--", "1", "abc",
        "0123456789abcdef0123456789abcde", "0123456789abcdef0123456789abcdefg", "f85104b5-4a9c-4e0f-9505-fc5409d8f7a",
        "f85104b5x4a9c-4e0f-9505-fc5409d8f7ae", "{f85104b5-4a9c-4e0f-9505-fc5409d8f7ae}", "288caaa9d05f4ec1a1f58de2e0945685in01",
        "null", "undefined", "NaN", "-1", "0", "true", "[]", "{}",
    ];

    public static IEnumerable<(string? Project, string? Text, string Field)> All()
    {
        var valid = Guid.NewGuid().ToString();
        var texts = Texts().ToList();
        foreach (var text in texts)
        {
            yield return (Project, text, "Job ids");
        }

        foreach (var project in Projects())
        {
            yield return (project, valid, "Project");
            foreach (var text in texts.Take(15))
            {
                yield return (project, text, "Project");
            }
        }
    }

    private static IEnumerable<string?> Projects()
    {
        yield return null;
        yield return "";
        yield return "   ";
        yield return "unknown-project";
        yield return "DEMO-RDS-EU-DE";
        yield return Project + " ";
        yield return new string('p', 1_000_000);
        foreach (var text in HostileTexts)
        {
            yield return text;
        }
    }

    private static IEnumerable<string?> Texts()
    {
        yield return null;
        yield return "";
        yield return " \r\n\t ";
        yield return ",;,;";
        yield return "\"\" ''";
        yield return new string('a', 1_048_576);
        yield return new string('f', 1_048_576);
        yield return string.Join('\n', Enumerable.Range(0, 30_000).Select(_ => Guid.NewGuid().ToString()));
        yield return string.Join('\n', Enumerable.Range(0, 10_000).Select(_ => Guid.NewGuid().ToString()));
        yield return string.Join('\n', Enumerable.Range(0, 10_000).Select(i => $"x{i}"));
        yield return string.Join('\n', Enumerable.Range(0, 1001).Select(_ => Guid.NewGuid().ToString("N")));
        yield return string.Join('\n', Enumerable.Range(0, 1000).Select(i => $"<b>{i}</b>"));
        yield return string.Join('\n', HostileTexts);
        yield return string.Concat(Enumerable.Range(0, 32).Select(c => (char)c));
        foreach (var text in HostileTexts)
        {
            yield return text;
            yield return $"\"{text}\"";
            yield return $"{text}\n{text}, {text}";
            yield return $"  {text}\t;";
            yield return Controlled(text);
        }
    }

    private static string Controlled(string text)
    {
        var sb = new StringBuilder();
        foreach (var c in text.Take(200))
        {
            sb.Append(c).Append('\u0001');
        }

        return sb.ToString();
    }
}

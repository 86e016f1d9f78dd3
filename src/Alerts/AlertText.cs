using System.Text;

namespace TaskWatch.Alerts;

/// <summary>
/// Cloud-supplied text (job names, failure reasons, instance names) made safe for a channel: bounded in
/// length, control characters dropped, and escaped for the format that renders it. A cloud error message is
/// data; it must never turn into a mention that pages a whole channel, a link, or markup that hides the rest.
/// </summary>
public static class AlertText
{
    /// <summary>The longest job or instance name an alert carries; longer ones end with an ellipsis.</summary>
    public const int MaxName = 200;

    /// <summary>The longest failure or overdue reason an alert carries.</summary>
    public const int MaxReason = 1000;

    // U+2060 WORD JOINER: invisible, and it keeps "@channel" or "<at>" from being read as a mention.
    private const char Joiner = '\u2060';

    /// <summary>Trims, drops control characters (line breaks become spaces) and cuts to <paramref name="max"/> characters.</summary>
    public static string Bound(string? text, int max)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var clean = new StringBuilder(Math.Min(text.Length, max + 1));
        foreach (var c in text)
        {
            clean.Append(char.IsControl(c) ? ' ' : c);
            if (clean.Length > max)
            {
                break;
            }
        }

        var result = clean.ToString().Trim();
        if (result.Length <= max)
        {
            return result;
        }

        // Never cut a surrogate pair in half: the channel would reject or mangle the whole body.
        var cut = max - 1;
        if (char.IsHighSurrogate(result[cut - 1]))
        {
            cut--;
        }

        return result[..cut] + "…";
    }

    /// <summary>"@here", "@channel", "@everyone", "@team": the @ is followed by a word joiner, so no channel is paged.</summary>
    public static string NeutraliseMentions(string text) =>
        text.Replace("@", "@" + Joiner, StringComparison.Ordinal);

    /// <summary>
    /// Slack mrkdwn: its three control characters as entities (so "&lt;!channel&gt;" or "&lt;url|text&gt;" stay text),
    /// mentions neutralised, and the emphasis marks (* _ ~ `) followed by a word joiner so they never pair up.
    /// </summary>
    public static string SlackMrkdwn(string text)
    {
        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in NeutraliseMentions(text))
        {
            switch (c)
            {
                case '&': escaped.Append("&amp;"); break;
                case '<': escaped.Append("&lt;"); break;
                case '>': escaped.Append("&gt;"); break;
                case '*' or '_' or '~' or '`': escaped.Append(c).Append(Joiner); break;
                default: escaped.Append(c); break;
            }
        }

        return escaped.ToString();
    }

    /// <summary>
    /// The Markdown subset of Office 365 connector cards (which also reads some HTML): every Markdown mark
    /// backslash-escaped and HTML's characters as entities.
    /// </summary>
    public static string ConnectorMarkdown(string text)
    {
        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in NeutraliseMentions(text))
        {
            switch (c)
            {
                case '&': escaped.Append("&amp;"); break;
                case '<': escaped.Append("&lt;"); break;
                case '>': escaped.Append("&gt;"); break;
                case '\\' or '*' or '_' or '~' or '`' or '[' or ']' or '(' or ')' or '#' or '+' or '-' or '!' or '|':
                    escaped.Append('\\').Append(c);
                    break;
                default: escaped.Append(c); break;
            }
        }

        return escaped.ToString();
    }
}

namespace TaskWatch.Core;

/// <summary>What may be acknowledged, and what an acknowledgement's note may hold: the same rules for the API and the pages.</summary>
public static class AckRules
{
    /// <summary>A ticket number or "retrying at 14:00" fits; a story does not (the wall card shows it whole).</summary>
    public const int MaxNoteLength = 200;

    /// <summary>A job someone has to act on: failed, overdue, or not found by the cloud.</summary>
    public static bool CanAcknowledge(JobView job) => job.State == JobState.Failed || job.IsOverdue || job.Phase == PollPhase.NotFound;

    /// <summary>Still needs someone: it could be acknowledged and nobody has.</summary>
    public static bool NeedsAttention(JobView job) => job.Ack is null && CanAcknowledge(job);

    /// <summary>Why <paramref name="note"/> is refused, or null when it is fine (none is fine).</summary>
    public static string? CheckNote(string? note)
    {
        if (note is null)
        {
            return null;
        }

        if (note.Length > MaxNoteLength)
        {
            return $"the note has {note.Length} characters; at most {MaxNoteLength} are allowed.";
        }

        // A line break or escape in a note would forge lines on the wall, in alerts and in the audit.
        for (var i = 0; i < note.Length; i++)
        {
            if (char.IsControl(note[i]))
            {
                return $"the note holds the control character U+{(int)note[i]:X4} at position {i + 1}; write it on one line without control characters.";
            }
        }

        return null;
    }

    /// <summary>The note as stored: trimmed, and none when blank.</summary>
    public static string? Normalize(string? note) => string.IsNullOrWhiteSpace(note) ? null : note.Trim();
}

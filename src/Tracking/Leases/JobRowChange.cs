using TaskWatch.Core;

namespace TaskWatch.Tracking.Leases;

/// <summary>
/// What a change notification says another instance stored in a tracked job's row (issue 32): the columns a live view
/// reads that the write changed, each carried with its new value (<see cref="Carried{T}"/>) or not carried (null). A
/// poll that changed only its poll times carries those two (<see cref="PollTimes"/>). Applied to the view an instance
/// shows, it gives what reading the row would (<see cref="ScheduledJobFactory.FromRow"/>), without the read.
/// </summary>
public sealed record JobRowChange
{
    public Carried<JobState?>? State { get; init; }

    public Carried<string?>? StatusWord { get; init; }

    public Carried<int?>? Progress { get; init; }

    public Carried<string?>? Name { get; init; }

    public Carried<DateTime?>? EndedUtc { get; init; }

    public Carried<string?>? FailReason { get; init; }

    public Carried<string?>? InstanceId { get; init; }

    public Carried<string?>? InstanceName { get; init; }

    public Carried<DateTime?>? CreatedUtc { get; init; }

    public Carried<DateTime?>? LastChangeUtc { get; init; }

    public Carried<PollPhase>? Phase { get; init; }

    public Carried<DateTime?>? LastReadUtc { get; init; }

    public Carried<DateTime?>? NextPollUtc { get; init; }

    public Carried<StoredError>? LastError { get; init; }

    public Carried<DateTime?>? ErrorSinceUtc { get; init; }

    public Carried<int>? ConsecutiveErrors { get; init; }

    /// <summary>Not shown in a view: kept with the job's content for the ETA (the kind of job it reads from them).</summary>
    public Carried<string?>? EntitiesJson { get; init; }

    /// <summary>A poll that changed nothing but when the job was last read and is due next.</summary>
    public static JobRowChange PollTimes(DateTime? lastReadUtc, DateTime? nextPollUtc) => new() { LastReadUtc = new(lastReadUtc), NextPollUtc = new(nextPollUtc) };

    /// <summary>Nothing but the poll times (the view enrichers are told so).</summary>
    public bool IsPollTimesOnly => this with { LastReadUtc = null, NextPollUtc = null } == Empty;

    /// <summary>Whether the job's content (status, progress, name, end, failure reason, entities) is carried.</summary>
    public bool CarriesContent => State is not null || StatusWord is not null || Progress is not null || Name is not null || EndedUtc is not null || FailReason is not null || EntitiesJson is not null;

    private static readonly JobRowChange Empty = new();

    /// <summary>This change followed by a later one of the same row: what the later one carries wins, column by column.</summary>
    public JobRowChange Then(JobRowChange later) => new()
    {
        State = later.State ?? State,
        StatusWord = later.StatusWord ?? StatusWord,
        Progress = later.Progress ?? Progress,
        Name = later.Name ?? Name,
        EndedUtc = later.EndedUtc ?? EndedUtc,
        FailReason = later.FailReason ?? FailReason,
        InstanceId = later.InstanceId ?? InstanceId,
        InstanceName = later.InstanceName ?? InstanceName,
        CreatedUtc = later.CreatedUtc ?? CreatedUtc,
        LastChangeUtc = later.LastChangeUtc ?? LastChangeUtc,
        Phase = later.Phase ?? Phase,
        LastReadUtc = later.LastReadUtc ?? LastReadUtc,
        NextPollUtc = later.NextPollUtc ?? NextPollUtc,
        LastError = later.LastError ?? LastError,
        ErrorSinceUtc = later.ErrorSinceUtc ?? ErrorSinceUtc,
        ConsecutiveErrors = later.ConsecutiveErrors ?? ConsecutiveErrors,
        EntitiesJson = later.EntitiesJson ?? EntitiesJson,
    };

    /// <summary>
    /// The view <paramref name="shown"/> (made from the row before this change) after it, as
    /// <see cref="ScheduledJobFactory.FromRow"/> makes a view of the row after it at <paramref name="now"/>: a Stopped
    /// phase shows as New, a finished job has no next poll and any other is due no later than now, a job without a
    /// state shows no content, and the error text is made of its outcome and text.
    /// </summary>
    public JobView ApplyTo(JobView shown, DateTime now)
    {
        var phase = Phase is { Value: var p } ? (p == PollPhase.Stopped ? PollPhase.New : p) : shown.Phase;
        var state = State is { } s ? s.Value : shown.State;
        var error = LastError is { Value: var e } ? ScheduledJobFactory.ErrorOf(e.Outcome, e.Text) : null;
        var view = shown with
        {
            State = state,
            StatusWord = StatusWord is { } w ? w.Value : shown.StatusWord,
            Progress = Progress is { } pr ? pr.Value : shown.Progress,
            Name = Name is { } n ? n.Value : shown.Name,
            EndedUtc = EndedUtc is { } end ? end.Value : shown.EndedUtc,
            FailReason = FailReason is { } f ? f.Value : shown.FailReason,
            InstanceId = InstanceId is { } i ? i.Value : shown.InstanceId,
            InstanceName = InstanceName is { } m ? m.Value : shown.InstanceName,
            CreatedUtc = CreatedUtc is { } c ? c.Value : shown.CreatedUtc,
            LastChangeUtc = LastChangeUtc is { } l ? l.Value : shown.LastChangeUtc,
            Phase = phase,
            LastReadUtc = LastReadUtc is { } r ? r.Value : shown.LastReadUtc,
            NextPollUtc = Phase is null && NextPollUtc is null
                ? shown.NextPollUtc
                : ScheduledJobFactory.DueOf(phase, NextPollUtc is { } x ? x.Value : shown.NextPollUtc, now) is var due && due == DateTime.MaxValue ? null : due,
            LastError = LastError is null ? shown.LastError : error?.ToString(),
            LastErrorOutcome = LastError is null ? shown.LastErrorOutcome : error?.Outcome,
            ErrorSinceUtc = ErrorSinceUtc is { } q ? q.Value : shown.ErrorSinceUtc,
        };

        // A row without a state has no content to show (JobContent.From): what its other columns hold is not shown.
        return state is null
            ? view with { StatusWord = null, Progress = null, Name = null, EndedUtc = null, FailReason = null }
            : view;
    }
}

using TaskWatch.Simulator;

namespace TaskWatch.Tests.Reliability;

/// <summary>
/// Reads the simulator's call log as the soak goes (so neither the log nor this ledger grows with
/// time) and checks, per project, every call against the two promises TaskWatch makes a cloud: no
/// more than the budget's calls in any window, and nothing between a 429's answer and the end of
/// its Retry-After. On a fake clock both checks are exact: a call is stamped when it is sent.
/// </summary>
public sealed class SoakLedger(int callsPerWindow, TimeSpan window)
{
    private const int KeptProblems = 30;

    private readonly List<SimulatedRequest> _pending = [];
    private readonly Dictionary<string, Queue<DateTime>> _recent = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<(DateTime From, DateTime Until)>> _pauses = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, DateTime> _pausedUntil = new(StringComparer.OrdinalIgnoreCase);
    private readonly SortedDictionary<string, int> _faults = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _mostInWindow = new(StringComparer.OrdinalIgnoreCase);

    public long Requests { get; private set; }

    public int BudgetBreaches { get; private set; }

    public int CallsDuringRetryAfter { get; private set; }

    public int Unauthorized { get; private set; }

    /// <summary>The first few breaches, in words.</summary>
    public List<string> Problems { get; } = [];

    public IReadOnlyDictionary<string, int> Faults => _faults;

    /// <summary>The end of the latest Retry-After the simulator gave each project.</summary>
    public IReadOnlyDictionary<string, DateTime> PausedUntil => _pausedUntil;

    public int MostInAnyWindow(string projectId) => _mostInWindow.GetValueOrDefault(projectId);

    /// <summary>Moves every call the simulator has logged into the ledger.</summary>
    public void Take(SimulatorFaults faults)
    {
        while (faults.TryTake(out var request))
        {
            Requests++;
            _pending.Add(request);
            if (request.Status == 401)
            {
                Unauthorized++;
            }

            if (request.Fault is { } fault)
            {
                _faults[fault] = _faults.GetValueOrDefault(fault) + 1;
            }

            if (request is { Fault: SimulatorFaults.RateLimited, RetryAfterSeconds: { } seconds })
            {
                var until = request.AnsweredUtc + TimeSpan.FromSeconds(seconds);
                Pauses(request.ProjectId).Add((request.AnsweredUtc, until));
                if (until > _pausedUntil.GetValueOrDefault(request.ProjectId))
                {
                    _pausedUntil[request.ProjectId] = until;
                }
            }
        }
    }

    /// <summary>
    /// Checks, in order of arrival, every call that arrived up to <paramref name="upTo"/>: pass a
    /// time by which every call that arrived has been answered (and so logged).
    /// </summary>
    public void Check(DateTime upTo)
    {
        _pending.Sort(static (a, b) => a.ArrivedUtc.CompareTo(b.ArrivedUtc));
        var done = 0;
        for (; done < _pending.Count && _pending[done].ArrivedUtc <= upTo; done++)
        {
            var call = _pending[done];
            var recent = _recent.TryGetValue(call.ProjectId, out var q) ? q : _recent[call.ProjectId] = new Queue<DateTime>();

            // The budget's window: calls in (t - window, t].
            while (recent.Count > 0 && recent.Peek() <= call.ArrivedUtc - window)
            {
                recent.Dequeue();
            }

            recent.Enqueue(call.ArrivedUtc);
            _mostInWindow[call.ProjectId] = Math.Max(_mostInWindow.GetValueOrDefault(call.ProjectId), recent.Count);
            if (recent.Count > callsPerWindow)
            {
                BudgetBreaches++;
                Note($"project {call.ProjectId}: {recent.Count} calls in the {window.TotalSeconds:0} s up to {call.ArrivedUtc:HH:mm:ss.fff} (budget {callsPerWindow})");
            }

            // A call sent at the very instant of the 429's answer was on its way already; any later one must wait.
            foreach (var (from, until) in Pauses(call.ProjectId))
            {
                if (call.ArrivedUtc > from && call.ArrivedUtc < until)
                {
                    CallsDuringRetryAfter++;
                    Note($"project {call.ProjectId}: a call at {call.ArrivedUtc:HH:mm:ss.fff}, {(call.ArrivedUtc - from).TotalMilliseconds:0} ms after a 429 whose Retry-After ends at {until:HH:mm:ss.fff}");
                }
            }
        }

        _pending.RemoveRange(0, done);
        foreach (var pauses in _pauses.Values)
        {
            pauses.RemoveAll(p => p.Until <= upTo);
        }
    }

    public string FaultSummary() => string.Join(", ", _faults.Select(f => $"{f.Key} {f.Value}"));

    private List<(DateTime From, DateTime Until)> Pauses(string projectId) =>
        _pauses.TryGetValue(projectId, out var list) ? list : _pauses[projectId] = [];

    private void Note(string problem)
    {
        if (Problems.Count < KeptProblems)
        {
            Problems.Add(problem);
        }
    }
}

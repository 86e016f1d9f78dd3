using System.Collections.Concurrent;
using System.Security.Cryptography;
using TaskWatch.Core;

namespace TaskWatch.Simulator;

/// <summary>
/// The simulated task center's state: projects, scripted jobs, issued IAM tokens. Thread-safe; the
/// HTTP side (<see cref="SimulatorEndpoints"/>) only reads it.
/// </summary>
public sealed class TaskCenterSimulator(TimeProvider time, SimulatorCredentials credentials, int seed = 7)
{
    /// <summary>About 10 KB: what a hostile cloud puts in a failure reason.</summary>
    public static readonly string LongFailReason = "The operation failed: " + string.Concat(Enumerable.Range(0, 400).Select(i => $"step {i:D4} <failed> & "));

    private static readonly string[] OddStatusWords = ["Pending", "running"];

    private readonly ConcurrentDictionary<string, SimulatedProject> _projects = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, SimulatedJob> _jobs = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, (string ProjectId, DateTime ExpiresUtc)> _tokens = new(StringComparer.Ordinal);
    private readonly Random _random = new(seed);
    private readonly Lock _randomLock = new();
    private readonly ConcurrentDictionary<string, DateTime> _announced = new(StringComparer.Ordinal);
    private long _requests;
    private SimulatorFaults? _faults;

    public TimeProvider Time => time;

    /// <summary>The hostile modes and the log of every API call.</summary>
    public SimulatorFaults Faults => LazyInitializer.EnsureInitialized(ref _faults, () => new SimulatorFaults(this, seed));

    public SimulatorCredentials Credentials => credentials;

    /// <summary>Lifetime of issued IAM tokens (24 h, as documented; hostile mode shortens it).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// The cloud's budget of each user, counted in a sliding 60 s window at arrival; the excess gets
    /// 429 DBS.280443 with Retry-After. 0 (the default) counts nothing. Each credential is one user:
    /// the fixed token, the IAM user its tokens were issued to, the access key.
    /// </summary>
    public int CallsPerMinutePerUser
    {
        get => _userWindow?.Limit ?? 0;
        set => _userWindow = value > 0 ? new UserCallWindow(value, TimeSpan.FromMinutes(1)) : null;
    }

    private UserCallWindow? _userWindow;

    /// <summary>Counts an API call against its user's window; null when within budget, else the Retry-After in seconds.</summary>
    internal int? CountUserCall(Microsoft.AspNetCore.Http.HttpRequest request, DateTime arrived) =>
        _userWindow is { } window && UserOf(request) is { } user ? window.TryCount(user, arrived) : null;

    /// <summary>Whose call this is, by its credential; null for none the simulator knows (refused later anyway).</summary>
    private string? UserOf(Microsoft.AspNetCore.Http.HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith(TaskWatch.Cloud.Auth.AkSkSigner.Algorithm, StringComparison.Ordinal))
        {
            return authorization.Contains("Access=" + credentials.AccessKey, StringComparison.Ordinal) ? "ak:" + credentials.AccessKey : null;
        }

        var token = request.Headers[TaskWatch.Cloud.Auth.CloudHeaders.AuthToken].ToString();
        return token == credentials.FixedToken ? "fixed-token"
            : _tokens.ContainsKey(token) ? "iam:" + credentials.User
            : null;
    }

    /// <summary>
    /// Sees every job a good answer carried (a single read or a list row) with the time it was
    /// answered: the bench measures how old each view is where the cloud stands, not inside TaskWatch.
    /// </summary>
    public Action<SimulatedJob, DateTime>? Served { get; set; }

    internal void NoteServed(IEnumerable<SimulatedJob> jobs, DateTime now)
    {
        if (Served is { } served)
        {
            foreach (var job in jobs)
            {
                served(job, now);
            }
        }
    }

    /// <summary>How many API calls it answered (IAM excluded).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    public IReadOnlyCollection<SimulatedJob> Jobs => (IReadOnlyCollection<SimulatedJob>)_jobs.Values;

    public SimulatedProject AddProject(CloudService service, string region, string? projectId = null)
    {
        var project = new SimulatedProject(projectId ?? NewHex(32), service, region);
        _projects[project.ProjectId] = project;
        return project;
    }

    public SimulatedProject? FindProject(string projectId) => _projects.GetValueOrDefault(projectId);

    /// <summary>IAM scopes by project name too; on these clouds a project is named after its region.</summary>
    public SimulatedProject? FindProjectByRegion(string? region) => _projects.Values.FirstOrDefault(p => string.Equals(p.Region, region, StringComparison.OrdinalIgnoreCase));

    public SimulatedJob? FindJob(string projectId, string jobId) =>
        _jobs.TryGetValue(jobId, out var job) && string.Equals(job.ProjectId, projectId, StringComparison.OrdinalIgnoreCase) ? job : null;

    public void Add(SimulatedJob job) => _jobs[job.Id] = job;

    /// <summary>Forgets a job (as the cloud does after a month); a long soak drops the jobs it has checked.</summary>
    public bool Remove(string jobId) => _jobs.TryRemove(jobId, out _);

    public IEnumerable<SimulatedJob> JobsOf(string projectId) =>
        _jobs.Values.Where(j => string.Equals(j.ProjectId, projectId, StringComparison.OrdinalIgnoreCase));

    internal void CountRequest() => Interlocked.Increment(ref _requests);

    /// <summary>
    /// Starts a new job of a random kind of the project's service, created now (or <paramref name="ago"/>
    /// earlier), about as long as its kind takes ÷ <paramref name="speed"/>: a share fails part-way, a share
    /// runs 10 to 30 times as long, a share never ends (the demo's lives; a scenario's own come from <see cref="JobLifeMix"/>).
    /// </summary>
    public SimulatedJob StartJob(SimulatedProject project, double speed = 1, TimeSpan? ago = null, double failShare = 0.2, double longRunnerShare = 0, double neverEndsShare = 0)
    {
        lock (_randomLock)
        {
            var kind = RandomKind(project);
            var duration = kind.TypicalDuration * (0.6 + (0.8 * _random.NextDouble())) / Math.Max(0.01, speed);
            var roll = _random.NextDouble();
            if (roll < failShare)
            {
                return AddNew(project, kind, UtcNow - (ago ?? TimeSpan.Zero), duration, 0.3 + (0.6 * _random.NextDouble()));
            }

            roll -= failShare;
            duration = roll < longRunnerShare ? duration * (10 + (20 * _random.NextDouble()))
                : roll < longRunnerShare + neverEndsShare ? JobLifeMix.Never
                : duration;
            return AddNew(project, kind, UtcNow - (ago ?? TimeSpan.Zero), duration, null);
        }
    }

    /// <summary>
    /// Starts a new job of a random kind with a life drawn from <paramref name="mix"/> (completes soon,
    /// fails soon with a reason, runs for hours, or never ends), created now (or <paramref name="ago"/> earlier).
    /// </summary>
    public SimulatedJob StartJob(SimulatedProject project, JobLifeMix mix, TimeSpan? ago = null)
    {
        if (mix.Problem() is { } problem)
        {
            throw new ArgumentException($"The job life mix is not usable: {problem}", nameof(mix));
        }

        lock (_randomLock)
        {
            var kind = RandomKind(project);
            var created = UtcNow - (ago ?? TimeSpan.Zero);
            var roll = _random.NextDouble();
            var shortLife = mix.ShortestLife + ((mix.LongestShortLife - mix.ShortestLife) * _random.NextDouble());
            if (roll < mix.FailShare)
            {
                // It fails part-way (30–90 %) through a life that would have been longer: the failure comes within the short span.
                var failsAt = 0.3 + (0.6 * _random.NextDouble());
                return AddNew(project, kind, created, shortLife / failsAt, failsAt);
            }

            roll -= mix.FailShare;
            var duration = roll < mix.LongRunnerShare ? mix.ShortestLongLife + ((mix.LongestLongLife - mix.ShortestLongLife) * _random.NextDouble())
                : roll < mix.LongRunnerShare + mix.NeverEndsShare ? JobLifeMix.Never
                : shortLife;
            return AddNew(project, kind, created, duration, null);
        }
    }

    // Under _randomLock.
    private SimulatedJobKind RandomKind(SimulatedProject project)
    {
        var kinds = SimulatedJobKind.All.Where(k => k.Service == project.Service).ToList();
        return kinds[_random.Next(kinds.Count)];
    }

    // Under _randomLock.
    private SimulatedJob AddNew(SimulatedProject project, SimulatedJobKind kind, DateTime created, TimeSpan duration, double? failsAt)
    {
        var hostility = project.Hostility;
        var odd = hostility.OddStatusShare > 0 && _random.NextDouble() < hostility.OddStatusShare ? OddStatusWords[_random.Next(OddStatusWords.Length)] : null;
        var dialect = SimulatorDialects.For(project.Service);
        var instance = NewHex(32) + dialect.InstanceSuffix;
        var job = new SimulatedJob
        {
            // Both id shapes the clouds use: UUIDs and 32 hex digits.
            Id = _random.Next(2) == 0 ? NewUuid() : NewHex(32),
            ProjectId = project.ProjectId,
            Kind = kind,
            InstanceId = instance,
            InstanceName = $"{dialect.PathPrefix}-{project.Region}-{_random.Next(100, 999)}",
            CreatedUtc = created,
            Invisible = TimeSpan.FromSeconds(3 + _random.Next(4)),
            Duration = duration,
            FailsAt = failsAt,
            FailReason = failsAt is null ? null : hostility.LongFailReasons ? LongFailReason : kind.FailReasons[_random.Next(kind.FailReasons.Count)],
            StatusOverride = odd,
            ProgressStep = 1 + _random.Next(10),
        };
        Add(job);
        return job;
    }

    public string IssueToken(string projectId)
    {
        var token = "MII" + Unguessable() + Unguessable();
        // A hostile project's tokens die early, long before the expiry IAM announces (as after a password change).
        _tokens[token] = (projectId, UtcNow + (FindProject(projectId)?.Hostility.TokenLifetime ?? TokenLifetime));
        _announced[token] = UtcNow + TokenLifetime;
        return token;
    }

    /// <summary>The expiry IAM announces for a token (its real end may come earlier in hostile mode).</summary>
    public DateTime TokenExpiry(string token) => _announced.TryGetValue(token, out var t) ? t : DateTime.MinValue;

    /// <summary>Null when the token may read the project, else the documented error code.</summary>
    public string? CheckToken(string? token, string projectId)
    {
        if (token is null)
        {
            return "APIGW.0301";
        }

        if (token == credentials.FixedToken)
        {
            return null;
        }

        if (!_tokens.TryGetValue(token, out var issued))
        {
            return "DBS.280056";
        }

        if (issued.ExpiresUtc <= UtcNow)
        {
            return "APIGW.0307";
        }

        return string.Equals(issued.ProjectId, projectId, StringComparison.OrdinalIgnoreCase) ? null : "DBS.280056";
    }

    private string NewHex(int length)
    {
        lock (_randomLock)
        {
            Span<byte> bytes = stackalloc byte[(length + 1) / 2];
            _random.NextBytes(bytes);
            return Convert.ToHexStringLower(bytes)[..length];
        }
    }

    private string NewUuid()
    {
        lock (_randomLock)
        {
            Span<byte> bytes = stackalloc byte[16];
            _random.NextBytes(bytes);
            return new Guid(bytes).ToString();
        }
    }

    /// <summary>A random secret for tokens that must not be guessable even with a fixed seed.</summary>
    internal static string Unguessable() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}

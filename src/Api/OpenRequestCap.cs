using System.Globalization;
using System.Threading.RateLimiting;

namespace TaskWatch.Api;

/// <summary>
/// A cap on requests that stay open (waits, event streams): per client address (the real client's, through a known
/// proxy) and in total, as concurrency limiters. A request over its client's cap gets a 429, over the total a 503,
/// each with Retry-After and the setting that decides it; an open one holds its lease until it ends.
/// </summary>
public sealed class OpenRequestCap : IDisposable
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    private readonly string _what;
    private readonly string _perClientKey;
    private readonly string _totalKey;
    private readonly int _perClient;
    private readonly int _total;
    private readonly PartitionedRateLimiter<string> _clients;
    private readonly ConcurrencyLimiter _all;

    public OpenRequestCap(string what, string perClientKey, int perClient, string totalKey, int total)
    {
        (_what, _perClientKey, _perClient, _totalKey, _total) = (what, perClientKey, perClient, totalKey, total);
        _clients = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetConcurrencyLimiter(client, _ => new ConcurrencyLimiterOptions
        {
            PermitLimit = perClient,
            QueueLimit = 0,
        }));
        _all = new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = total, QueueLimit = 0 });
    }

    /// <summary>A lease to dispose when the request ends, or null after the refusal has been written.</summary>
    public async Task<IDisposable?> EnterAsync(HttpContext context)
    {
        var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var mine = _clients.AttemptAcquire(client);
        if (!mine.IsAcquired)
        {
            mine.Dispose();
            await RefuseAsync(context, StatusCodes.Status429TooManyRequests, $"This client already has {_perClient} open {_what} ({_perClientKey}); close one or try again later.").ConfigureAwait(false);
            return null;
        }

        var all = _all.AttemptAcquire();
        if (!all.IsAcquired)
        {
            all.Dispose();
            mine.Dispose();
            await RefuseAsync(context, StatusCodes.Status503ServiceUnavailable, $"TaskWatch already has {_total} open {_what} ({_totalKey}); try again later.").ConfigureAwait(false);
            return null;
        }

        return new Leases(mine, all);
    }

    private static Task RefuseAsync(HttpContext context, int status, string detail)
    {
        context.Response.Headers.RetryAfter = ((int)RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return ApiProblems.Create(status, status == StatusCodes.Status429TooManyRequests ? "Too many open requests" : "TaskWatch is busy", detail,
            ("retryAfterSeconds", (int)RetryAfter.TotalSeconds)).ExecuteAsync(context);
    }

    public void Dispose()
    {
        _clients.Dispose();
        _all.Dispose();
    }

    private sealed class Leases(RateLimitLease mine, RateLimitLease all) : IDisposable
    {
        public void Dispose()
        {
            all.Dispose();
            mine.Dispose();
        }
    }
}

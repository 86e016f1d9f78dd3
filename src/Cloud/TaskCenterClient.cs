using System.Net;
using Polly.CircuitBreaker;
using Polly.Timeout;
using TaskWatch.Cloud.Auth;
using TaskWatch.Core;

namespace TaskWatch.Cloud;

/// <summary>
/// One service's dialect of the task-center API. The base holds what every dialect shares: the
/// single-job read, reading the body whole, and classifying every answer and failure of a call. A
/// subclass is everything that differs: its Refit interface, its list API and page size, the wire
/// names of its job fields, its error body and its "not found" answer. <see cref="TaskCenterClients"/>
/// finds a service's dialect; nothing outside a dialect chooses between services.
/// </summary>
public abstract class TaskCenterClient(TimeProvider time)
{
    // Generous: a job body is a few KB; a 1 MB answer is not a job body.
    public const int MaxBodyBytes = 1 << 20;

    public abstract CloudService Service { get; }

    /// <summary>The largest page the service's list API returns; the poller asks for pages of this size.</summary>
    public abstract int ListPageSize { get; }

    /// <summary>
    /// Whether a row of the list API lacks detail its single-job read carries (not truth: status, end time
    /// and failure reason are in every row). The poller then reads a listed end once more, with spare budget only.
    /// </summary>
    public virtual bool ListRowsLackDetail => false;

    /// <summary>Where the single-job answer keeps each fact.</summary>
    protected abstract JobFields SingleFields { get; }

    /// <summary>How the service writes its errors and says "no such job".</summary>
    protected virtual CloudErrorBody ErrorBody => CloudErrorBody.Dbs;

    protected TimeProvider Time => time;

    public async Task<JobReadResult> GetJobAsync(CloudProject project, string jobId, CancellationToken cancellationToken)
    {
        if (JobIdRules.Check(jobId) is { } why)
        {
            // Never let an unchecked id reach a URL.
            return JobReadResult.Failed(new CloudError(ReadOutcome.Rejected, null, null, $"job id '{jobId}' refused: {why}"));
        }

        var (body, error) = await ReadAnswerAsync(SendGetJobAsync(project, jobId, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return JobReadResult.Failed(error);
        }

        var read = ReadJob(body, jobId);
        if (read.Job is not { } job)
        {
            return read;
        }

        // The documents' own examples put spaces inside ids; compare without them, but refuse an answer
        // about some other job rather than store it under this one.
        if (!string.Equals(StripSpaces(job.Id), jobId, StringComparison.OrdinalIgnoreCase))
        {
            return JobReadResult.Failed(new CloudError(ReadOutcome.Malformed, 200, null, $"job.id is '{job.Id}', but job '{jobId}' was asked for."));
        }

        return JobReadResult.Ok(await CompleteAsync(project, job with { Id = jobId }, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Adds what the dialect's single read leaves out and another of its calls has (DDM: a failed job's reason).</summary>
    protected virtual Task<CloudJob> CompleteAsync(CloudProject project, CloudJob job, CancellationToken cancellationToken) => Task.FromResult(job);

    public abstract Task<JobListResult> ListJobsAsync(CloudProject project, JobListQuery query, CancellationToken cancellationToken);

    /// <summary>Reads the body of a 200 to the single-job call: a <c>{"job": {...}}</c> envelope unless the dialect says otherwise.</summary>
    protected virtual JobReadResult ReadJob(byte[] body, string jobId)
    {
        var parsed = JobBodyParser.ParseEnvelope(body, SingleFields);
        return parsed.Job is { } job ? JobReadResult.Ok(job) : JobReadResult.Failed(new CloudError(ReadOutcome.Malformed, 200, null, parsed.Problem!));
    }

    /// <summary>A list answer that could not be read as the dialect's list type.</summary>
    protected static JobListResult MalformedList(string problem) => JobListResult.Failed(new CloudError(ReadOutcome.Malformed, 200, null, problem));

    /// <summary>The dialect's single-job call on its Refit interface.</summary>
    protected abstract Task<HttpResponseMessage> SendGetJobAsync(CloudProject project, string jobId, CancellationToken cancellationToken);

    /// <summary>Awaits a call of a Refit interface and returns the body of a 200, or the classified error.</summary>
    protected async Task<(byte[] Body, CloudError? Error)> ReadAnswerAsync(Task<HttpResponseMessage> call, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await call.ConfigureAwait(false);
            var body = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
            if (body is null)
            {
                return ([], new CloudError(ReadOutcome.Malformed, (int)response.StatusCode, null, $"the body is larger than {MaxBodyBytes} bytes."));
            }

            if (response.StatusCode == HttpStatusCode.OK)
            {
                return (body, null);
            }

            var retryAfter = CloudErrorClassifier.ReadRetryAfter(response, time);
            return ([], CloudErrorClassifier.Classify(response.StatusCode, body, response.Content.Headers.ContentType?.MediaType, retryAfter, ErrorBody));
        }
        catch (CloudAuthException ex)
        {
            // IAM refused the credentials (wrong password, unknown account): an error of these jobs, not of the poll loop.
            return ([], new CloudError(ReadOutcome.Unauthorized, null, null, ex.Message));
        }
        catch (TimeoutRejectedException ex)
        {
            return ([], new CloudError(ReadOutcome.Timeout, null, null, $"no answer within {ex.Timeout.TotalSeconds:0.#} s."));
        }
        catch (BrokenCircuitException ex)
        {
            // The endpoint failed most recent calls: nothing is sent until the breaker tries again.
            var wait = ex.RetryAfter is { } after ? $" for {after.TotalSeconds:0.#} s" : string.Empty;
            return ([], new CloudError(ReadOutcome.Unreachable, null, null, $"calls to this endpoint are paused{wait} after repeated failures."));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ([], new CloudError(ReadOutcome.Timeout, null, null, "the request timed out."));
        }
        catch (HttpRequestException ex)
        {
            // The message names the host and the socket error, never a header: no secret can be in it.
            return ([], new CloudError(ReadOutcome.Unreachable, null, null, ex.HttpRequestError + ": " + ex.Message));
        }
        catch (IOException ex)
        {
            return ([], new CloudError(ReadOutcome.Malformed, null, null, "the answer broke off: " + ex.Message));
        }
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength is > MaxBodyBytes)
        {
            return null;
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        if (response.Content.Headers.ContentLength is { } length)
        {
            // The length is known (always, once the buffering handler has read the body): read it
            // straight into its own array instead of growing a copy and copying that again.
            var exact = new byte[length];
            await stream.ReadExactlyAsync(exact, cancellationToken).ConfigureAwait(false);
            return exact;
        }

        using var buffer = new MemoryStream();
        // Pooled: a fresh 16 KB chunk per call was most of the poller's allocations.
        var chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    private static string StripSpaces(string id) => id.Contains(' ', StringComparison.Ordinal) ? id.Replace(" ", string.Empty, StringComparison.Ordinal) : id;
}

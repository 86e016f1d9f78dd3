using TaskWatch.Tracking.Leases;

namespace TaskWatch.Tests.Tracking;

/// <summary>
/// The change feed's notifications: a bare id is a row to read, <c>id:read:next</c> a poll that changed only its
/// poll times (UTC ticks, empty for none); what it cannot read it skips, as the previous release did.
/// </summary>
public sealed class JobChangePayloadTests
{
    private static readonly DateTime Read = new(2026, 12, 4, 22, 0, 1, DateTimeKind.Utc);
    private static readonly DateTime Next = new(2026, 12, 4, 22, 0, 6, DateTimeKind.Utc);

    [Fact]
    public void BareIdsAndPollTimes_AreToldApart()
    {
        var changed = new HashSet<long>();
        var polled = new Dictionary<long, JobPollTimes>();

        JobChangePayload.Read($"7,8:{Read.Ticks}:{Next.Ticks},9::", changed, polled);

        Assert.Equal([7L], changed);
        Assert.Equal(new JobPollTimes(Read, Next), polled[8]);
        Assert.Equal(DateTimeKind.Utc, polled[8].LastReadUtc!.Value.Kind);
        Assert.Equal(new JobPollTimes(null, null), polled[9]);
    }

    [Fact]
    public void ALaterPollOfTheSameRow_ReplacesTheEarlierOne()
    {
        var changed = new HashSet<long>();
        var polled = new Dictionary<long, JobPollTimes>();

        JobChangePayload.Read($"8:{Read.Ticks}:{Next.Ticks}", changed, polled);
        JobChangePayload.Read($"8:{Next.Ticks}:", changed, polled);

        Assert.Equal(new JobPollTimes(Next, null), polled[8]);
        Assert.Empty(changed);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("-3")]
    [InlineData("8:1")]
    [InlineData("8:1:2:3")]
    [InlineData("8:abc:2")]
    [InlineData("8:99999999999999999999:2")]
    [InlineData("*")]
    public void EntriesItCannotRead_AreSkipped(string payload)
    {
        var changed = new HashSet<long>();
        var polled = new Dictionary<long, JobPollTimes>();

        JobChangePayload.Read(payload + ",5", changed, polled);

        Assert.Equal([5L], changed);
        Assert.Empty(polled);
    }
}

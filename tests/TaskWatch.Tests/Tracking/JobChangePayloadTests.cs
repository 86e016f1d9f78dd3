using TaskWatch.Tracking.Leases;

namespace TaskWatch.Tests.Tracking;

/// <summary>
/// The change feed's notifications: a bare id is a row to read, <c>id:read:next</c> a poll that changed only its
/// poll times (UTC ticks, empty for none), up to 120 entries a payload (a write batch's polls). An entry it cannot
/// read loses nothing: its row is read, or every row when it names none, and the problem names entry, value and reason.
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

        Assert.True(JobChangePayload.Read($"7,8:{Read.Ticks}:{Next.Ticks},9::", changed, polled, _problems));

        Assert.Equal([7L], changed);
        Assert.Equal(new JobPollTimes(Read, Next), polled[8]);
        Assert.Equal(DateTimeKind.Utc, polled[8].LastReadUtc!.Value.Kind);
        Assert.Equal(new JobPollTimes(null, null), polled[9]);
        Assert.Empty(_problems);
    }

    [Fact]
    public void ALaterPollOfTheSameRow_ReplacesTheEarlierOne()
    {
        var changed = new HashSet<long>();
        var polled = new Dictionary<long, JobPollTimes>();

        JobChangePayload.Read($"8:{Read.Ticks}:{Next.Ticks}", changed, polled, _problems);
        JobChangePayload.Read($"8:{Next.Ticks}:", changed, polled, _problems);

        Assert.Equal(new JobPollTimes(Next, null), polled[8]);
        Assert.Empty(changed);
        Assert.Empty(_problems);
    }

    [Fact]
    public void AWriteBatchsPayload_GivesEveryJobItsOwnPollTimes()
    {
        var changed = new HashSet<long>();
        var polled = new Dictionary<long, JobPollTimes>();
        var payload = string.Join(',', Enumerable.Range(1, 120).Select(i => $"{i}:{Read.AddSeconds(i).Ticks}:{Next.AddSeconds(i).Ticks}"));

        Assert.True(JobChangePayload.Read(payload, changed, polled, _problems));

        Assert.Empty(changed);
        Assert.Empty(_problems);
        Assert.Equal(120, polled.Count);
        Assert.All(Enumerable.Range(1, 120), i => Assert.Equal(new JobPollTimes(Read.AddSeconds(i), Next.AddSeconds(i)), polled[i]));
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(payload) < 8000, "a payload of 120 entries fits PostgreSQL's NOTIFY limit");
    }

    [Theory]
    [InlineData("8:1", "Entry 2 '8:1': 2 fields, expected 1 (id) or 3 (id:read:next); row 8 is read instead.")]
    [InlineData("8:1:2:3", "Entry 2 '8:1:2:3': 4 fields, expected 1 (id) or 3 (id:read:next); row 8 is read instead.")]
    [InlineData("8:abc:2", "Entry 2 '8:abc:2': the last read 'abc' is not UTC ticks (a whole number up to 3155378975999999999, or empty); row 8 is read instead.")]
    [InlineData("8:2:99999999999999999999", "Entry 2 '8:2:99999999999999999999': the next poll '99999999999999999999' is not UTC ticks (a whole number up to 3155378975999999999, or empty); row 8 is read instead.")]
    public void AMalformedEntryWithItsRowId_ReadsThatRow_AndTheRestOfTheBatchStillApplies(string entry, string problem)
    {
        var changed = new HashSet<long>();
        var polled = new Dictionary<long, JobPollTimes>();
        var problems = new List<string>();

        var complete = JobChangePayload.Read($"5:{Read.Ticks}:{Next.Ticks},{entry},6,7:{Read.Ticks}:", changed, polled, problems);

        Assert.True(complete);
        Assert.Equal([problem], problems);
        Assert.Equal([6L, 8L], changed.Order());
        Assert.Equal(new JobPollTimes(Read, Next), polled[5]);
        Assert.Equal(new JobPollTimes(Read, null), polled[7]);
        Assert.False(polled.ContainsKey(8));
    }

    [Theory]
    [InlineData("x", "Entry 2 'x': the row id 'x' is not a positive whole number; every tracked job is read again.")]
    [InlineData("-3", "Entry 2 '-3': the row id '-3' is not a positive whole number; every tracked job is read again.")]
    [InlineData("0:1:2", "Entry 2 '0:1:2': the row id '0' is not a positive whole number; every tracked job is read again.")]
    [InlineData("*", "Entry 2 '*': the row id '*' is not a positive whole number; every tracked job is read again.")]
    public void AnEntryNamingNoRow_AsksForEveryRowToBeRead_AndTheRestOfTheBatchStillApplies(string entry, string problem)
    {
        var changed = new HashSet<long>();
        var polled = new Dictionary<long, JobPollTimes>();
        var problems = new List<string>();

        var complete = JobChangePayload.Read($"5:{Read.Ticks}:{Next.Ticks},{entry},6", changed, polled, problems);

        Assert.False(complete);
        Assert.Equal([problem], problems);
        Assert.Equal([6L], changed);
        Assert.Equal(new JobPollTimes(Read, Next), polled[5]);
    }

    [Fact]
    public void AProblemNamesAForeignValueShortened()
    {
        var problems = new List<string>();

        JobChangePayload.Read(new string('y', 500), new HashSet<long>(), new Dictionary<long, JobPollTimes>(), problems);

        Assert.Equal($"Entry 1 '{new string('y', 57)}...': the row id '{new string('y', 57)}...' is not a positive whole number; every tracked job is read again.", Assert.Single(problems));
    }

    // A new instance per test: what a test's well-formed payloads reported, asserted empty.
    private readonly List<string> _problems = [];
}

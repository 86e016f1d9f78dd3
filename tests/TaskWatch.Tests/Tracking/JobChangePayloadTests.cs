using TaskWatch.Core;
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
        var polled = new Dictionary<long, JobRowChange>();

        Assert.True(JobChangePayload.Read($"7,8:{Read.Ticks}:{Next.Ticks},9::", changed, polled, _problems));

        Assert.Equal([7L], changed);
        Assert.Equal(JobRowChange.PollTimes(Read, Next), polled[8]);
        Assert.Equal(DateTimeKind.Utc, polled[8].LastReadUtc!.Value.Value!.Value.Kind);
        Assert.Equal(JobRowChange.PollTimes(null, null), polled[9]);
        Assert.Empty(_problems);
    }

    [Fact]
    public void ALaterPollOfTheSameRow_ReplacesTheEarlierOne()
    {
        var changed = new HashSet<long>();
        var polled = new Dictionary<long, JobRowChange>();

        JobChangePayload.Read($"8:{Read.Ticks}:{Next.Ticks}", changed, polled, _problems);
        JobChangePayload.Read($"8:{Next.Ticks}:", changed, polled, _problems);

        Assert.Equal(JobRowChange.PollTimes(Next, null), polled[8]);
        Assert.Empty(changed);
        Assert.Empty(_problems);
    }

    [Fact]
    public void AWriteBatchsPayload_GivesEveryJobItsOwnPollTimes()
    {
        var changed = new HashSet<long>();
        var polled = new Dictionary<long, JobRowChange>();
        var payload = string.Join(',', Enumerable.Range(1, 120).Select(i => $"{i}:{Read.AddSeconds(i).Ticks}:{Next.AddSeconds(i).Ticks}"));

        Assert.True(JobChangePayload.Read(payload, changed, polled, _problems));

        Assert.Empty(changed);
        Assert.Empty(_problems);
        Assert.Equal(120, polled.Count);
        Assert.All(Enumerable.Range(1, 120), i => Assert.Equal(JobRowChange.PollTimes(Read.AddSeconds(i), Next.AddSeconds(i)), polled[i]));
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(payload) < 8000, "a payload of 120 entries fits PostgreSQL's NOTIFY limit");
    }

    [Theory]
    [InlineData("8:1", "Entry 2 '8:1': 2 fields, expected 1 (id), 3 (id:read:next) or tagged fields (id:<letter><value>...); row 8 is read instead.")]
    [InlineData("8:1:2:3", "Entry 2 '8:1:2:3': 4 fields, expected 1 (id), 3 (id:read:next) or tagged fields (id:<letter><value>...); row 8 is read instead.")]
    [InlineData("8:1x:2", "Entry 2 '8:1x:2': the last read '1x' is not UTC ticks (a whole number up to 3155378975999999999, or empty); row 8 is read instead.")]
    [InlineData("8:2:99999999999999999999", "Entry 2 '8:2:99999999999999999999': the next poll '99999999999999999999' is not UTC ticks (a whole number up to 3155378975999999999, or empty); row 8 is read instead.")]
    public void AMalformedEntryWithItsRowId_ReadsThatRow_AndTheRestOfTheBatchStillApplies(string entry, string problem)
    {
        var changed = new HashSet<long>();
        var polled = new Dictionary<long, JobRowChange>();
        var problems = new List<string>();

        var complete = JobChangePayload.Read($"5:{Read.Ticks}:{Next.Ticks},{entry},6,7:{Read.Ticks}:", changed, polled, problems);

        Assert.True(complete);
        Assert.Equal([problem], problems);
        Assert.Equal([6L, 8L], changed.Order());
        Assert.Equal(JobRowChange.PollTimes(Read, Next), polled[5]);
        Assert.Equal(JobRowChange.PollTimes(Read, null), polled[7]);
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
        var polled = new Dictionary<long, JobRowChange>();
        var problems = new List<string>();

        var complete = JobChangePayload.Read($"5:{Read.Ticks}:{Next.Ticks},{entry},6", changed, polled, problems);

        Assert.False(complete);
        Assert.Equal([problem], problems);
        Assert.Equal([6L], changed);
        Assert.Equal(JobRowChange.PollTimes(Read, Next), polled[5]);
    }

    [Fact]
    public void AProblemNamesAForeignValueShortened()
    {
        var problems = new List<string>();

        JobChangePayload.Read(new string('y', 500), new HashSet<long>(), new Dictionary<long, JobRowChange>(), problems);

        Assert.Equal($"Entry 1 '{new string('y', 57)}...': the row id '{new string('y', 57)}...' is not a positive whole number; every tracked job is read again.", Assert.Single(problems));
    }

    [Theory]
    [InlineData("Disk full, retry at 14:00: \"ops\" said 'no'")]
    [InlineData("line one\nline two\r\n\ttabbed")]
    [InlineData("数据库实例创建失败 — ünïcödé 🚀")]
    [InlineData("8,9:1:2,*,-,=,+/")]
    [InlineData("")]
    [InlineData("<script>alert(1)</script>")]
    public void ACarriedChange_ReadsHostileTextExactly_AndTheNeighbouringEntriesStillApply(string text)
    {
        var changed = new HashSet<long>();
        var changes = new Dictionary<long, JobRowChange>();
        var entry = $"8:s3:p100:n{Text(text)}:f{Text(text)}:m{Text(text)}:i-:e{Next.Ticks}:h4:r{Read.Ticks}:x-:j{Text(text)}";

        Assert.True(JobChangePayload.Read($"7,{entry},9:{Read.Ticks}:", changed, changes, _problems));

        Assert.Empty(_problems);
        Assert.Equal([7L], changed);
        var change = changes[8];
        Assert.Equal(JobState.Failed, change.State!.Value.Value);
        Assert.Equal(100, change.Progress!.Value.Value);
        Assert.Equal(text, change.Name!.Value.Value);
        Assert.Equal(text, change.FailReason!.Value.Value);
        Assert.Equal(text, change.InstanceName!.Value.Value);
        Assert.Equal(text, change.EntitiesJson!.Value.Value);
        Assert.Null(change.InstanceId!.Value.Value);
        Assert.Equal(Next, change.EndedUtc!.Value.Value);
        Assert.Equal(PollPhase.Done, change.Phase!.Value.Value);
        Assert.Equal(Read, change.LastReadUtc!.Value.Value);
        Assert.Null(change.NextPollUtc!.Value.Value);
        Assert.Null(change.StatusWord);
        Assert.Null(change.LastError);
        Assert.False(change.IsPollTimesOnly);
        Assert.Equal(JobRowChange.PollTimes(Read, null), changes[9]);
    }

    [Fact]
    public void LaterChangesOfARow_AreAppliedOverEarlierOnes_ColumnByColumn()
    {
        var changes = new Dictionary<long, JobRowChange>();

        JobChangePayload.Read($"8:p40:n{Text("a")}:r{Read.Ticks}:x{Next.Ticks}", new HashSet<long>(), changes, _problems);
        JobChangePayload.Read($"8:{Next.Ticks}:,8:p50:o2:g{Text("HTTP 500: down")}", new HashSet<long>(), changes, _problems);

        Assert.Empty(_problems);
        Assert.Equal(
            new JobRowChange
            {
                Progress = new(50), Name = new("a"), LastReadUtc = new(Next), NextPollUtc = new(null),
                LastError = new(new StoredError((ReadOutcome)2, "HTTP 500: down")),
            },
            changes[8]);
    }

    [Theory]
    [InlineData("8:z1", "Entry 2 '8:z1': field 1 'z1' has no tag this release reads (one of swpnefimclhrxogqkj and the value); row 8 is read instead.")]
    [InlineData("8:p40:", "Entry 2 '8:p40:': field 2 '' has no tag this release reads (one of swpnefimclhrxogqkj and the value); row 8 is read instead.")]
    [InlineData("8:pforty", "Entry 2 '8:pforty': the Progress 'forty' is not a whole number, or '-'; row 8 is read instead.")]
    [InlineData("8:s9", "Entry 2 '8:s9': the State '9' is not a known state's number, or '-'; row 8 is read instead.")]
    [InlineData("8:h-", "Entry 2 '8:h-': the Phase '-' is not a known phase's number; row 8 is read instead.")]
    [InlineData("8:n%%%", "Entry 2 '8:n%%%': the Name '%%%' is not base64 of UTF-8 text, or '-'; row 8 is read instead.")]
    [InlineData("8:n/w==", "Entry 2 '8:n/w==': the Name '/w==' is not base64 of UTF-8 text, or '-'; row 8 is read instead.")]
    [InlineData("8:r12x", "Entry 2 '8:r12x': the LastReadUtc '12x' is not UTC ticks (a whole number up to 3155378975999999999), or '-'; row 8 is read instead.")]
    [InlineData("8:r", "Entry 2 '8:r': the LastReadUtc '' is not UTC ticks (a whole number up to 3155378975999999999), or '-'; row 8 is read instead.")]
    [InlineData("8:k-", "Entry 2 '8:k-': the ConsecutiveErrors '-' is not a whole number; row 8 is read instead.")]
    [InlineData("8:o2", "Entry 2 '8:o2': the LastErrorOutcome (o) and LastError (g) travel together, one came alone; row 8 is read instead.")]
    public void AMalformedCarriedEntry_OrATagFromANewerRelease_ReadsThatRow(string entry, string problem)
    {
        var changed = new HashSet<long>();
        var changes = new Dictionary<long, JobRowChange>();
        var problems = new List<string>();

        Assert.True(JobChangePayload.Read($"5:p1,{entry},6", changed, changes, problems));

        Assert.Equal([problem], problems);
        Assert.Equal([6L, 8L], changed.Order());
        Assert.False(changes.ContainsKey(8));
        Assert.Equal(1, changes[5].Progress!.Value.Value);
    }

    // As the trigger writes text: base64 of its UTF-8.
    private static string Text(string text) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text));

    // A new instance per test: what a test's well-formed payloads reported, asserted empty.
    private readonly List<string> _problems = [];
}

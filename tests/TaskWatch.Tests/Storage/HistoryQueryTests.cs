using TaskWatch.Core;
using TaskWatch.Storage;

namespace TaskWatch.Tests.Storage;

public sealed class HistoryQueryTests
{
    [Fact]
    public void RoundTrip_EveryField_SurvivesTheUrl()
    {
        var query = new HistoryQuery
        {
            FromUtc = new DateTime(2026, 11, 1, 8, 0, 0, DateTimeKind.Utc),
            ToUtc = new DateTime(2026, 11, 2, 0, 0, 0, DateTimeKind.Utc),
            Status = JobState.Failed,
            Service = CloudService.Dds,
            Project = "prod eu",
            JobName = "Create",
            Instance = "db-1",
            InstanceId = "d87f5b33049144ec95f0cab0a5f22cfbin07",
            Text = "a&b=c",
            Page = 3,
        };
        var text = query.ToQueryString();
        Assert.Equal("?from=2026-11-01T08%3A00%3A00Z&to=2026-11-02T00%3A00%3A00Z&status=Failed&service=Dds&project=prod%20eu&name=Create&instance=db-1&instanceId=d87f5b33049144ec95f0cab0a5f22cfbin07&q=a%26b%3Dc&page=4", text);
        Assert.Equal(query, HistoryQuery.FromQuery(text));
    }

    [Fact]
    public void FromQuery_Garbage_IgnoredNotThrown()
    {
        var q = HistoryQuery.FromQuery("?from=yesterday&status=Exploded&service=Sql&page=-2");
        Assert.Equal(new HistoryQuery(), q);
    }

    [Fact]
    public void ToSearch_MapsFieldsAndPageOffset()
    {
        var q = HistoryQuery.FromQuery("?status=completed&q=abc&page=2");
        var search = q.ToSearch();
        Assert.Equal(JobState.Completed, search.State);
        Assert.Equal("abc", search.Text);
        Assert.Null(search.InstanceId);
        Assert.Equal("in07", HistoryQuery.FromQuery("?instanceId=in07").ToSearch().InstanceId);
        Assert.Null(search.Tracking);
        Assert.Equal(HistoryQuery.PageSize, q.Offset);
    }

    [Fact]
    public void ToQueryString_ExportWithoutPage()
    {
        Assert.Equal("?q=x", (HistoryQuery.FromQuery("?q=x&page=5")).ToQueryString(includePage: false));
    }
}

using TaskWatch.Cloud;
using TaskWatch.Cloud.Dds;
using TaskWatch.Cloud.Rds;
using TaskWatch.Core;

namespace TaskWatch.Tests.Cloud;

/// <summary>Every example body of both API documents, read as a user of the dashboard would need it.</summary>
public sealed class JobBodyParserTests
{
    private static byte[] Example(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "ApiExamples", name + ".json"));

    private static CloudJob Parse(string name, CloudService service)
    {
        var result = JobBodyParser.ParseEnvelope(Example(name), service == CloudService.Rds ? RdsJobClient.Fields : DdsJobClient.Fields);
        Assert.True(result.Job is not null, $"{name}: {result.Problem}");
        return result.Job!;
    }

    [Fact]
    public void RdsCreateInstance_Completed_HasEntitiesAndUtcTimes()
    {
        var job = Parse("rds-create-instance", CloudService.Rds);
        Assert.Equal("31b8ae23-c687-4d80-b7b4-42a66c9bb886", job.Id);
        Assert.Equal("CreateMysqlSingleHAInstance", job.Name);
        Assert.Equal(JobState.Completed, job.Status.State);
        Assert.Null(job.Progress);
        Assert.Equal(new DateTime(2018, 8, 6, 10, 41, 14, DateTimeKind.Utc), job.Created!.Value.Utc);
        Assert.Equal(new DateTime(2018, 8, 6, 16, 41, 14, DateTimeKind.Utc), job.Ended!.Value.Utc);
        Assert.True(job.EndedIsMeaningful);
        Assert.Equal("a48e43ff268f4c0e879652d65e63d0fbin01", job.InstanceId);
        Assert.Equal("DO-NOT-TOUCH-mgr2-mysql-single", job.InstanceName);
        Assert.Null(job.FailReason);
        var e = job.Entities!;
        Assert.Equal("192.168.1.203:3306", e.InstanceEndpoint);
        Assert.Equal("Single", e.InstanceType);
        Assert.Equal("mysql", e.DatastoreType);
        Assert.Equal("5.7", e.DatastoreVersion);
        Assert.Equal(["a48e43ff268f4c0e879652d65e63d0fbin01.vm", "a48e43ff268f4c0e879652d65e63d0fbin01.volume"], e.ResourceIds);
        Assert.Contains("resource_ids", e.RawJson, StringComparison.Ordinal);
    }

    [Fact]
    public void RdsCreateReplica_LeadingSpaceName_IsTrimmed_AndReplicaOfRead()
    {
        var job = Parse("rds-create-replica", CloudService.Rds);
        Assert.Equal("CreateMysqlReplicaInstance", job.Name);
        Assert.Equal("replica", job.Entities!.InstanceType);
        Assert.Equal("a48e43ff268f4c0e879652d65e63d0fbin01", job.Entities.ReplicaOf);
    }

    [Fact]
    public void RdsBindEip_HasPublicIp()
    {
        var job = Parse("rds-bind-eip", CloudService.Rds);
        Assert.Equal("MysqlBindEIP", job.Name);
        Assert.Equal("10.10.10.1", job.Entities!.PublicIp);
        Assert.Null(job.Entities.InstanceType);
    }

    [Fact]
    public void RdsReboot_EmptyEntities_AreEmptyNotMissing()
    {
        var job = Parse("rds-reboot", CloudService.Rds);
        Assert.Equal("RestartMysqlInstance", job.Name);
        Assert.NotNull(job.Entities);
        Assert.True(job.Entities!.IsEmpty);
    }

    [Fact]
    public void RdsRunningExample_IsMalformed_AndSaysWhy()
    {
        var result = JobBodyParser.ParseEnvelope(Example("rds-running-broken"), RdsJobClient.Fields);
        Assert.Null(result.Job);
        Assert.Contains("job.status is missing", result.Problem, StringComparison.Ordinal);
        Assert.Contains("' status'", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void RdsFailed_KeepsFailReason()
    {
        var job = Parse("rds-failed", CloudService.Rds);
        Assert.Equal(JobState.Failed, job.Status.State);
        Assert.Equal("createVM failed.", job.FailReason);
        Assert.Equal("mysql", job.Entities!.DatastoreType);
    }

    [Fact]
    public void DdsCompleted_NullFailReason_NoEntities()
    {
        var job = Parse("dds-completed", CloudService.Dds);
        Assert.Equal("Create_MongoDB", job.Name);
        Assert.Equal(JobState.Completed, job.Status.State);
        Assert.Null(job.FailReason);
        Assert.Null(job.Entities);
        Assert.Equal(new DateTime(2021, 7, 12, 10, 10, 13, DateTimeKind.Utc), job.Ended!.Value.Utc);
    }

    [Fact]
    public void DdsRunning_ProgressPercent_AndEndedIsNotAnEnd()
    {
        var job = Parse("dds-running", CloudService.Dds);
        Assert.Equal(JobState.Running, job.Status.State);
        Assert.Equal(9, job.Progress);
        Assert.NotNull(job.Ended);
        Assert.False(job.EndedIsMeaningful);
    }

    [Fact]
    public void DdsFailed_KeepsFailReason()
    {
        var job = Parse("dds-failed", CloudService.Dds);
        Assert.Equal("Failed to upgrade the DB Agent.", job.FailReason);
        Assert.Equal("lenn-v3-restore-4", job.InstanceName);
    }

    [Theory]
    [InlineData("60", 60)]
    [InlineData("60%", 60)]
    [InlineData("60% ", 60)]
    [InlineData(" 9%", 9)]
    [InlineData("100", 100)]
    [InlineData("", null)]
    [InlineData(null, null)]
    [InlineData("abc", null)]
    [InlineData("150", null)]
    [InlineData("-5", null)]
    public void Progress_ReadsEveryDocumentedShape(string? text, int? expected) => Assert.Equal(expected, ProgressParser.Parse(text));

    [Theory]
    [InlineData("2021-07-12T09:22:04+0000", "2021-07-12T09:22:04Z")]
    [InlineData("2021-07-12T17:22:04+0800", "2021-07-12T09:22:04Z")]
    [InlineData("2021-07-12T09:22:04+00:00", "2021-07-12T09:22:04Z")]
    [InlineData("2021-07-12T09:22:04Z", "2021-07-12T09:22:04Z")]
    public void Timestamp_WithOffset_IsKeptAsUtc(string text, string expectedUtc)
    {
        var t = CloudTimestamp.Parse(text)!.Value;
        Assert.Equal(DateTime.Parse(expectedUtc, null, System.Globalization.DateTimeStyles.AdjustToUniversal), t.Utc);
        Assert.Equal(DateTimeKind.Utc, t.Utc!.Value.Kind);
    }

    [Fact]
    public void Timestamp_OfAnotherShape_IsKeptAsTextAndFlagged()
    {
        var body = """{"job":{"id":"a9767ede-fe0f-4888-9003-e843a4c90514","name":"x","status":"Running","created":"12/07/2021 09:22","process":"5"}}"""u8.ToArray();
        var job = JobBodyParser.ParseEnvelope(body, RdsJobClient.Fields).Job!;
        Assert.Null(job.Created!.Value.Utc);
        Assert.Equal("12/07/2021 09:22", job.Created.Value.Text);
        Assert.Contains(job.Warnings, w => w.Contains("job.created", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Pending")]
    [InlineData("running")]
    [InlineData("COMPLETED")]
    public void Status_OtherThanTheDocumentedThree_IsUnknownWithItsWord(string word)
    {
        var body = System.Text.Encoding.UTF8.GetBytes("{\"job\":{\"id\":\"x1\",\"name\":\"n\",\"status\":\"" + word + "\"}}");
        var job = JobBodyParser.ParseEnvelope(body, DdsJobClient.Fields).Job!;
        Assert.Equal(JobState.Unknown, job.Status.State);
        Assert.Equal($"Unknown ({word})", job.Status.ToString());
    }

    [Theory]
    [InlineData("""{"job":{"id":"a","status":"Runn""", "truncated JSON")]
    [InlineData("""<html><body>502 Bad Gateway</body></html>""", "invalid JSON")]
    [InlineData("""{"jobs":[]}""", "no 'job' object")]
    [InlineData("""{"job":{"id":"a","status":5}}""", "invalid JSON")]
    [InlineData("""{"job":{"name":"x","status":"Running"}}""", "job.id is missing")]
    public void BrokenBodies_AreMalformed_WithTheReason(string body, string expected)
    {
        var result = JobBodyParser.ParseEnvelope(System.Text.Encoding.UTF8.GetBytes(body), RdsJobClient.Fields);
        Assert.Null(result.Job);
        Assert.Contains(expected, result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void FailReason_AbsentAndNull_AreBothNone()
    {
        var absent = JobBodyParser.ParseEnvelope("""{"job":{"id":"a","name":"n","status":"Completed","entities":{}}}"""u8.ToArray(), RdsJobClient.Fields).Job!;
        var isNull = JobBodyParser.ParseEnvelope("""{"job":{"id":"a","name":"n","status":"Completed","fail_reason":null}}"""u8.ToArray(), DdsJobClient.Fields).Job!;
        Assert.Null(absent.FailReason);
        Assert.Null(isNull.FailReason);
    }

    [Fact]
    public void RdsVolumeAndSwitchEntities_AreTyped()
    {
        var body = """{"job":{"id":"a","name":"ResizeFlavor_Volume","status":"Running","process":"40","entities":{"volume":{"type":"ULTRAHIGH","original_size":"100","target_size":"200"},"switch_strategy":"reliability"}}}"""u8.ToArray();
        var e = JobBodyParser.ParseEnvelope(body, RdsJobClient.Fields).Job!.Entities!;
        Assert.Equal("ULTRAHIGH", e.VolumeType);
        Assert.Equal("100", e.VolumeOriginalSize);
        Assert.Equal("200", e.VolumeTargetSize);
        Assert.Equal("reliability", e.SwitchStrategy);
    }
}

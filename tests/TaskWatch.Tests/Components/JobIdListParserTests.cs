using TaskWatch.Components.Model;

namespace TaskWatch.Tests.Components;

public sealed class JobIdListParserTests
{
    [Fact]
    public void Parse_LinesCommasAndBlanks_SplitsIntoIds()
    {
        var list = JobIdListParser.Parse("a1\r\nb2, c3;d4\t e5\n\n", 1000);
        Assert.Equal(["a1", "b2", "c3", "d4", "e5"], list.Ids);
        Assert.True(list.IsValid);
    }

    [Fact]
    public void Parse_RepeatedIdsAnyCase_KeptOnceAndCounted()
    {
        var list = JobIdListParser.Parse("abc\nABC\nabc\ndef", 1000);
        Assert.Equal(["abc", "def"], list.Ids);
        Assert.Equal(2, list.Duplicates);
    }

    [Fact]
    public void Parse_QuotedIdsFromJson_QuotesRemoved()
    {
        var list = JobIdListParser.Parse("\"abc\", 'def'", 1000);
        Assert.Equal(["abc", "def"], list.Ids);
    }

    [Fact]
    public void Parse_InvalidLookingId_PassedOnForTheRegistrarToJudge()
    {
        var list = JobIdListParser.Parse("good-id\nnot/an/id", 1000);
        Assert.Equal(["good-id", "not/an/id"], list.Ids);
    }

    [Fact]
    public void Parse_Nothing_ProblemAsksForIds()
    {
        var list = JobIdListParser.Parse(" \n , ", 1000);
        Assert.False(list.IsValid);
        Assert.Contains("at least one job id", list.Problem);
    }

    [Fact]
    public void Parse_MoreThanLimit_ProblemNamesLimitAndCount()
    {
        var list = JobIdListParser.Parse(string.Join("\n", Enumerable.Range(0, 1001).Select(i => $"id{i}")), 1000);
        Assert.Equal("At most 1000 job ids at once; this list has 1001. Split it into smaller batches.", list.Problem);
    }

    [Fact]
    public void Parse_ExactlyLimit_Valid()
    {
        Assert.True(JobIdListParser.Parse(string.Join(",", Enumerable.Range(0, 1000).Select(i => $"id{i}")), 1000).IsValid);
    }
}

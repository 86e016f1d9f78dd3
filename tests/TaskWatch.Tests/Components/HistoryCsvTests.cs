using TaskWatch.Api;

namespace TaskWatch.Tests.Components;

public sealed class HistoryCsvTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("line\nbreak", "\"line\nbreak\"")]
    [InlineData(null, "")]
    public void Cell_FormulaAndSeparators_MadeSafe(string? value, string expected)
    {
        Assert.Equal(expected, HistoryExportEndpoints.Cell(value));
    }

    [Fact]
    public void Line_JoinsWithCommasEndsWithCrLf()
    {
        Assert.Equal("a,,'=1\r\n", HistoryExportEndpoints.Line(["a", null, "=1"]));
    }
}

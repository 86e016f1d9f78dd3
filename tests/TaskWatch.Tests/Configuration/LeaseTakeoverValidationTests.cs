using TaskWatch.Configuration;

namespace TaskWatch.Tests.Configuration;

/// <summary><c>TaskWatch:Storage:LeaseTakeover</c> must leave room for the new holder's quiet time; a bad value is named with why.</summary>
public sealed class LeaseTakeoverValidationTests
{
    [Fact]
    public void DefaultTakeover_IsValid()
    {
        Assert.Empty(TaskWatchOptionsValidator.Collect(new TaskWatchOptions()));
    }

    [Theory]
    [InlineData("00:00:03")]
    [InlineData("00:30:00")]
    public void TakeoverOutOfRange_IsNamedWithTheRangeAndWhy(string value)
    {
        var options = new TaskWatchOptions();
        options.Storage.LeaseTakeover = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture);

        var error = Assert.Single(TaskWatchOptionsValidator.Collect(options));

        Assert.Equal(
            $"TaskWatch:Storage:LeaseTakeover is '{value}': use a time from 00:00:08 to 00:10:00 (a new holder of an account first waits 6 s so the account's budget is not spent twice).",
            error);
    }
}

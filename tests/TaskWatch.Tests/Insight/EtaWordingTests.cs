using TaskWatch.Core;
using TaskWatch.Insight;

namespace TaskWatch.Tests.Insight;

public sealed class EtaWordingTests
{
    private static readonly DateTime At = new(2026, 11, 23, 14, 32, 0, DateTimeKind.Utc);

    private static string Hm(DateTime t) => t.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void TimeAndRange_ReadAsASentence()
    {
        var eta = new JobEta(At, EtaBasis.Typical, 12, TimeSpan.FromMinutes(8), TimeSpan.FromMinutes(12));
        Assert.Equal("about 14:32, usually 8–12 min", EtaWording.Describe(eta, Hm));
    }

    [Fact]
    public void NoHistory_SaysSo()
    {
        Assert.Equal("too little history", EtaWording.Describe(new JobEta(null, EtaBasis.TooLittleHistory, 1, null, null), Hm));
        Assert.Null(EtaWording.Describe(null, Hm));
    }

    [Fact]
    public void PastTheUsualRange_GivesNoTime()
    {
        var eta = new JobEta(null, EtaBasis.Typical, 12, TimeSpan.FromMinutes(8), TimeSpan.FromMinutes(12));
        Assert.Equal("usually 8–12 min; running longer", EtaWording.Describe(eta, Hm));
    }
}

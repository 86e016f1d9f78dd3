using TaskWatch.Hosting;

namespace TaskWatch.Tests.Hosting;

public sealed class MallocArenaLimitTests
{
    [Fact]
    public void OnLinux_TheCapIsAcceptedByTheCLibrary()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "mallopt is glibc's (Linux) only.");
        Assert.SkipWhen(File.Exists("/etc/alpine-release"), "musl has no arenas to cap.");

        // glibc answers 1 when it took the value; a wrong library name or parameter number would answer 0 or throw.
        Assert.True(MallocArenaLimit.Apply(configured: null));
    }

    [Fact]
    public void AnOperatorsMallocArenaMax_IsLeftAsItIs()
    {
        Assert.False(MallocArenaLimit.Apply(configured: "8"));
    }
}

using Microsoft.Playwright;

namespace TaskWatch.BrowserTests.Support;

/// <summary>
/// Debian's Chromium driven by Playwright (its own browser download cannot run here). Without a
/// Chromium on PATH a browser test is skipped with the reason, except under CI, where that is a failure.
/// </summary>
public static class Chromium
{
    private static readonly string[] Args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage",
    ];

    public static string? FindExecutable()
    {
        foreach (var name in new[] { "chromium", "chromium-browser" })
        {
            foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
            {
                var candidate = Path.Combine(dir, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var executable = FindExecutable();
        if (executable is null)
        {
            const string reason = "No Chromium on PATH: install Debian's package (apt-get install -y chromium) to run the browser tests.";
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
            {
                Assert.Fail(reason + " CI is set, so a missing browser is a failure.");
            }

            Assert.Skip(reason);
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = executable, Headless = true, Args = Args });
        // What a user waits for (a page, a live update) can take longer than Playwright's 5 s on a shared,
        // loaded machine; a real failure still fails, 15 s later.
        Assertions.SetDefaultExpectTimeout(15_000);
        return (playwright, browser);
    }

    /// <summary>The repository's docs/ folder, where current screenshots are kept.</summary>
    public static string DocsFolder()
    {
        var docs = Path.Combine(RepoFolder(), "docs");
        Directory.CreateDirectory(docs);
        return docs;
    }

    /// <summary>The repository's root (where TaskWatch.sln is); the temp folder when run from elsewhere.</summary>
    public static string RepoFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "TaskWatch.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? Path.GetTempPath();
    }
}

using System.Runtime.InteropServices;

namespace TaskWatch.Hosting;

/// <summary>
/// Caps glibc's malloc arenas at <see cref="Arenas"/> for this process, first thing at start-up.
/// glibc gives threads that contend for malloc arenas of their own, up to eight per core, and an arena
/// keeps the memory freed in it. The thread pool's threads take turns at SQLite (page caches, statements),
/// the JIT and the sockets, so with 100 event streams and 5 dashboards about ten arenas held 46 MB resident
/// (bench FINDINGS, "Sixth pass"). Two arenas hold the same work in less, with no CPU cost measured.
/// It is the documented <c>MALLOC_ARENA_MAX</c> variable set from inside: the environment variable only works
/// when whoever starts the process sets it (the container could, <c>dotnet run</c> and a service unit would not).
/// An operator who sets <c>MALLOC_ARENA_MAX</c> keeps their value.
/// </summary>
public static class MallocArenaLimit
{
    public const int Arenas = 2;

    public const string VariableName = "MALLOC_ARENA_MAX";

    // mallopt's parameter number for the arena cap (glibc's malloc.h).
    private const int ArenaMax = -8;

    /// <summary>Sets the cap unless the environment does; false when it did nothing (another C library, or the variable set).</summary>
    public static bool Apply() => Apply(Environment.GetEnvironmentVariable(VariableName));

    /// <param name="configured">The value of <c>MALLOC_ARENA_MAX</c> this process was started with, if any.</param>
    internal static bool Apply(string? configured)
    {
        if (!OperatingSystem.IsLinux() || !string.IsNullOrEmpty(configured))
        {
            return false;
        }

        try
        {
            return SetOption(ArenaMax, Arenas) == 1;
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            // musl (Alpine) has no mallopt and no arenas to cap.
            return false;
        }
    }

    // DllImport rather than LibraryImport: its source generator needs unsafe code allowed in the whole project,
    // for one call with two ints that the runtime marshals as they are.
    [DllImport("libc", EntryPoint = "mallopt")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SetOption(int parameter, int value);
}

namespace TaskWatch.Storage;

/// <summary>The database holds migrations this release does not have: it was made by a newer TaskWatch.</summary>
public sealed class NewerDatabaseException(string file, IReadOnlyList<string> unknownMigrations) : Exception(
    $"The database '{file}' was made by a newer TaskWatch release: it has migration {string.Join(", ", unknownMigrations)}, which this release does not know. "
    + "Nothing was changed; run that release or a newer one, or point TaskWatch:Database at another file.")
{
    public string File { get; } = file;

    public IReadOnlyList<string> UnknownMigrations { get; } = unknownMigrations;
}

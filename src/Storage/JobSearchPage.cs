namespace TaskWatch.Storage;

public sealed record JobSearchPage(int Total, IReadOnlyList<TrackedJob> Jobs);

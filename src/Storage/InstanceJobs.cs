using TaskWatch.Core;

namespace TaskWatch.Storage;

/// <summary>The jobs TaskWatch has stored for one instance, newest first (at most the page asked), and how many there are.</summary>
public sealed record InstanceJobs(int Total, IReadOnlyList<JobView> Jobs, IReadOnlyList<JobView> Finished);

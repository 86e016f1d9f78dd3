using TaskWatch.Core;

namespace TaskWatch.Components.Model;

/// <summary>A running job on the wall, with the instance's previous failure if it had one.</summary>
public sealed record WallTile(JobView Job, JobView? PreviousFailure);

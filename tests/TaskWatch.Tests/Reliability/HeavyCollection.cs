namespace TaskWatch.Tests.Reliability;

/// <summary>
/// The soak and crash tests each load both cores for a minute; they run alone, after the rest, so
/// their timing-sensitive checks (Retry-After, child start-up) do not measure the other tests.
/// </summary>
[CollectionDefinition(nameof(HeavyCollection), DisableParallelization = true)]
public sealed class HeavyCollection;

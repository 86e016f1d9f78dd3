namespace TaskWatch.Tests.Reliability;

/// <summary>
/// The soak and crash tests each load both cores for a minute; they run alone, after the rest, so
/// their timing-sensitive checks (Retry-After, child start-up) do not measure the other tests.
/// The budget tests on a fake clock run here too: between two clock steps they wait (real time) for
/// the poller to settle, and with 600 other tests beside them that wait could run out on a 2-core
/// machine (one CI run saw a 21.8 s state where 20 s is the limit).
/// </summary>
[CollectionDefinition(nameof(HeavyCollection), DisableParallelization = true)]
public sealed class HeavyCollection;

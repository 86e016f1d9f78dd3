namespace TaskWatch.Tests.Operations;

/// <summary>
/// Tests that scrape <c>/metrics</c> run alone. OpenTelemetry's listener is process-wide: it hears every
/// meter named TaskWatch in the process, and when another in-process TaskWatch stops, its meter's
/// end also ends the shared stream of that name. In production one process is one TaskWatch.
/// </summary>
[CollectionDefinition(nameof(ProcessMetricsCollection), DisableParallelization = true)]
public sealed class ProcessMetricsCollection;

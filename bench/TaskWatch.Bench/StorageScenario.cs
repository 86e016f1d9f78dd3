namespace TaskWatch.Bench;
public sealed class StorageScenario(BenchSize size) { public Task<ScenarioReport> RunAsync() => Task.FromResult(new ScenarioReport("2. Storage " + size.StorageJobs)); }

namespace TaskWatch.Bench;
public sealed class FootprintScenario(BenchSize size) { public Task<ScenarioReport> RunAsync() => Task.FromResult(new ScenarioReport("4. Footprint " + size.TrackedJobs)); }

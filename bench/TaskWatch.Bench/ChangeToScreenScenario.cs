namespace TaskWatch.Bench;
public sealed class ChangeToScreenScenario(BenchSize size) { public Task<ScenarioReport> RunAsync() => Task.FromResult(new ScenarioReport("3. Change to screen " + size.TrackedJobs)); }

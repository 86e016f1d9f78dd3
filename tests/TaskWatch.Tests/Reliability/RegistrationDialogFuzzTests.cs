using TaskWatch.Components.Model;
using TaskWatch.Core;
using TaskWatch.Live;
using TaskWatch.Storage;
using TaskWatch.Tests.Support;
using TaskWatch.Tracking;

namespace TaskWatch.Tests.Reliability;

/// <summary>
/// The register dialog fed what the REST API gets in <see cref="MalformedRequestTests"/>: every
/// input is refused with a message naming the field and why, nothing throws, nothing is stored.
/// </summary>
public sealed class RegistrationDialogFuzzTests(ITestOutputHelper output)
{
    private static readonly string[] Fields = [JobRegistrationForm.ProjectField, JobRegistrationForm.IdsField];

    [Fact(Timeout = 120_000)]
    public async Task ThousandHostileInputs_EachRefusedNamingTheField_NothingThrows_NothingStored()
    {
        var ct = TestContext.Current.CancellationToken;
        var inputs = HostileDialogInputs.All().ToList();
        Assert.True(inputs.Count >= 1000, $"only {inputs.Count} inputs generated");
        await using var app = await TestApp.StartAsync(MalformedRequestTests.OneProjectNoDemo());
        var registrar = app.Service<JobRegistrar>();
        var calls = 0;

        var failures = new List<string>();
        foreach (var (project, text, field) in inputs)
        {
            var form = new JobRegistrationForm([HostileDialogInputs.Project], (items, token) =>
            {
                Interlocked.Increment(ref calls);
                return registrar.RegisterAsync(items, RegistrationSource.Ui, token);
            })
            { Project = project, Text = text };
            var described = $"project '{SnapshotAudit.Cut(project)}', text '{SnapshotAudit.Cut(text)}'";
            try
            {
                _ = form.Summary();
                await form.SubmitAsync(ct);
            }
            catch (Exception ex)
            {
                failures.Add($"{described}: threw {ex.GetType().Name}: {ex.Message}");
                continue;
            }

            if (!form.Problems.Any(p => p.Field == field))
            {
                failures.Add($"{described}: no problem named {field}; got [{string.Join(" | ", form.Problems)}]");
            }

            foreach (var problem in form.Problems)
            {
                if (!Fields.Contains(problem.Field) || string.IsNullOrWhiteSpace(problem.Message) || problem.Message.Length > 400
                    || !problem.ToString().StartsWith(problem.Field + ": ", StringComparison.Ordinal))
                {
                    failures.Add($"{described}: unclear problem '{SnapshotAudit.Cut(problem.ToString())}' ({problem.Message.Length} characters)");
                }
            }

            if (form.Results?.Any(r => r.Accepted) == true)
            {
                failures.Add($"{described}: something was accepted");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {inputs.Count} inputs were handled wrongly:\n" + string.Join('\n', failures.Take(30)));
        Assert.Equal(0, calls);
        Assert.Equal(0L, await MalformedRequestTests.CountRowsAsync(app.DatabasePath, "TrackedJobs"));
        Assert.Equal(0, app.Service<LiveJobStore>().Count);

        // The same form does register a real id: the refusals above are not a form that refuses everything.
        var good = new JobRegistrationForm([HostileDialogInputs.Project], (items, token) => registrar.RegisterAsync(items, RegistrationSource.Ui, token))
        {
            Project = HostileDialogInputs.Project,
            Text = $"{Guid.NewGuid()}\n' OR '1'='1",
        };
        await good.SubmitAsync(ct);
        Assert.Empty(good.Problems);
        // The hostile line splits into words ("OR", "1'='1"): each refused, only the id stored.
        Assert.Equal([true, false, false], good.Results!.Select(r => r.Accepted));
        Assert.Equal(1L, await MalformedRequestTests.CountRowsAsync(app.DatabasePath, "TrackedJobs"));
        output.WriteLine($"{inputs.Count} hostile dialog inputs, all refused naming the field; nothing stored.");
    }
}

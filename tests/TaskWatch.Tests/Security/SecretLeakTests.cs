using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using TaskWatch.Core;
using TaskWatch.Simulator;
using TaskWatch.Tests.Support;

namespace TaskWatch.Tests.Security;

/// <summary>
/// TaskWatch runs against the simulator with known secrets (a fixed token, an IAM password, an AK/SK
/// pair, a wrong password, an API key); then every log line, the database files, every API answer
/// and the dashboard's HTML are searched for them.
/// </summary>
public sealed partial class SecretLeakTests
{
    [Fact]
    public async Task KnownSecrets_AppearInNoLogLineDatabaseApiAnswerOrPage()
    {
        var ct = TestContext.Current.CancellationToken;
        var credentials = new SimulatorCredentials("leak-domain", "leak-user", "PASSWORD-sekrit-5f1c2a", "TOKEN-sekrit-9b7d3e4f", "AKSEKRIT7Q2W3E4R5T6Y", "SK-sekrit-0a9s8d7f6g5h4j3k2l1");
        const string wrongPassword = "WRONGPW-sekrit-77aa66";
        const string apiKey = "APIKEY-sekrit-3c4d5e6f";
        var simulator = new TaskCenterSimulator(TimeProvider.System, credentials, seed: 11);
        await using var sim = await SimulatorHost.StartAsync(simulator, cancellationToken: ct);
        var settings = new Dictionary<string, string?>
        {
            ["TaskWatch:Demo:Enabled"] = "false",
            ["Logging:LogLevel:Default"] = "Trace",
            ["TaskWatch:Accounts:tok:Auth"] = "Token",
            ["TaskWatch:Accounts:tok:Token"] = credentials.FixedToken,
            ["TaskWatch:Accounts:pw:Auth"] = "Password",
            ["TaskWatch:Accounts:pw:IamEndpoint"] = sim.IamEndpoint.AbsoluteUri,
            ["TaskWatch:Accounts:pw:Domain"] = credentials.Domain,
            ["TaskWatch:Accounts:pw:User"] = credentials.User,
            ["TaskWatch:Accounts:pw:Password"] = credentials.Password,
            ["TaskWatch:Accounts:aksk:Auth"] = "AkSk",
            ["TaskWatch:Accounts:aksk:AccessKey"] = credentials.AccessKey,
            ["TaskWatch:Accounts:aksk:SecretKey"] = credentials.SecretKey,
            ["TaskWatch:Accounts:bad:Auth"] = "Password",
            ["TaskWatch:Accounts:bad:IamEndpoint"] = sim.IamEndpoint.AbsoluteUri,
            ["TaskWatch:Accounts:bad:Domain"] = credentials.Domain,
            ["TaskWatch:Accounts:bad:User"] = credentials.User,
            ["TaskWatch:Accounts:bad:Password"] = wrongPassword,
            ["TaskWatch:Access:ApiKeys:ci"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(apiKey))),
            ["TaskWatch:Access:RequireKey"] = "true",
        };
        var projects = new List<(string Name, SimulatedProject Project)>();
        foreach (var (name, account, service) in new[] { ("p-tok", "tok", CloudService.Dds), ("p-pw", "pw", CloudService.Rds), ("p-aksk", "aksk", CloudService.Rds), ("p-bad", "bad", CloudService.Rds) })
        {
            var project = simulator.AddProject(service, "eu-de");
            projects.Add((name, project));
            settings[$"TaskWatch:Projects:{name}:Account"] = account;
            settings[$"TaskWatch:Projects:{name}:Service"] = service.ToString();
            settings[$"TaskWatch:Projects:{name}:ProjectId"] = project.ProjectId;
            settings[$"TaskWatch:Projects:{name}:Region"] = "eu-de";
            settings[$"TaskWatch:Projects:{name}:Endpoint"] = (service == CloudService.Rds ? sim.RdsEndpoint : sim.DdsEndpoint).AbsoluteUri;
            settings[$"TaskWatch:Projects:{name}:ListApi"] = "true";
        }

        var logs = new CapturingLoggerProvider();
        var answers = new StringBuilder();
        using var folder = new TempFolder();
        var databasePath = Path.Combine(folder.Path, "taskwatch.db");
        await using (var app = await TestApp.StartAsync(settings, databasePath, b => b.Logging.AddProvider(logs)))
        {
            app.Http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
            var registered = new List<(string Project, string JobId)>();
            foreach (var (name, project) in projects)
            {
                for (var i = 0; i < 3; i++)
                {
                    var job = simulator.StartJob(project, speed: 200, failShare: 0.5);
                    var response = await app.Http.PostAsJsonAsync("/api/jobs", new { project = name, jobId = job.Id }, ct);
                    answers.AppendLine(await response.Content.ReadAsStringAsync(ct));
                    Assert.True(response.IsSuccessStatusCode, $"registering {name}/{job.Id}: {(int)response.StatusCode}");
                    registered.Add((name, job.Id));
                }
            }

            // Wait until every job with working credentials is done, and the bad account has failed at least once.
            await TestApp.EventuallyAsync(async () =>
            {
                var list = await app.Http.GetFromJsonAsync<JsonElement>("/api/jobs?limit=100");
                var jobs = list.GetProperty("jobs").EnumerateArray().ToList();
                var goodDone = jobs.Where(j => j.GetProperty("project").GetString() != "p-bad").All(j => j.GetProperty("phase").GetString() == "Done");
                var badSeen = jobs.Where(j => j.GetProperty("project").GetString() == "p-bad").All(j => j.GetProperty("lastError").ValueKind == JsonValueKind.String);
                return goodDone && badSeen ? true : (bool?)null;
            }, TimeSpan.FromSeconds(90), "the jobs to finish and the bad account to fail");

            foreach (var path in new[] { "/", "/api/jobs?limit=100", "/healthz", "/openapi/v1.json", "/api/jobs?limit=zero", "/api/jobs/p-pw/nothing" })
            {
                answers.AppendLine(await app.Http.GetStringAsyncOrProblem(path, ct));
            }

            foreach (var (project, jobId) in registered)
            {
                answers.AppendLine(await app.Http.GetStringAsyncOrProblem($"/api/jobs/{project}/{jobId}", ct));
            }

            using var anonymous = new HttpClient { BaseAddress = app.BaseUri };
            answers.AppendLine(await (await anonymous.PostAsJsonAsync("/api/jobs", new { project = "p-pw", jobId = "abc" }, ct)).Content.ReadAsStringAsync(ct));
            using var wrongKey = new HttpRequestMessage(HttpMethod.Post, "/api/jobs") { Content = JsonContent.Create(new { project = "p-pw", jobId = "abc" }) };
            wrongKey.Headers.Add("X-Api-Key", apiKey + "x");
            answers.AppendLine(await (await anonymous.SendAsync(wrongKey, ct)).Content.ReadAsStringAsync(ct));
        }

        var secrets = new[] { credentials.Password, credentials.FixedToken, credentials.SecretKey, credentials.AccessKey, wrongPassword, apiKey };
        var logText = string.Join('\n', logs.Lines);
        Assert.True(logs.Lines.Count > 50, $"only {logs.Lines.Count} log lines were captured");
        var database = string.Concat(new[] { "", "-wal", "-shm" }.Select(s => databasePath + s).Where(File.Exists)
            .Select(f => { var bytes = File.ReadAllBytes(f); return Encoding.Latin1.GetString(bytes) + Encoding.Unicode.GetString(bytes); }));
        Assert.Contains("p-pw", database, StringComparison.Ordinal);
        foreach (var secret in secrets)
        {
            Assert.False(logText.Contains(secret, StringComparison.OrdinalIgnoreCase), $"a log line holds the secret {secret}: {logs.Lines.FirstOrDefault(l => l.Contains(secret, StringComparison.OrdinalIgnoreCase))}");
            Assert.False(database.Contains(secret, StringComparison.OrdinalIgnoreCase), $"the database holds the secret {secret}");
            Assert.False(answers.ToString().Contains(secret, StringComparison.OrdinalIgnoreCase), $"an answer holds the secret {secret}");
        }

        // Tokens the simulated IAM issued are secrets too.
        Assert.DoesNotMatch(IssuedToken(), logText);
        Assert.DoesNotMatch(IssuedToken(), database);
        Assert.DoesNotMatch(IssuedToken(), answers.ToString());
        TestContext.Current.TestOutputHelper?.WriteLine($"{logs.Lines.Count} log lines, {database.Length / 2} database bytes, {answers.Length} characters of answers searched for {secrets.Length} secrets.");
    }

    [GeneratedRegex("MII[0-9a-f]{64}")]
    private static partial Regex IssuedToken();
}

using System.Diagnostics;
using System.Text.Json.Nodes;
using TaskWatch.Core;
using TaskWatch.Tests.Support;

namespace TaskWatch.Tests.Api;

/// <summary>The OpenAPI document is the API's contract: complete, the same served as committed, and lint-clean.</summary>
public sealed class OpenApiDocumentTests
{
    private static readonly Dictionary<string, string?> Quiet = new() { ["TaskWatch:Demo:JobsPerMinute"] = "0.1" };

    [Fact]
    public async Task ServedDocument_IsTheOneWrittenAtBuildTime()
    {
        await using var app = await TestApp.StartAsync(Quiet);
        var served = JsonNode.Parse(await app.Http.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken));
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(RepoFolder.PathOf("docs", "openapi.json"), TestContext.Current.CancellationToken));
        Assert.True(JsonNode.DeepEquals(served, committed),
            "docs/openapi.json differs from the served /openapi/v1.json: build TaskWatch (dotnet build) to rewrite it, and commit it.");
    }

    [Fact]
    public async Task Document_GivesEachOperationItsSummaryTagProblemsAndKeyScheme()
    {
        var doc = await CommittedAsync();
        foreach (var (path, item) in doc["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var where = $"{method.ToUpperInvariant()} {path}";
                Assert.False(string.IsNullOrWhiteSpace((string?)operation!["summary"]), where + " has no summary");
                Assert.False(string.IsNullOrWhiteSpace((string?)operation["operationId"]), where + " has no operationId");
                Assert.NotEmpty(operation["tags"]!.AsArray());
                var responses = operation["responses"]!.AsObject();
                Assert.Contains(responses, r => r.Key.StartsWith('2'));
                Assert.True(responses.ContainsKey("429"), where + " does not say it can be rate limited");
                Assert.Equal("#/components/schemas/ProblemDetails", (string?)responses["401"]!["content"]!["application/problem+json"]!["schema"]!["$ref"]);
                var security = operation["security"]!.AsArray();
                Assert.Contains(security, s => s!.AsObject().ContainsKey("ApiKey"));
                // Reading is open unless anonymous reading is off, so the key is optional there ({}); changes always name it.
                Assert.Equal(method == "get", security.Any(s => s!.AsObject().Count == 0));
            }
        }

        Assert.Equal("X-Api-Key", (string?)doc["components"]!["securitySchemes"]!["ApiKey"]!["name"]);
    }

    [Fact]
    public async Task Document_DescribesBodiesFiltersAndAnswers_SoAClientCanBeGeneratedFromIt()
    {
        var doc = await CommittedAsync();
        var register = doc["paths"]!["/api/jobs"]!["post"]!;
        Assert.Equal("#/components/schemas/RegisterJobRequest", (string?)register["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]);
        Assert.NotNull(register["requestBody"]!["content"]!["application/json"]!["example"]);
        foreach (var status in new[] { "201", "200", "400", "404", "413", "415" })
        {
            Assert.True(register["responses"]!.AsObject().ContainsKey(status), "RegisterJob lacks " + status);
        }

        var request = doc["components"]!["schemas"]!["RegisterJobRequest"]!;
        Assert.Equal(["project", "jobId"], request["required"]!.AsArray().Select(n => (string?)n));

        var list = doc["paths"]!["/api/jobs"]!["get"]!;
        var parameters = list["parameters"]!.AsArray().ToDictionary(p => (string)p!["name"]!, p => p!);
        Assert.Equal(["project", "service", "status", "text", "createdFrom", "createdTo", "tracking", "offset", "limit"], parameters.Keys);
        Assert.Equal("#/components/schemas/CloudService", (string?)parameters["service"]["schema"]!["$ref"]);
        Assert.Equal<string?>(Enum.GetNames<CloudService>(), doc["components"]!["schemas"]!["CloudService"]!["enum"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(500, (int)parameters["limit"]["schema"]!["maximum"]!);
        Assert.Equal("#/components/schemas/JobListResponse", (string?)list["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]);
        Assert.Contains("field", doc["components"]!["schemas"]!["ProblemDetails"]!["properties"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task Redocly_LintsTheDocument_WithNoError()
    {
        var redocly = RepoFolder.PathOf("tests", "openapi", "node_modules", ".bin", "redocly");
        if (!File.Exists(redocly))
        {
            const string reason = "The pinned @redocly/cli is not installed: run npm ci in tests/openapi (Node 20).";
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
            {
                Assert.Fail(reason + " CI is set, so a missing linter is a failure.");
            }

            Assert.Skip(reason);
        }

        var start = new ProcessStartInfo(redocly)
        {
            WorkingDirectory = RepoFolder.PathOf("tests", "openapi"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("lint");
        start.ArgumentList.Add(RepoFolder.PathOf("docs", "openapi.json"));
        start.ArgumentList.Add("--format=stylish");
        // No telemetry, no update check: the tests only ever talk to this machine.
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var lint = Process.Start(start)!;
        var output = lint.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = lint.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            await lint.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            lint.Kill(entireProcessTree: true);
            throw;
        }

        Assert.True(lint.ExitCode == 0, $"redocly lint found errors:\n{await output}\n{await errors}");
    }

    private static async Task<JsonNode> CommittedAsync() =>
        JsonNode.Parse(await File.ReadAllTextAsync(RepoFolder.PathOf("docs", "openapi.json"), TestContext.Current.CancellationToken))!;
}

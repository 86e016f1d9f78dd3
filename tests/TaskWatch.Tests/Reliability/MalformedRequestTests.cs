using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using TaskWatch.Tests.Support;

namespace TaskWatch.Tests.Reliability;

/// <summary>Hostile input to the REST API: every answer a 4xx problem naming the issue, nothing stored.</summary>
public sealed class MalformedRequestTests
{
    /// <summary>One configured project, no demo traffic: the database stays empty unless the API stores something.</summary>
    public static Dictionary<string, string?> OneProjectNoDemo() => new()
    {
        ["TaskWatch:Demo:Enabled"] = "false",
        ["TaskWatch:Projects:demo-rds-eu-de:Account"] = "a",
        ["TaskWatch:Projects:demo-rds-eu-de:Service"] = "Rds",
        ["TaskWatch:Projects:demo-rds-eu-de:ProjectId"] = "p1",
        ["TaskWatch:Projects:demo-rds-eu-de:Endpoint"] = "http://127.0.0.1:9/rds",
        ["TaskWatch:Accounts:a:Token"] = "t",
        ["TaskWatch:Api:RequestsPerMinute"] = "1000000",
    };

    [Fact]
    public async Task ThousandMalformedRequests_AllGetA4xxProblemNamingIt_AndNothingIsStored()
    {
        var requests = MalformedRequests.All().ToList();
        Assert.True(requests.Count >= 1000, $"only {requests.Count} requests generated");
        await using var app = await TestApp.StartAsync(OneProjectNoDemo());

        var failures = new List<string>();
        foreach (var request in requests)
        {
            if (await CheckAsync(app, request) is { } failure)
            {
                failures.Add(failure);
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {requests.Count} answers were wrong:\n" + string.Join('\n', failures.Take(30)));

        var list = await app.Http.GetFromJsonAsync<JsonElement>("/api/jobs", TestContext.Current.CancellationToken);
        Assert.Equal(0, list.GetProperty("total").GetInt32());
        Assert.Equal(0L, await CountRowsAsync(app.DatabasePath, "TrackedJobs"));
        Assert.Equal(0L, await CountRowsAsync(app.DatabasePath, "JobSnapshots"));
        TestContext.Current.TestOutputHelper?.WriteLine($"{requests.Count} malformed requests, all refused with a problem answer.");
    }

    [Theory]
    [InlineData("'; DROP TABLE TrackedJobs; --")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("%' OR 1=1 --")]
    public async Task HostileSearchText_IsJustText_AndFindsNothing(string text)
    {
        await using var app = await TestApp.StartAsync(OneProjectNoDemo());
        var list = await app.Http.GetFromJsonAsync<JsonElement>($"/api/jobs?text={Uri.EscapeDataString(text)}", TestContext.Current.CancellationToken);
        Assert.Equal(0, list.GetProperty("total").GetInt32());
        Assert.Equal(0L, await CountRowsAsync(app.DatabasePath, "TrackedJobs"));
    }

    private static async Task<string?> CheckAsync(TestApp app, MalformedRequest request)
    {
        using var message = request.ToMessage();
        HttpResponseMessage response;
        try
        {
            response = await app.Http.SendAsync(message, TestContext.Current.CancellationToken);
        }
        catch (HttpRequestException ex)
        {
            return $"{request}: no answer ({ex.Message})";
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var type = response.Content.Headers.ContentType?.MediaType;
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            if (status is < 400 or >= 500)
            {
                return $"{request}: status {status} {Cut(body)}";
            }

            // Kestrel itself refuses a NUL in the path with a bare 400 before the app sees the request.
            if (type is null && status == 400 && request.Path.Contains("%00", StringComparison.Ordinal) && body.Length == 0)
            {
                return null;
            }

            if (type != "application/problem+json")
            {
                return $"{request}: {status} with content type '{type}' {Cut(body)}";
            }

            string text;
            try
            {
                using var doc = JsonDocument.Parse(body);
                if (!doc.RootElement.TryGetProperty("title", out var title) || string.IsNullOrWhiteSpace(title.GetString()))
                {
                    return $"{request}: problem without a title {Cut(body)}";
                }

                text = Strings(doc.RootElement);
            }
            catch (JsonException)
            {
                return $"{request}: problem body is not JSON {Cut(body)}";
            }

            if (request.Mention != "body" && !text.Contains(request.Mention, StringComparison.OrdinalIgnoreCase))
            {
                return $"{request}: {status} does not mention '{request.Mention}': {Cut(text)}";
            }

            return null;
        }
    }

    /// <summary>Every string and property name in the answer, decoded (the serializer escapes markup).</summary>
    private static string Strings(JsonElement element)
    {
        var sb = new StringBuilder();
        void Walk(JsonElement e)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var p in e.EnumerateObject())
                    {
                        sb.Append(p.Name).Append(' ');
                        Walk(p.Value);
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (var item in e.EnumerateArray())
                    {
                        Walk(item);
                    }

                    break;
                case JsonValueKind.String:
                    sb.Append(e.GetString()).Append(' ');
                    break;
            }
        }

        Walk(element);
        return sb.ToString();
    }

    private static string Cut(string text) => text.Length > 300 ? text[..300] + "…" : text;

    public static async Task<long> CountRowsAsync(string databasePath, string table)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

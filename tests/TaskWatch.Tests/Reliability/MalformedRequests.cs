using System.Text;

namespace TaskWatch.Tests.Reliability;

/// <summary>
/// Generates well over a thousand malformed requests to the REST API: wrong types, missing and
/// unknown fields, oversized bodies and batches, control characters, SQL and script fragments,
/// wrong content types and invalid UTF-8. None of them may be accepted.
/// </summary>
public static class MalformedRequests
{
    public const string Project = "demo-rds-eu-de";
    private const string Json = "application/json";

    /// <summary>JSON values that are not a string at all.</summary>
    private static readonly string[] WrongTypes = ["1", "-1", "1.5", "1e400", "true", "false", "[]", "[\"a\"]", "{}", "{\"a\":1}", "[[[]]]", "0"];

    /// <summary>Strings no job id can be: each must be refused before anything is stored.</summary>
    private static readonly string[] HostileTexts =
    [
        "", " ", "   ", "\t", "a\u0000b", "a\u0007b", "x\r\nSet-Cookie: a=b", "\u001b[31mred", "\u007f",
        "' OR '1'='1", "1; DROP TABLE TrackedJobs; --", "'); DELETE FROM JobSnapshots; --", "1 UNION SELECT sqlite_version()",
        "\" OR \"\"=\"", "%' --", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)",
        "\"><svg onload=alert(1)>", "{{7*7}}", "${jndi:ldap://127.0.0.1/a}", "../../etc/passwd", "..\\..\\windows",
        "http://169.254.169.254/latest", "file:///etc/shadow", "\u202eevil", "\ufeffbom", "a b", "a/b", "a?b", "a#b", "a%00b",
        "ä-ö-ü", "日本語", "🙂", new string('a', 65), new string('f', 10_000), "a.b", "a_b", "a,b", "a;b", "a*b",
    ];

    private static readonly string[] QueryParameters = ["service", "status", "createdFrom", "createdTo", "tracking", "offset", "limit"];

    public static IEnumerable<MalformedRequest> All()
    {
        var id = Guid.NewGuid().ToString("N");
        foreach (var r in SingleRegistrations(id))
        {
            yield return r;
        }

        foreach (var r in Batches(id))
        {
            yield return r;
        }

        foreach (var r in Queries())
        {
            yield return r;
        }

        foreach (var r in JobPaths())
        {
            yield return r;
        }
    }

    private static IEnumerable<MalformedRequest> SingleRegistrations(string id)
    {
        foreach (var value in WrongTypes.Append("null"))
        {
            yield return Post("/api/jobs", $$"""{"project":{{value}},"jobId":"{{id}}"}""", "project");
            yield return Post("/api/jobs", $$"""{"project":"{{Project}}","jobId":{{value}}}""", "jobId");
            yield return Post("/api/jobs/batch", $$"""{"jobs":[{"project":{{value}},"jobId":"{{id}}"}]}""", "project");
            yield return Post("/api/jobs/batch", $$"""{"jobs":[{"project":"{{Project}}","jobId":{{value}}}]}""", "jobId");
            yield return Post("/api/jobs/batch", $$"""{"jobs":{{value}}}""", "jobs");
            yield return Post("/api/jobs", value, "body");
            yield return Post("/api/jobs/batch", value, "body");
        }

        foreach (var text in HostileTexts)
        {
            var encoded = System.Text.Json.JsonSerializer.Serialize(text);
            yield return Post("/api/jobs", $$"""{"project":"{{Project}}","jobId":{{encoded}}}""", "jobId");
            yield return Post("/api/jobs", $$"""{"project":{{encoded}},"jobId":"{{id}}"}""", "project");
            yield return Post("/api/jobs/batch", $$"""{"jobs":[{"project":"{{Project}}","jobId":{{encoded}}}]}""", "jobId");
            yield return Post("/api/jobs/batch", $$"""{"jobs":[{"project":{{encoded}},"jobId":"{{id}}"}]}""", "project");
            // Unknown fields: even a valid job must not be stored when the body carries a field we do not know.
            yield return Post("/api/jobs", $$"""{"project":"{{Project}}","jobId":"{{id}}",{{encoded}}:1}""", "body");
            yield return Post("/api/jobs/batch", $$"""{"jobs":[{"project":"{{Project}}","jobId":"{{id}}"}],{{encoded}}:1}""", "body");
            // The same text as a query value and a path segment (Kestrel itself refuses request lines over 8 KB).
            if (text.Length is > 0 and < 200)
            {
                foreach (var parameter in QueryParameters)
                {
                    yield return Get($"/api/jobs?{parameter}={Uri.EscapeDataString(text)}z", parameter);
                }

                yield return Send(HttpMethod.Get, $"/api/jobs/{Uri.EscapeDataString(text)}/{id}", null, null, "project");
                yield return Send(HttpMethod.Get, $"/api/jobs/{Project}/{Uri.EscapeDataString(text)}", null, null, "jobId");
                yield return Send(HttpMethod.Delete, $"/api/jobs/{Uri.EscapeDataString(text)}/{id}", null, null, "project");
                yield return Send(HttpMethod.Delete, $"/api/jobs/{Project}/{Uri.EscapeDataString(text)}", null, null, "jobId");
            }
        }

        var valid = Encoding.UTF8.GetBytes($$"""{"project":"{{Project}}","jobId":"{{id}}"}""");
        var validBatch = Encoding.UTF8.GetBytes($$"""{"jobs":[{"project":"{{Project}}","jobId":"{{id}}"}]}""");
        foreach (var type in new[] { null, "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonx", "text/json-ish", "application/octet-stream", "image/png", "application/javascript" })
        {
            yield return Send(HttpMethod.Post, "/api/jobs", valid, type, "Content-Type");
            yield return Send(HttpMethod.Post, "/api/jobs/batch", validBatch, type, "Content-Type");
        }

        // Broken JSON and invalid UTF-8 (bytes that no encoder would produce).
        string[] broken =
        [
            "{", "}", "{\"project\":", $$"""{"project":"{{Project}}","jobId":"{{id}}" """, $$"""{"project":"{{Project}}","jobId":"{{id}}",}""",
            $$"""{"project":"{{Project}}",,"jobId":"{{id}}"}""", $$"""{'project':'{{Project}}','jobId':'{{id}}'}""", $$"""{project:"{{Project}}",jobId:"{{id}}"}""",
            $$"""{"project":"{{Project}}","jobId":"{{id}}"} {}""", $$"""/* c */{"project":"{{Project}}","jobId":"{{id}}"}""", $$"""{"project":"{{Project}}","jobId":"{{id}}"}garbage""",
            new string('[', 5000) + new string(']', 5000), new string('{', 3000), "\"just a string\"", "NaN", "undefined", "<xml/>", "project=a&jobId=b",
            $$"""{"project":"{{Project}}","jobId":"{{id}}\ud800"}""", $$"""{"project":"{{Project}}","jobId":"\x41"}""",
        ];
        foreach (var text in broken)
        {
            yield return Post("/api/jobs", text, "body");
            yield return Post("/api/jobs/batch", text, "body");
        }

        byte[][] invalidUtf8 = [[0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0x80], [0xE2, 0x82], [0xFE, 0xFF]];
        foreach (var bytes in invalidUtf8)
        {
            var inString = Concat($$"""{"project":"{{Project}}","jobId":"a""", bytes, "\"}");
            var inName = Concat("{\"pro", bytes, $$"""ject":"{{Project}}","jobId":"{{id}}"}""");
            var alone = Concat(string.Empty, bytes, string.Empty);
            foreach (var body in new[] { inString, inName, alone })
            {
                yield return Send(HttpMethod.Post, "/api/jobs", body, Json, "body");
                yield return Send(HttpMethod.Post, "/api/jobs/batch", Concat("{\"jobs\":[", body, "]}"), Json, "body");
            }

            yield return Get("/api/jobs?status=" + string.Concat(bytes.Select(b => $"%{b:X2}")), "status");
        }

        // Over a megabyte, announced and streamed (no Content-Length).
        var big = $$"""{"project":"{{Project}}","jobId":"{{new string('a', 1_100_000)}}"}""";
        yield return Post("/api/jobs", big, "bytes");
        yield return Post("/api/jobs/batch", $$"""{"jobs":[{"project":"{{Project}}","jobId":"{{new string('b', 1_100_000)}}"}]}""", "bytes");
        yield return new MalformedRequest("chunked 1 MB+", HttpMethod.Post, "/api/jobs", Encoding.UTF8.GetBytes(big), Json, "bytes", Chunked: true);
        yield return new MalformedRequest("chunked 1 MB+ batch", HttpMethod.Post, "/api/jobs/batch", Encoding.UTF8.GetBytes(big), Json, "bytes", Chunked: true);
        yield return Post("/api/jobs", "{\"project\":\"" + Project + "\",\"jobId\":\"" + id + "\",\"pad\":\"" + new string(' ', 2_000_000) + "\"}", "bytes");
        yield return Post("/api/jobs", string.Empty, "body");
        yield return Post("/api/jobs/batch", string.Empty, "body");
        yield return Post("/api/jobs", new string(' ', 1000), "body");
    }

    private static IEnumerable<MalformedRequest> Batches(string id)
    {
        // 10,000 valid-looking items: over the batch size, so none is kept.
        var many = string.Join(',', Enumerable.Range(0, 10_000).Select(i => $$"""{"project":"{{Project}}","jobId":"{{i:x32}}"}"""));
        yield return Post("/api/jobs/batch", $$"""{"jobs":[{{many}}]}""", "jobs");
        yield return Post("/api/jobs/batch", $$"""{"jobs":[{{string.Join(',', Enumerable.Repeat("{}", 1001))}}]}""", "jobs");
        yield return Post("/api/jobs/batch", """{"jobs":[]}""", "jobs");
        yield return Post("/api/jobs/batch", "{}", "jobs");
        yield return Post("/api/jobs/batch", """{"jobs":[null]}""", "jobs[0]");
        yield return Post("/api/jobs/batch", """{"jobs":[{}]}""", "jobs[0]");
        yield return Post("/api/jobs/batch", $$"""{"jobs":[{"project":"{{Project}}"}]}""", "jobs[0].jobId");
        yield return Post("/api/jobs/batch", $$"""{"jobs":[{"jobId":"{{id}}"}]}""", "jobs[0].project");
        yield return Post("/api/jobs/batch", $$"""{"jobs":[{"project":"{{Project}}","jobId":"{{id}}","x":1}]}""", "x");
        yield return Post("/api/jobs/batch", $$"""{"job":[{"project":"{{Project}}","jobId":"{{id}}"}]}""", "job");
        yield return Post("/api/jobs/batch", $$"""[{"project":"{{Project}}","jobId":"{{id}}"}]""", "body");
        yield return Post("/api/jobs", $$"""[{"project":"{{Project}}","jobId":"{{id}}"}]""", "body");
        yield return Post("/api/jobs", $$"""{"jobs":[{"project":"{{Project}}","jobId":"{{id}}"}]}""", "jobs");
        yield return Post("/api/jobs", $$"""{"Project ":"{{Project}}","jobId":"{{id}}"}""", "Project ");
        yield return Post("/api/jobs", $$"""{"project":"{{Project}}","job_id":"{{id}}"}""", "job_id");
        yield return Post("/api/jobs", $$"""{"project":"{{Project}}"}""", "jobId");
        yield return Post("/api/jobs", $$"""{"jobId":"{{id}}"}""", "project");
        yield return Post("/api/jobs", "{}", "project");
    }

    private static IEnumerable<MalformedRequest> Queries()
    {
        string[][] bad =
        [
            ["limit", "0"], ["limit", "-1"], ["limit", "1001"], ["limit", "99999999999"], ["limit", "1.5"], ["limit", "0x10"], ["limit", "1e3"], ["limit", "ten"],
            ["offset", "-1"], ["offset", "a"], ["offset", "99999999999"], ["offset", "1,5"], ["service", "Ecs"], ["service", "0"], ["service", "1"], ["service", "Rds,Dds"],
            ["status", "Done"], ["status", "0"], ["status", "Running,Failed"], ["status", "-1"], ["tracking", "yes"], ["tracking", "1"], ["tracking", "maybe"],
            ["createdFrom", "yesterday"], ["createdFrom", "2026-13-45"], ["createdTo", "1700000000"], ["createdTo", "2026-11-23T25:00:00Z"],
            ["createdFrom", "'; DROP TABLE TrackedJobs; --"], ["status", "<script>alert(1)</script>"], ["unknown", "1"], ["pageSize", "10"], ["sort", "name"],
            ["Project'", "x"], ["<b>", "x"], ["%00", "1"],
        ];
        foreach (var pair in bad)
        {
            yield return Get($"/api/jobs?{Uri.EscapeDataString(pair[0])}={Uri.EscapeDataString(pair[1])}", pair[0]);
            yield return Get($"/api/jobs?limit=10&{Uri.EscapeDataString(pair[0])}={Uri.EscapeDataString(pair[1])}", pair[0]);
        }

        // A parameter given twice is ambiguous.
        foreach (var parameter in QueryParameters.Concat(["project", "text"]))
        {
            yield return Get($"/api/jobs?{parameter}=a&{parameter}=b", parameter);
        }
    }

    private static IEnumerable<MalformedRequest> JobPaths()
    {
        foreach (var method in new[] { HttpMethod.Put, HttpMethod.Patch })
        {
            yield return Send(method, "/api/jobs", Encoding.UTF8.GetBytes("{}"), Json, "method");
            yield return Send(method, $"/api/jobs/{Project}/abc", Encoding.UTF8.GetBytes("{}"), Json, "method");
        }

        yield return Send(HttpMethod.Delete, "/api/jobs", null, null, "method");
        yield return Send(HttpMethod.Post, $"/api/jobs/{Project}/abc", Encoding.UTF8.GetBytes("{}"), Json, "method");
        yield return Get("/api/jobs/nowhere/abc", "project");
        yield return Get($"/api/jobs/{Project}/not-tracked", "jobId");
        yield return Get("/api/jobs/a/b/c", "Not Found");
        yield return Get("/api/jobz", "Not Found");
    }

    private static MalformedRequest Post(string path, string body, string mention) =>
        Send(HttpMethod.Post, path, Encoding.UTF8.GetBytes(body), Json, mention);

    private static MalformedRequest Get(string path, string mention) => Send(HttpMethod.Get, path, null, null, mention);

    private static MalformedRequest Send(HttpMethod method, string path, byte[]? body, string? contentType, string mention)
    {
        var sample = body is null ? string.Empty : Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 60));
        return new MalformedRequest($"{method} {(path.Length > 80 ? path[..80] : path)} [{contentType}] {sample}", method, path, body, contentType, mention);
    }

    private static byte[] Concat(string before, byte[] middle, string after) =>
        [.. Encoding.UTF8.GetBytes(before), .. middle, .. Encoding.UTF8.GetBytes(after)];
}

namespace TaskWatch.Api;

/// <summary>The examples the OpenAPI document shows, in the shapes the handlers really answer.</summary>
public static class ApiExamples
{
    public const string RegisterRequest = """{"project": "prod-rds", "jobId": "676e9f17f9b74289883a44a47b8101f5"}""";

    public const string Registered = """{"project": "prod-rds", "jobId": "676e9f17f9b74289883a44a47b8101f5", "outcome": "Registered", "accepted": true, "problem": null}""";

    public const string BatchRequest = """{"jobs": [{"project": "prod-rds", "jobId": "676e9f17f9b74289883a44a47b8101f5"}, {"project": "prod-dds", "jobId": "5c1e3a7e-0d6b-4a59-9f0e-2f4d7a1b9c01"}]}""";

    public const string UnknownProject = """{"type": "https://tools.ietf.org/html/rfc9110#section-15.5.5", "title": "Unknown project", "status": 404, "detail": "No project 'prod-rsd' is configured.", "field": "project", "value": "prod-rsd"}""";

    public const string InvalidQuery = """{"type": "https://tools.ietf.org/html/rfc9110#section-15.5.1", "title": "Invalid query", "status": 400, "detail": "'status' is 'Done': use one of Unknown, Running, Completed, Failed."}""";

    public const string Job = """
        {"project": "prod-rds", "jobId": "676e9f17f9b74289883a44a47b8101f5", "service": "Rds", "region": null, "name": "CreateMysqlInstance",
         "status": "Completed", "progress": 100, "created": "2026-11-23T10:00:00Z", "ended": "2026-11-23T10:09:12Z",
         "instanceId": "dsfae23fsfdsae3435in01", "instanceName": "orders-db", "failReason": null, "phase": "Done", "tracking": true,
         "stale": false, "registered": "2026-11-23T10:00:05Z", "lastRead": "2026-11-23T10:09:20Z", "nextRead": null, "lastError": null,
         "errorSince": null, "eta": null, "usualSeconds": null, "usualP90Seconds": null, "overdue": false, "overdueReason": null}
        """;

    public const string Detail = """{"job": """ + Job + """
        , "entities": null, "raw": null, "snapshots": [
          {"observed": "2026-11-23T10:00:06Z", "status": "Running", "progress": 10, "name": "CreateMysqlInstance", "ended": null, "failReason": null, "entities": null},
          {"observed": "2026-11-23T10:09:20Z", "status": "Completed", "progress": 100, "name": "CreateMysqlInstance", "ended": "2026-11-23T10:09:12Z", "failReason": null, "entities": null}]}
        """;
}

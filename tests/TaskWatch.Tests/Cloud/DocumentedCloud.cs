using Microsoft.AspNetCore.Http;
using TaskWatch.Cloud;
using TaskWatch.Core;

namespace TaskWatch.Tests.Cloud;

/// <summary>
/// One service's real dialect, with its real handler chain, against a loopback server that answers
/// with the bodies a test gives (the documents' own examples, byte for byte, from ApiExamples/).
/// </summary>
internal sealed class DocumentedCloud : IAsyncDisposable
{
    public const string ProjectId = "054e292c9880d4992f02c0196d3ea468";

    private readonly ScriptedCloud _cloud;
    private readonly CloudClientsUnderTest _clients;

    private DocumentedCloud(ScriptedCloud cloud, CloudClientsUnderTest clients, CloudService service)
    {
        _cloud = cloud;
        _clients = clients;
        Dialect = clients.Dialect(service);
        Project = clients.Project();
    }

    public TaskCenterClient Dialect { get; }

    public CloudProject Project { get; }

    /// <summary>Path and query of every request, in arrival order.</summary>
    public IReadOnlyList<string> Requests => [.. _cloud.Requests];

    public static string Example(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ApiExamples", name + ".json"));

    public static async Task<DocumentedCloud> StartAsync(CloudService service, Func<HttpContext, Task> respond, bool listApi = true)
    {
        var cloud = await ScriptedCloud.StartAsync(respond);
        var options = CloudClientsUnderTest.TokenOptions(cloud.BaseUri, service, ProjectId);
        options.Projects[CloudClientsUnderTest.ProjectName].ListApi = listApi;
        return new DocumentedCloud(cloud, new CloudClientsUnderTest(options, TimeProvider.System), service);
    }

    /// <summary>Answers every request with one body.</summary>
    public static Task<DocumentedCloud> StartAsync(CloudService service, int status, string body) =>
        StartAsync(service, ctx => ScriptedCloud.Answer(ctx, status, body));

    public async ValueTask DisposeAsync()
    {
        _clients.Dispose();
        await _cloud.DisposeAsync();
    }
}

using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using TaskWatch.Cloud.Auth;
using TaskWatch.Simulator;

namespace TaskWatch.Tests.Cloud;

/// <summary>The simulator's gateway check accepts what the official SDK signs (the vectors of make-vectors.js), and only that.</summary>
public sealed class SimulatorSignatureCheckTests
{
    private const string AccessKey = "AKEXAMPLE0123456789";

    [Fact]
    public void Check_AcceptsEverySdkSignedRequest()
    {
        var file = SdkVectorFile.Load();
        var sim = Simulator(file);

        var refused = file.Vectors.Where(v => SimulatorSignatureCheck.Check(Request(v, v.Signature), sim) is not null).Select(v => $"{v.Name}: {v.Query}").ToList();

        Assert.Empty(refused);
    }

    [Fact]
    public void Check_RefusesAnSdkSignatureOnAnotherQuery()
    {
        var file = SdkVectorFile.Load();
        var sim = Simulator(file);
        var vector = file.Vectors.Single(v => v.Name == "decoded key order");

        var changed = vector with { Query = vector.Query.Replace("a0=2", "a0=3", StringComparison.Ordinal) };

        Assert.Equal("APIGW.0303", SimulatorSignatureCheck.Check(Request(changed, vector.Signature), sim));
    }

    private static TaskCenterSimulator Simulator(SdkVectorFile file)
    {
        var at = DateTimeOffset.ParseExact(file.SdkDate, AkSkSigner.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        return new TaskCenterSimulator(new FakeTimeProvider(at), new SimulatorCredentials("d", "u", "p", "t", AccessKey, file.SecretKey));
    }

    private static HttpRequest Request(SdkVector vector, string signature)
    {
        var context = new DefaultHttpContext();
        var request = context.Request;
        request.Method = vector.Method;
        request.Path = vector.Path;
        request.QueryString = new QueryString("?" + vector.Query);
        foreach (var (name, value) in vector.Headers)
        {
            request.Headers[name] = value;
        }

        request.Host = new HostString(vector.Headers["host"]);
        request.Headers.Authorization = $"{AkSkSigner.Algorithm} Access={AccessKey}, SignedHeaders={vector.SignedHeaders}, Signature={signature}";
        return request;
    }
}

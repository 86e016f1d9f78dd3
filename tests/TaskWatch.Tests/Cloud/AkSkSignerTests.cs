using System.Text;
using TaskWatch.Cloud.Auth;

namespace TaskWatch.Tests.Cloud;

/// <summary>
/// The two SDK-HMAC-SHA256 test vectors from FACTS.md, and vectors signed by the official SDK's
/// signer (<c>tests/aksk-vectors/make-vectors.js</c>, <c>@huaweicloud/huaweicloud-sdk-core</c> 3.1.211).
/// </summary>
public sealed class AkSkSignerTests
{
    [Fact]
    public void SigningGuideVector_GivesTheDocumentedHashAndSignature()
    {
        var headers = new Dictionary<string, string>
        {
            ["Content-Type"] = "application/json",
            ["Host"] = "service.region.example.com",
            ["X-Sdk-Date"] = "20191115T033655Z",
        };
        const string path = "/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs";
        const string query = "limit=2&marker=13551d6b-755d-4757-b956-536f674975c0";
        var canonical = AkSkSigner.CanonicalRequest("GET", path, query, headers, [], out var signedHeaders);
        Assert.Equal("b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(canonical))));
        Assert.Equal("content-type;host;x-sdk-date", signedHeaders);

        var (_, signature) = AkSkSigner.Sign("GET", path, query, headers, [], "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc", "20191115T033655Z");
        Assert.Equal("7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe", signature);
    }

    [Fact]
    public void GoSdkVector_GivesTheDocumentedSignature()
    {
        var headers = new Dictionary<string, string> { ["X-Sdk-Date"] = "20060102T150405Z" };
        var (signed, signature) = AkSkSigner.Sign("GET", "/path", "limit=1", headers, [], "SecretKey", "20060102T150405Z");
        Assert.Equal("x-sdk-date", signed);
        Assert.Equal("5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624", signature);
    }

    [Fact(Timeout = 120_000)]
    public async Task SignAsync_SetsHeaders_AndNeverPutsTheSecretKeyInThem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://rds.eu-de.otc.t-systems.com/v3/0483b6b16e954cb88930a360d2c4e663/jobs?id=a9767ede-fe0f-4888-9003-e843a4c90514");
        await AkSkSigner.SignAsync(request, "AKEXAMPLE", "SK-VERY-SECRET", "0483b6b16e954cb88930a360d2c4e663", new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero), CancellationToken.None);
        var authorization = request.Headers.GetValues("Authorization").Single();
        Assert.StartsWith("SDK-HMAC-SHA256 Access=AKEXAMPLE, SignedHeaders=host;x-project-id;x-sdk-date, Signature=", authorization, StringComparison.Ordinal);
        Assert.Equal("20261123T100000Z", request.Headers.GetValues("X-Sdk-Date").Single());
        Assert.DoesNotContain("SK-VERY-SECRET", request.Headers.ToString(), StringComparison.Ordinal);
    }

    public static TheoryData<string> SdkVectorNames() => [.. SdkVectorFile.Load().Vectors.Select(v => v.Name)];

    [Theory]
    [MemberData(nameof(SdkVectorNames))]
    public void SdkVector_GivesTheSdksCanonicalQueryAndSignature(string name)
    {
        var file = SdkVectorFile.Load();
        var vector = file.Vectors.Single(v => v.Name == name);

        var canonical = AkSkSigner.CanonicalRequest(vector.Method, vector.Path, vector.Query, vector.Headers, [], out var signedHeaders);
        var (_, signature) = AkSkSigner.Sign(vector.Method, vector.Path, vector.Query, vector.Headers, [], file.SecretKey, file.SdkDate);

        Assert.Equal(vector.CanonicalQuery, canonical.Split('\n')[2]);
        Assert.Equal(vector.SignedHeaders, signedHeaders);
        Assert.Equal(vector.Signature, signature);
    }

    [Fact(Timeout = 120_000)]
    public async Task SignAsync_OnTheSdkVectorsRequests_GivesTheSdksSignature()
    {
        var file = SdkVectorFile.Load();
        var mismatches = new List<string>();
        foreach (var vector in file.Vectors.Where(v => v.Headers.ContainsKey("x-project-id")))
        {
            var uri = new Uri($"https://{vector.Headers["host"]}{vector.Path}?{vector.Query}");
            using var request = new HttpRequestMessage(new HttpMethod(vector.Method), uri);
            var at = DateTimeOffset.ParseExact(file.SdkDate, AkSkSigner.DateFormat, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);
            await AkSkSigner.SignAsync(request, "AKEXAMPLE0123456789", file.SecretKey, vector.Headers["x-project-id"], at, TestContext.Current.CancellationToken);
            var authorization = request.Headers.GetValues("Authorization").Single();
            if (!authorization.EndsWith($"Signature={vector.Signature}", StringComparison.Ordinal))
            {
                mismatches.Add($"{vector.Name}: {uri.Query}");
            }
        }

        Assert.Empty(mismatches);
    }
}

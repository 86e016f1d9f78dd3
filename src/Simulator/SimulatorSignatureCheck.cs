using System.Globalization;
using TaskWatch.Cloud.Auth;

namespace TaskWatch.Simulator;

/// <summary>Verifies an SDK-HMAC-SHA256 signature the way the API gateway does (signature and clock skew).</summary>
internal static class SimulatorSignatureCheck
{
    public static string? Check(HttpRequest request, TaskCenterSimulator sim)
    {
        var header = request.Headers.Authorization.ToString();
        var parts = header[AkSkSigner.Algorithm.Length..].Split(',', StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        if (!parts.TryGetValue("Access", out var ak) || !parts.TryGetValue("SignedHeaders", out var signed) || !parts.TryGetValue("Signature", out var signature)
            || ak != sim.Credentials.AccessKey)
        {
            return "APIGW.0303";
        }

        var date = request.Headers[AkSkSigner.DateHeader].ToString();
        if (!DateTime.TryParseExact(date, AkSkSigner.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
            || (sim.UtcNow - at).Duration() > TimeSpan.FromMinutes(15))
        {
            return "APIGW.0303";
        }

        var headers = signed.Split(';').ToDictionary(h => h, h => h == "host" ? request.Host.Value ?? string.Empty : request.Headers[h].ToString(), StringComparer.Ordinal);
        var (_, expected) = AkSkSigner.Sign(request.Method, request.Path.Value ?? "/", request.QueryString.Value?.TrimStart('?') ?? string.Empty, headers, [], sim.Credentials.SecretKey, date);
        return string.Equals(expected, signature, StringComparison.Ordinal) ? null : "APIGW.0303";
    }
}

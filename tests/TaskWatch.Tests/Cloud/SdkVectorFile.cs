using System.Text.Json;

namespace TaskWatch.Tests.Cloud;

/// <summary>The file make-vectors.js writes: one secret and date, many signed requests.</summary>
public sealed record SdkVectorFile(string Sdk, string SecretKey, string SdkDate, List<SdkVector> Vectors)
{
    public static SdkVectorFile Load() =>
        JsonSerializer.Deserialize<SdkVectorFile>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Cloud", "AkSkVectors", "sdk-vectors.json")), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
}

namespace TaskWatch.Tests.Cloud;

/// <summary>One request as the SDK signed it; <see cref="Query"/> is its wire form (escaped).</summary>
public sealed record SdkVector(string Name, string Method, string Path, string Query, Dictionary<string, string> Headers, string CanonicalQuery, string SignedHeaders, string Signature);

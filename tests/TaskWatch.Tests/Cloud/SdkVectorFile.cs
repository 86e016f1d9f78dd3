namespace TaskWatch.Tests.Cloud;

/// <summary>The file make-vectors.js writes: one secret and date, many signed requests.</summary>
public sealed record SdkVectorFile(string Sdk, string SecretKey, string SdkDate, List<SdkVector> Vectors);

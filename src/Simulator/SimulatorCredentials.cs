using System.Security.Cryptography;

namespace TaskWatch.Simulator;

/// <summary>What the simulated cloud accepts. Made fresh per run: demo secrets are never constants.</summary>
public sealed record SimulatorCredentials(string Domain, string User, string Password, string FixedToken, string AccessKey, string SecretKey)
{
    public static SimulatorCredentials CreateRandom() => new(
        "demo-domain",
        "demo-user",
        Secret(24),
        Secret(48),
        Secret(20).ToUpperInvariant(),
        Secret(40));

    private static string Secret(int length) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(length))[..length];
}

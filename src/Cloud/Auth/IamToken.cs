namespace TaskWatch.Cloud.Auth;

/// <summary>An IAM token and when it expires. <see cref="ToString"/> never shows the value.</summary>
public sealed record IamToken(string Value, DateTimeOffset ExpiresAt)
{
    public override string ToString() => $"IAM token expiring {ExpiresAt:O}";
}

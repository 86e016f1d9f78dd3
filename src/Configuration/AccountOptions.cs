namespace TaskWatch.Configuration;

/// <summary>One cloud user; it serves one or more projects and owns their shared call budget.</summary>
public sealed class AccountOptions
{
    /// <summary><c>Token</c>, <c>Password</c> or <c>AkSk</c>; text so a typo is reported by the validator.</summary>
    public string Auth { get; set; } = nameof(AuthMode.Token);

    /// <summary>The parsed <see cref="Auth"/>, or null when it is not a known mode.</summary>
    public AuthMode? AuthKind => Enum.TryParse<AuthMode>(Auth, ignoreCase: true, out var m) && Enum.IsDefined(m) ? m : null;

    /// <summary>IAM base URL, for <see cref="AuthMode.Password"/>.</summary>
    public string? IamEndpoint { get; set; }

    /// <summary>The account (domain) name, for <see cref="AuthMode.Password"/>.</summary>
    public string? Domain { get; set; }

    public string? User { get; set; }

    public string? Password { get; set; }

    public string? Token { get; set; }

    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    /// <summary>Huawei Cloud documents 60 calls per minute per user for RDS.</summary>
    public int CallsPerMinute { get; set; } = 60;

    /// <summary>Allows plain http for this account's IAM endpoint and its projects' endpoints outside loopback (https is required otherwise).</summary>
    public bool AllowHttp { get; set; }
}

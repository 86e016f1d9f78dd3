namespace TaskWatch.Storage;

/// <summary>The kinds of <see cref="AuditEntry"/>.</summary>
public static class AuditActions
{
    public const string Register = "register";
    public const string Stop = "stop";
    public const string SignIn = "sign-in";
    public const string SignOut = "sign-out";
    public const string SignInFailed = "sign-in-failed";
    public const string KeyRefused = "key-refused";
    public const string Acknowledge = "acknowledge";
    public const string Unacknowledge = "unacknowledge";

    public static readonly IReadOnlyList<string> All = [Register, Stop, SignIn, SignOut, SignInFailed, KeyRefused, Acknowledge, Unacknowledge];
}

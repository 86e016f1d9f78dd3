namespace TaskWatch.Security;

/// <summary>
/// What the sign-in page may say went wrong, by code (<c>/signin?problem=…</c>): the page shows only these fixed
/// sentences, so a link cannot make it show text of someone else's choosing.
/// </summary>
public static class SignInProblems
{
    public const string Failed = "sso-failed";
    public const string NoRole = "sso-no-role";
    public const string Down = "sso-down";

    public static string? Text(string? code) => code switch
    {
        Failed => "Single sign-on did not complete. Try again, or sign in with a key.",
        NoRole => "Your account has no role in TaskWatch. Ask for one, or sign in with a key.",
        Down => "The identity provider does not answer. Try again later, or sign in with a key.",
        _ => null,
    };
}

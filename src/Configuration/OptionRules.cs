using Microsoft.Extensions.Options;

namespace TaskWatch.Configuration;

/// <summary>The checks every feature's options validator shares, so each problem reads the same way: key, value, why.</summary>
public static class OptionRules
{
    /// <summary>The framework's answer for one validator: every problem its check found, or success.</summary>
    public static ValidateOptionsResult Result(Action<List<string>> check)
    {
        var errors = new List<string>();
        check(errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static void RequirePositive(TimeSpan value, string key, List<string> errors)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{key} is '{value}': it must be longer than zero.");
        }
    }

    public static void RequireUrl(string? value, string key, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{key} is missing: give an absolute http(s) URL.");
        }
        else if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || !string.IsNullOrEmpty(uri.Query))
        {
            errors.Add($"{key} is '{value}': not an absolute http(s) URL without a query string.");
        }
    }

    /// <summary>A loopback host (localhost, 127.0.0.0/8, ::1): plain http there never leaves the machine.</summary>
    public static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (System.Net.IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && System.Net.IPAddress.IsLoopback(ip));

    /// <summary>
    /// Outbound URLs carry credentials (tokens, passwords, signed requests, a webhook's secret path): https, except on
    /// loopback or where <paramref name="allowKey"/> says otherwise. <paramref name="shown"/> is the value as the error may echo it.
    /// </summary>
    public static void RequireHttps(string? value, string key, string allowKey, bool allowed, string shown, List<string> errors)
    {
        if (!allowed && Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri))
        {
            errors.Add($"{key} is {shown}: plain http outside loopback would carry credentials unencrypted. Use https, or set {allowKey}=true to allow http for it.");
        }
    }

    public static void RequireText(string? value, string key, string what, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{key} is missing: give {what}.");
        }
    }

    // A secret's value is never echoed, not even in an error.
    public static void RequireSecret(string? value, string key, string because, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{key} is missing ({because}): set it in configuration or in the environment variable {key.Replace(":", "__", StringComparison.Ordinal)}.");
        }
    }
}

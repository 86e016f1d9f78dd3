using Microsoft.Extensions.Options;
using TaskWatch.Configuration;
using TaskWatch.Core;

namespace TaskWatch.Alerts;

/// <summary>
/// The alert settings (<c>TaskWatch:Alerts</c>), checked beside the feature that reads them; the framework
/// gathers its problems with every other validator's, one line each at start-up.
/// </summary>
public sealed class AlertOptionsValidator(IOptions<TaskWatchOptions> shared) : IValidateOptions<AlertOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertOptions options) => OptionRules.Result(errors => Collect(options, shared.Value, errors));

    /// <summary>A rule may name projects, so the shared settings (projects, demo) are read beside the alerts' own.</summary>
    public static void Collect(AlertOptions a, TaskWatchOptions options, List<string> errors)
    {
        var key = AlertOptions.SectionName;
        if (a.PublicBaseUrl is not null)
        {
            OptionRules.RequireUrl(a.PublicBaseUrl, $"{key}:PublicBaseUrl", errors);
        }
        else if (a.Rules.Count > 0)
        {
            errors.Add($"{key}:PublicBaseUrl is missing: alerts link to the job's page, so give the address people open TaskWatch at (e.g. https://taskwatch.example.com/).");
        }

        if (a.Retries is < 0 or > 10)
        {
            errors.Add($"{key}:Retries is '{a.Retries}': use a number from 0 to 10.");
        }

        OptionRules.RequirePositive(a.RetryDelay, $"{key}:RetryDelay", errors);
        OptionRules.RequirePositive(a.AttemptTimeout, $"{key}:AttemptTimeout", errors);
        foreach (var (name, channel) in a.Channels)
        {
            var channelKey = $"{key}:Channels:{name}";
            if (!Enum.TryParse<AlertChannelKind>(channel.Kind, ignoreCase: true, out _) || int.TryParse(channel.Kind, out _))
            {
                errors.Add($"{channelKey}:Kind is '{channel.Kind}': use one of {string.Join(", ", Enum.GetNames<AlertChannelKind>())}.");
            }

            if (channel.ResolveAfter <= TimeSpan.Zero || channel.ResolveAfter > TimeSpan.FromDays(30))
            {
                errors.Add($"{channelKey}:ResolveAfter is '{channel.ResolveAfter}': use a time from 00:00:01 to 30.00:00:00.");
            }

            // The URL carries the receiver's secret: only its scheme and host are ever echoed.
            if (string.IsNullOrWhiteSpace(channel.Url))
            {
                errors.Add($"{channelKey}:Url is missing: give the receiver's absolute http(s) URL (or set the environment variable {channelKey.Replace(":", "__", StringComparison.Ordinal)}__Url).");
            }
            else if (!Uri.TryCreate(channel.Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                errors.Add($"{channelKey}:Url is not an absolute http(s) URL (value not shown: it may hold a secret).");
            }
            else
            {
                OptionRules.RequireHttps(channel.Url, $"{channelKey}:Url", $"{channelKey}:AllowHttp", channel.AllowHttp, "http (value not shown: it may hold a secret)", errors);
            }
        }

        foreach (var (name, rule) in a.Rules)
        {
            var ruleKey = $"{key}:Rules:{name}";
            if (rule.On.Count == 0)
            {
                errors.Add($"{ruleKey}:On is empty: list the events, from {string.Join(", ", Enum.GetNames<AlertEvent>())}.");
            }

            for (var i = 0; i < rule.On.Count; i++)
            {
                if (!Enum.TryParse<AlertEvent>(rule.On[i], ignoreCase: true, out _) || int.TryParse(rule.On[i], out _))
                {
                    errors.Add($"{ruleKey}:On:{i} is '{rule.On[i]}': use one of {string.Join(", ", Enum.GetNames<AlertEvent>())}.");
                }
            }

            for (var i = 0; i < rule.Services.Count; i++)
            {
                if (!Enum.TryParse<CloudService>(rule.Services[i], ignoreCase: true, out _) || int.TryParse(rule.Services[i], out _))
                {
                    errors.Add($"{ruleKey}:Services:{i} is '{rule.Services[i]}': use one of {string.Join(", ", Enum.GetNames<CloudService>())}.");
                }
            }

            for (var i = 0; i < rule.Projects.Count; i++)
            {
                if (!options.Projects.ContainsKey(rule.Projects[i]) && !options.Demo.Enabled)
                {
                    errors.Add($"{ruleKey}:Projects:{i} is '{rule.Projects[i]}': no such project under {TaskWatchOptions.SectionName}:Projects.");
                }
            }

            if (rule.Channels.Count == 0)
            {
                errors.Add($"{ruleKey}:Channels is empty: name at least one channel under {key}:Channels.");
            }

            for (var i = 0; i < rule.Channels.Count; i++)
            {
                if (!a.Channels.ContainsKey(rule.Channels[i]))
                {
                    var known = a.Channels.Count == 0 ? "none is configured" : "known: " + string.Join(", ", a.Channels.Keys);
                    errors.Add($"{ruleKey}:Channels:{i} is '{rule.Channels[i]}': no such channel under {key}:Channels ({known}).");
                }
            }
        }
    }
}

using Microsoft.Extensions.Options;
using TaskWatch.Configuration;

namespace TaskWatch.Cloud.Auth;

/// <summary>One authenticator per configured account, built once from validated options.</summary>
public sealed class CloudAuthenticators
{
    private readonly Dictionary<string, ICloudAuthenticator> _byAccount = new(StringComparer.OrdinalIgnoreCase);

    public CloudAuthenticators(IOptions<TaskWatchOptions> options, IamTokenCache cache, IamTokenClient iam, TimeProvider time)
    {
        foreach (var (name, a) in options.Value.Accounts)
        {
            ICloudAuthenticator? authenticator = a.AuthKind switch
            {
                AuthMode.Token when a.Token is not null => new FixedTokenAuthenticator(a.Token),
                AuthMode.Password when a.IamEndpoint is not null && a.Domain is not null && a.User is not null && a.Password is not null =>
                    new IamPasswordAuthenticator(name, new Uri(a.IamEndpoint), a.Domain, a.User, a.Password, cache, iam),
                AuthMode.AkSk when a.AccessKey is not null && a.SecretKey is not null => new AkSkAuthenticator(a.AccessKey, a.SecretKey, time),
                _ => null, // refused by the validator before start-up
            };
            if (authenticator is not null)
            {
                _byAccount[name] = authenticator;
            }
        }
    }

    public ICloudAuthenticator For(string account) =>
        _byAccount.TryGetValue(account, out var a) ? a : throw new CloudAuthException($"No usable credentials for account '{account}'.");
}

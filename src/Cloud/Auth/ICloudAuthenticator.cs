namespace TaskWatch.Cloud.Auth;

/// <summary>Makes a request acceptable to the cloud for one account.</summary>
public interface ICloudAuthenticator
{
    Task ApplyAsync(HttpRequestMessage request, CloudProject project, CancellationToken cancellationToken);

    /// <summary>The cloud refused the credentials on <paramref name="rejected"/>: renew them if that can help.</summary>
    /// <returns>Whether repeating the request is worth it.</returns>
    Task<bool> RenewAfterRejectionAsync(HttpRequestMessage rejected, CloudProject project, CancellationToken cancellationToken);
}

namespace TaskWatch.Configuration;

public enum AuthMode
{
    /// <summary>A fixed X-Auth-Token from configuration.</summary>
    Token,

    /// <summary>An IAM token obtained with user name and password, cached and renewed.</summary>
    Password,

    /// <summary>Requests signed with SDK-HMAC-SHA256 from an access key and secret key.</summary>
    AkSk,
}

namespace TaskWatch.Cloud.Auth;

public static class CloudHeaders
{
    public const string AuthToken = "X-Auth-Token";
    public const string SubjectToken = "X-Subject-Token";
}

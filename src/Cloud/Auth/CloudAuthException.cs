namespace TaskWatch.Cloud.Auth;

/// <summary>Credentials could not be turned into an authorised request. The message never holds a secret.</summary>
public sealed class CloudAuthException(string message) : Exception(message);

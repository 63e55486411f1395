namespace MlConnector.Core.Auth;

/// <summary>An access token held in memory with its expiry (UTC). A class, so no generated <c>ToString</c> prints it.</summary>
internal sealed class CachedAccessToken(string value, DateTimeOffset expiresAt)
{
    public string Value => value;

    public DateTimeOffset ExpiresAt => expiresAt;
}

namespace MlConnector.Core.Auth;

/// <summary>
/// A client_credentials token as kept in the secret store when <see cref="OAuthProviderOptions.ShareClientCredentialsTokens"/>
/// is on: the whole value is the secret. A class, so no generated <c>ToString</c> prints the token.
/// </summary>
internal sealed class OAuthSharedToken
{
    [JsonPropertyName("access_token")]
    public string? AccessToken { get; set; }

    /// <summary>When the token expires, UTC.</summary>
    [JsonPropertyName("expires_at")]
    public DateTimeOffset ExpiresAt { get; set; }
}

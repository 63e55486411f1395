namespace MlConnector.Core.Auth;

/// <summary>One connection's token expiries at one provider, for operators. No token values.</summary>
/// <param name="ConnectionId">The connection.</param>
/// <param name="Provider">The provider name.</param>
/// <param name="Status">The summary.</param>
public sealed record OAuthTokenHealth(string ConnectionId, string Provider, OAuthTokenStatus Status)
{
    /// <summary>When the stored access token expires, UTC.</summary>
    public DateTimeOffset? AccessTokenExpiresAt { get; init; }

    /// <summary>When the refresh token expires (rolling), UTC; null when the provider sets no lifetime.</summary>
    public DateTimeOffset? RefreshTokenExpiresAt { get; init; }

    /// <summary>The refresh token's hard limit (QBO), UTC.</summary>
    public DateTimeOffset? RefreshTokenHardExpiresAt { get; init; }

    /// <summary>When tokens were last obtained, UTC.</summary>
    public DateTimeOffset? LastRefreshedAt { get; init; }

    /// <summary>When the merchant last consented (authorization code exchanged), UTC; null when not recorded.</summary>
    public DateTimeOffset? ConsentedAt { get; init; }

    /// <summary>The QBO realm id, if given at authorization.</summary>
    public string? RealmId { get; init; }

    /// <summary>The provider's error code when <see cref="Status"/> is <see cref="OAuthTokenStatus.NeedsReconsent"/>.</summary>
    public string? ReconsentReason { get; init; }
}

using Azure;
using Azure.Data.Tables;

namespace MlConnector.Core.Auth;

/// <summary>
/// The non-secret state of one connection's tokens at one provider, in the <c>Tokens</c> table:
/// PartitionKey = the escaped connection id, RowKey = the provider name. The tokens themselves are in the secret store.
/// </summary>
internal sealed class OAuthTokenEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    /// <summary>When the stored access token expires, UTC.</summary>
    public DateTimeOffset? AccessTokenExpiresAt { get; set; }

    /// <summary>When the stored refresh token expires (rolling), UTC; null when the provider gives no lifetime (FreshBooks).</summary>
    public DateTimeOffset? RefreshTokenExpiresAt { get; set; }

    /// <summary>The refresh token's hard limit (QBO <c>x_refresh_token_hard_expires_in</c>), UTC.</summary>
    public DateTimeOffset? RefreshTokenHardExpiresAt { get; set; }

    /// <summary>When tokens were last obtained (code exchange or refresh), UTC.</summary>
    public DateTimeOffset? LastRefreshedAt { get; set; }

    /// <summary>
    /// When the merchant last consented (an authorization code was exchanged), UTC; null on rows written before this was
    /// recorded. Refreshes do not change it. Work that failed for consent before this time is replayed
    /// (<see cref="Failures.ReconsentFailureReplay"/>).
    /// </summary>
    public DateTimeOffset? ConsentedAt { get; set; }

    /// <summary>The QBO company (realm) id given on the authorization callback.</summary>
    public string? RealmId { get; set; }

    /// <summary>Incremented each time new tokens are stored; an in-memory copy with an older version is stale.</summary>
    public long TokenVersion { get; set; }

    /// <summary>True once the provider refused the refresh token: the merchant must reconnect.</summary>
    public bool NeedsReconsent { get; set; }

    /// <summary>Why reconsent is needed (the provider's error code), never a token.</summary>
    public string? ReconsentReason { get; set; }

    /// <summary>The instance holding the refresh lease, if any.</summary>
    public string? LeaseOwner { get; set; }

    /// <summary>When the refresh lease lapses, UTC.</summary>
    public DateTimeOffset? LeaseExpiresAt { get; set; }

    /// <summary>SHA-256 (Base64) of the pending authorization state's nonce.</summary>
    public string? StateHash { get; set; }

    /// <summary>When the pending authorization state expires, UTC.</summary>
    public DateTimeOffset? StateExpiresAt { get; set; }
}

namespace MlConnector.Core.Auth;

/// <summary>Token management log messages (EventIds 1000–1099). Never a token, secret or authorization header.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1000, EventName = "OAuthAuthorizationStarted", Level = LogLevel.Information,
        Message = "Authorization started for connection {ConnectionId} at {Provider}; the state expires at {StateExpiresAt:o}")]
    public static partial void AuthorizationStarted(this ILogger logger, string connectionId, string provider, DateTimeOffset stateExpiresAt);

    [LoggerMessage(EventId = 1001, EventName = "OAuthAuthorizationStateRejected", Level = LogLevel.Warning,
        Message = "Authorization callback for connection {ConnectionId} at {Provider} rejected: {Reason}")]
    public static partial void AuthorizationStateRejected(this ILogger logger, string connectionId, string provider, string reason);

    [LoggerMessage(EventId = 1002, EventName = "OAuthAuthorizationCodeExchanged", Level = LogLevel.Information,
        Message = "Authorization code exchanged for connection {ConnectionId} at {Provider}; the access token expires at {AccessTokenExpiresAt:o}")]
    public static partial void AuthorizationCodeExchanged(this ILogger logger, string connectionId, string provider, DateTimeOffset accessTokenExpiresAt);

    [LoggerMessage(EventId = 1003, EventName = "OAuthAccessTokenRefreshed", Level = LogLevel.Information,
        Message = "Access token refreshed for connection {ConnectionId} at {Provider}; expires at {AccessTokenExpiresAt:o}; refresh token rotated: {RefreshTokenRotated}")]
    public static partial void AccessTokenRefreshed(this ILogger logger, string connectionId, string provider, DateTimeOffset accessTokenExpiresAt, bool refreshTokenRotated);

    [LoggerMessage(EventId = 1004, EventName = "OAuthRefreshLeaseHeld", Level = LogLevel.Debug,
        Message = "Another instance is refreshing connection {ConnectionId} at {Provider} (lease until {LeaseExpiresAt:o}); waiting for its token")]
    public static partial void RefreshLeaseHeld(this ILogger logger, string connectionId, string provider, DateTimeOffset leaseExpiresAt);

    [LoggerMessage(EventId = 1005, EventName = "OAuthRefreshLeaseLost", Level = LogLevel.Warning,
        Message = "The refresh lease for connection {ConnectionId} at {Provider} lapsed before the refresh finished; the new tokens are stored but the token row was not updated")]
    public static partial void RefreshLeaseLost(this ILogger logger, string connectionId, string provider);

    [LoggerMessage(EventId = 1006, EventName = "OAuthRefreshTokenHardExpiryApproaching", Level = LogLevel.Warning,
        Message = "The refresh token of connection {ConnectionId} at {Provider} reaches its hard expiry at {HardExpiresAt:o} ({DaysLeft} days left); the merchant must reconnect before then")]
    public static partial void RefreshTokenHardExpiryApproaching(this ILogger logger, string connectionId, string provider, DateTimeOffset hardExpiresAt, int daysLeft);

    [LoggerMessage(EventId = 1007, EventName = "OAuthReconsentRequired", Level = LogLevel.Error,
        Message = "{Provider} refused the refresh token of connection {ConnectionId} (HTTP {StatusCode}, {ErrorCode}); the merchant must reconnect")]
    public static partial void ReconsentRequired(this ILogger logger, Exception exception, string connectionId, string provider, int? statusCode, string? errorCode);

    [LoggerMessage(EventId = 1008, EventName = "OAuthTokenRefreshFailed", Level = LogLevel.Warning,
        Message = "Refreshing the access token of connection {ConnectionId} at {Provider} failed")]
    public static partial void TokenRefreshFailed(this ILogger logger, Exception exception, string connectionId, string provider);

    [LoggerMessage(EventId = 1009, EventName = "OAuthClientCredentialsTokenIssued", Level = LogLevel.Information,
        Message = "Client-credentials token issued for account {AccountKey} at {Provider}; cached until {CachedUntil:o}")]
    public static partial void ClientCredentialsTokenIssued(this ILogger logger, string accountKey, string provider, DateTimeOffset cachedUntil);

    [LoggerMessage(EventId = 1010, EventName = "OAuthTokenRequestQuotaExhausted", Level = LogLevel.Warning,
        Message = "The daily token-request quota ({Quota}) of account {AccountKey} at {Provider} is used up; next request allowed in {RetryAfter}")]
    public static partial void TokenRequestQuotaExhausted(this ILogger logger, string accountKey, string provider, int quota, TimeSpan retryAfter);

    [LoggerMessage(EventId = 1011, EventName = "OAuthClientCredentialsTokenFailed", Level = LogLevel.Warning,
        Message = "Requesting a client-credentials token for account {AccountKey} at {Provider} failed")]
    public static partial void ClientCredentialsTokenFailed(this ILogger logger, Exception exception, string accountKey, string provider);

    [LoggerMessage(EventId = 1012, EventName = "OAuthAuditWriteFailed", Level = LogLevel.Error,
        Message = "Writing the audit record {Operation} for {ConnectionId} failed")]
    public static partial void AuditWriteFailed(this ILogger logger, Exception exception, string operation, string connectionId);

    [LoggerMessage(EventId = 1013, EventName = "OAuthTokenWithoutLifetime", Level = LogLevel.Warning,
        Message = "{Provider} returned a token without expires_in for {Key}; it is used once and not cached")]
    public static partial void TokenWithoutLifetime(this ILogger logger, string provider, string key);

    [LoggerMessage(EventId = 1014, EventName = "OAuthAccessTokenRejected", Level = LogLevel.Information,
        Message = "{Provider} refused the access token of connection {ConnectionId}; renewing it")]
    public static partial void AccessTokenRejected(this ILogger logger, string connectionId, string provider);
}

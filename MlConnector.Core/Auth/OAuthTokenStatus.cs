namespace MlConnector.Core.Auth;

/// <summary>An operator's view of one connection's tokens at one provider.</summary>
public enum OAuthTokenStatus
{
    /// <summary>Tokens are usable; the access token is refreshed when due.</summary>
    Healthy = 0,

    /// <summary>Usable, but the refresh token's hard expiry is inside the warning window: ask the merchant to reconnect soon.</summary>
    HardExpiryApproaching,

    /// <summary>The refresh token has expired (or passed its hard limit): the merchant must reconnect.</summary>
    RefreshTokenExpired,

    /// <summary>The provider refused the refresh token: the merchant must reconnect.</summary>
    NeedsReconsent,

    /// <summary>The connection was never authorized at this provider (an authorization was started, no code exchanged).</summary>
    NotConnected,
}

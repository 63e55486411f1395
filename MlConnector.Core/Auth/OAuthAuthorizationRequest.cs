namespace MlConnector.Core.Auth;

/// <summary>Where to send the merchant to grant consent, and the <c>state</c> bound to this connection.</summary>
/// <param name="AuthorizeUrl">
/// The provider's authorize URL with <c>response_type=code</c>, <c>client_id</c>, <c>redirect_uri</c>, <c>scope</c> and
/// <c>state</c> (RFC 6749 §4.1.1).
/// </param>
/// <param name="State">
/// The opaque state, <c>{connectionId}.{nonce}</c>: the nonce is 256 random bits; only its SHA-256 is stored. It is
/// single-use and expires at <paramref name="ExpiresAt"/>.
/// </param>
/// <param name="ExpiresAt">When the state stops being accepted, UTC.</param>
public sealed record OAuthAuthorizationRequest(Uri AuthorizeUrl, string State, DateTimeOffset ExpiresAt);

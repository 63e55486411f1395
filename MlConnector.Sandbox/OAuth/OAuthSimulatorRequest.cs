namespace MlConnector.Sandbox.OAuth;

/// <summary>One token-endpoint request the simulator accepted from a known client. Holds no secrets or tokens.</summary>
/// <param name="ClientId">The authenticated client.</param>
/// <param name="GrantType">The <c>grant_type</c> sent.</param>
/// <param name="ClientAuthStyle"><c>basic</c>, <c>post</c> or <c>json</c>.</param>
/// <param name="Path">The request path (<c>/oauth2/token</c> or <c>/oauth2/refresh</c>).</param>
/// <param name="MerchantId">The <c>x-merchant-id</c> header (UPS), if sent.</param>
/// <param name="Audience">The <c>audience</c> field (SPS), if sent.</param>
/// <param name="AskedForHardExpiry">Whether <c>x-include-refresh-token-hard-expires-in: true</c> was sent.</param>
public sealed record OAuthSimulatorRequest(
    string ClientId,
    string GrantType,
    string ClientAuthStyle,
    string Path,
    string? MerchantId,
    string? Audience,
    bool AskedForHardExpiry);

using System.ComponentModel.DataAnnotations;

namespace MlConnector.Core.Auth;

/// <summary>
/// One OAuth 2.0 provider (QuickBooks Online, FreshBooks, UPS, SPS Commerce), configured under
/// <c>OAuth:Providers:{name}</c>. Holds no secret: the client secret is named, and read from the secret store.
/// </summary>
/// <remarks>
/// Endpoints per vendor (PROTOCOL-NOTES): QBO §2 authorize <c>https://appcenter.intuit.com/connect/oauth2</c>, token
/// <c>https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer</c> (Basic); FreshBooks §4 authorize
/// <c>https://auth.freshbooks.com/oauth/authorize/</c>, token <c>https://api.freshbooks.com/auth/oauth/token</c> (Post);
/// UPS §1 token <c>https://onlinetools.ups.com/security/v1/oauth/token</c> (Basic), auth-code refresh on
/// <c>/security/v1/oauth/refresh</c>; SPS §6 token <c>https://auth.spscommerce.com/oauth/token</c> (Json, with an audience).
/// ShipStation uses API keys and has no provider here.
/// </remarks>
public sealed class OAuthProviderOptions
{
    /// <summary>The token endpoint (authorization_code, refresh_token and client_credentials grants).</summary>
    [Required]
    public Uri? TokenEndpoint { get; set; }

    /// <summary>
    /// A separate endpoint for the refresh_token grant, when the provider has one (UPS <c>/security/v1/oauth/refresh</c>,
    /// <c>contracts/ups/OAuthAuthCode.yaml</c>); the token endpoint is used when null.
    /// </summary>
    public Uri? RefreshEndpoint { get; set; }

    /// <summary>The authorization endpoint the merchant's browser is sent to; required for authorization-code flows.</summary>
    public Uri? AuthorizeEndpoint { get; set; }

    /// <summary>The redirect URI registered with the provider (FreshBooks requires HTTPS without a query string).</summary>
    public Uri? RedirectUri { get; set; }

    /// <summary>The public client id of ml-connector's app at the provider.</summary>
    [Required]
    [MinLength(1)]
    public string ClientId { get; set; } = string.Empty;

    /// <summary>
    /// The <em>name</em> of the secret-store secret holding the client secret (for example <c>qbo-client-secret</c>),
    /// never the secret itself.
    /// </summary>
    [Required]
    [RegularExpression("^[0-9a-zA-Z-]{1,127}$", ErrorMessage = "ClientSecretName must be a valid secret name (letters, digits, hyphens).")]
    public string ClientSecretName { get; set; } = string.Empty;

    /// <summary>How the client authenticates to the token endpoint.</summary>
    public OAuthClientAuthStyle AuthStyle { get; set; } = OAuthClientAuthStyle.Basic;

    /// <summary>Scopes to request, joined with spaces (QBO: <c>com.intuit.quickbooks.accounting</c>).</summary>
    public IList<string> Scopes { get; } = new List<string>();

    /// <summary>The <c>audience</c> for a client_credentials grant (SPS: <c>https://spscommerce.com</c> from 2026-07-01).</summary>
    public string? Audience { get; set; }

    /// <summary>
    /// Send <c>x-include-refresh-token-hard-expires-in: true</c> so the response carries
    /// <c>x_refresh_token_hard_expires_in</c> (QBO's 5-year limit, PROTOCOL-NOTES §2; Intuit .NET SDK <c>TokenClient.cs</c>).
    /// </summary>
    public bool RequestRefreshTokenHardExpiry { get; set; }

    /// <summary>
    /// The header that carries the account's merchant id on client_credentials requests (UPS: <c>x-merchant-id</c>, the
    /// 6-digit shipper number, <c>contracts/ups/OAuthClientCredentials.yaml</c>). The value is a secret read from
    /// <c>SecretName.For(accountKey, "{provider}-merchant-id")</c>; the header is omitted when that secret does not exist.
    /// </summary>
    public string? MerchantIdHeader { get; set; }

    /// <summary>Further non-secret headers sent to the token endpoint.</summary>
    public IDictionary<string, string> ExtraHeaders { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Most token requests per account per UTC day for the client_credentials grant, shared by every instance
    /// (UPS throttles token requests; SPS says token issuance is rate-limited, PROTOCOL-NOTES §1 and §6).
    /// </summary>
    [Range(1, 1_000_000)]
    public int DailyTokenRequestQuota { get; set; } = 250;

    /// <summary>
    /// Also keep client_credentials tokens in the secret store, so other instances reuse them instead of spending quota.
    /// </summary>
    public bool ShareClientCredentialsTokens { get; set; }
}

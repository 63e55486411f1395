namespace MlConnector.Core.Auth;

/// <summary>How the client authenticates to a provider's token endpoint.</summary>
public enum OAuthClientAuthStyle
{
    /// <summary>
    /// HTTP Basic <c>client_id:client_secret</c> with a form body (RFC 6749 §2.3.1; Intuit <c>client_secret_basic</c>
    /// in <c>contracts/quickbooks-online/oauth/discovery.json</c>; UPS <c>BasicAuth</c> in <c>contracts/ups/OAuth*.yaml</c>).
    /// </summary>
    Basic = 0,

    /// <summary>
    /// <c>client_id</c> and <c>client_secret</c> as fields of the form body (RFC 6749 §2.3.1; FreshBooks,
    /// PROTOCOL-NOTES §4).
    /// </summary>
    Post,

    /// <summary>
    /// A JSON body carrying <c>grant_type</c>, <c>client_id</c>, <c>client_secret</c> and <c>audience</c>
    /// (SPS Commerce's Auth0 token endpoint, PROTOCOL-NOTES §6).
    /// </summary>
    Json,
}

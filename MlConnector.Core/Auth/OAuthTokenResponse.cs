namespace MlConnector.Core.Auth;

/// <summary>
/// A token endpoint's JSON answer, success or error, across providers. A class (not a record) so that no generated
/// <c>ToString</c> can ever print a token.
/// </summary>
/// <remarks>
/// Shapes: Intuit <c>contracts/quickbooks-online/oauth/success_token_response.json</c>,
/// <c>success_refreshtoken_response.json</c> and <c>failure_token_response.json</c>; UPS <c>tokenSuccessResponse</c>,
/// <c>generateTokenSuccessResponse</c>, <c>refreshTokenSuccessResponse</c> and <c>tokenErrorResponse</c> in
/// <c>contracts/ups/OAuth*.yaml</c>; FreshBooks <c>contracts/freshbooks/python-sdk-fixtures/auth_token_response.json</c>.
/// </remarks>
internal sealed class OAuthTokenResponse
{
    [JsonPropertyName("access_token")]
    public string? AccessToken { get; set; }

    [JsonPropertyName("token_type")]
    public string? TokenType { get; set; }

    [JsonPropertyName("expires_in")]
    [JsonConverter(typeof(FlexibleSecondsConverter))]
    public long? ExpiresIn { get; set; }

    [JsonPropertyName("refresh_token")]
    public string? RefreshToken { get; set; }

    /// <summary>Intuit's refresh-token lifetime (rolling).</summary>
    [JsonPropertyName("x_refresh_token_expires_in")]
    [JsonConverter(typeof(FlexibleSecondsConverter))]
    public long? XRefreshTokenExpiresIn { get; set; }

    /// <summary>UPS's refresh-token lifetime (a string).</summary>
    [JsonPropertyName("refresh_token_expires_in")]
    [JsonConverter(typeof(FlexibleSecondsConverter))]
    public long? RefreshTokenExpiresIn { get; set; }

    /// <summary>Intuit's hard limit, sent only when asked with <c>x-include-refresh-token-hard-expires-in: true</c>.</summary>
    [JsonPropertyName("x_refresh_token_hard_expires_in")]
    [JsonConverter(typeof(FlexibleSecondsConverter))]
    public long? XRefreshTokenHardExpiresIn { get; set; }

    [JsonPropertyName("scope")]
    public string? Scope { get; set; }

    /// <summary>RFC 6749 §5.2 error code (<c>invalid_grant</c>, <c>invalid_client</c>…).</summary>
    [JsonPropertyName("error")]
    public string? Error { get; set; }

    [JsonPropertyName("error_description")]
    public string? ErrorDescription { get; set; }

    /// <summary>UPS's error wrapper <c>{"response":{"errors":[{"code","message"}]}}</c>.</summary>
    [JsonPropertyName("response")]
    public OAuthVendorErrorWrapper? Response { get; set; }
}

namespace MlConnector.Core.Auth;

/// <summary>One UPS error: <c>{"code":"…","message":"…"}</c> (<c>contracts/ups/OAuthClientCredentials.yaml</c>).</summary>
internal sealed class OAuthVendorError
{
    [JsonPropertyName("code")]
    public string? Code { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }
}

namespace MlConnector.Core.Auth;

/// <summary>UPS's <c>errorResponseWrapper</c> (<c>contracts/ups/OAuthClientCredentials.yaml</c>).</summary>
internal sealed class OAuthVendorErrorWrapper
{
    [JsonPropertyName("errors")]
    public IList<OAuthVendorError>? Errors { get; set; }
}

namespace MlConnector.Sandbox.Ups;

/// <summary>A request the UPS simulator answered. Credentials, tokens and the <c>Authorization</c> header are never recorded.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path, for example <c>/api/shipments/v2409/ship</c>.</param>
/// <param name="StatusCode">The status answered; 0 when the response was dropped on purpose.</param>
/// <param name="TransId">The <c>transId</c> header, if sent.</param>
/// <param name="TransactionSrc">The <c>transactionSrc</c> header, if sent.</param>
/// <param name="ReceivedAt">When it arrived, by the simulator's clock (UTC).</param>
/// <param name="Body">The request body of an API POST; null for the token endpoint and other methods.</param>
public sealed record UpsSimulatorRequest(string Method, string Path, int StatusCode, string? TransId, string? TransactionSrc, DateTimeOffset ReceivedAt, string? Body)
{
    /// <summary>
    /// The UPS account (shipper) number the request was made as: for the token endpoint its <c>x-merchant-id</c> header
    /// (OAuthClientCredentials.yaml, the only UPS spec that defines the header); for an API call the <c>x-merchant-id</c> its
    /// bearer token was requested with. Null when there was none. An account number, not a credential.
    /// </summary>
    public string? MerchantId { get; init; }
}

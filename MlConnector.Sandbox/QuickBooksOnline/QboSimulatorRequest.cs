namespace MlConnector.Sandbox.QuickBooksOnline;

/// <summary>One request the QBO simulator received, with the status it answered (0 when the response was dropped).</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path, for example <c>/v3/company/9130…/invoice</c>.</param>
/// <param name="Query">The raw query string, including <c>?</c> (empty when none).</param>
/// <param name="RealmId">The realm in the path.</param>
/// <param name="MinorVersion">The <c>minorversion</c> parameter, if any.</param>
/// <param name="RequestId">The <c>requestid</c> parameter, if any.</param>
/// <param name="Statement">The decoded <c>query</c> parameter of a query request, if any.</param>
/// <param name="Body">The request body, if any.</param>
/// <param name="HadBearerToken">Whether an <c>Authorization: Bearer …</c> header was present (the token itself is not kept).</param>
/// <param name="Accept">The <c>Accept</c> header.</param>
/// <param name="StatusCode">The status answered; 0 when the connection was dropped instead.</param>
/// <param name="ReceivedAt">When it arrived, by the simulator's clock.</param>
public sealed record QboSimulatorRequest(
    string Method,
    string Path,
    string Query,
    string RealmId,
    string? MinorVersion,
    string? RequestId,
    string? Statement,
    string? Body,
    bool HadBearerToken,
    string Accept,
    int StatusCode,
    DateTimeOffset ReceivedAt);

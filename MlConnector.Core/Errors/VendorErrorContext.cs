using System.Net.Http.Headers;

namespace MlConnector.Core.Errors;

/// <summary>What an <see cref="IVendorErrorClassifier"/> sees of a failed vendor response.</summary>
/// <param name="Connector">The connector code, for example <c>qbo</c>.</param>
/// <param name="StatusCode">The HTTP status of the response.</param>
/// <param name="DefaultKind">The kind the status-code table gives.</param>
/// <param name="Body">The response body, whitespace-trimmed and read up to <see cref="HttpErrorMapper.MaxBodyBytesRead"/> bytes; <see langword="null"/> when empty or unreadable.</param>
/// <param name="MediaType">The response's media type, for example <c>application/json</c>, if given.</param>
/// <param name="Headers">The response headers (never the request's <c>Authorization</c> header).</param>
public sealed record VendorErrorContext(
    string Connector,
    HttpStatusCode StatusCode,
    ErrorKind DefaultKind,
    string? Body,
    string? MediaType,
    HttpResponseHeaders Headers);

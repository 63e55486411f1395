using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;
using MlConnector.Core.Auth;
using MlConnector.Core.Errors;
using MlConnector.Core.Resilience;

namespace MlConnector.Core.Connectors;

/// <summary>
/// The one request helper of the connectors: builds a request that names its connection (for the auth handler) and its
/// rate budget (for <see cref="RateGovernorHandler"/>), sends it through the connector's typed <see cref="HttpClient"/>,
/// turns a failure into the classified exception of <see cref="HttpErrorMapper"/> (status table, refined by the
/// connector's <see cref="IVendorErrorClassifier"/>, RFC 7807 problem details through <see cref="ProblemDetailsBody"/>,
/// <c>Retry-After</c> on <see cref="ConnectorRateLimitedException"/>) and reads the body.
/// </summary>
/// <remarks>
/// A client makes one per call site from its injected <see cref="HttpClient"/>; it holds no state of its own. Every
/// success is logged once, with method, path, connection, status and the vendor's request id when the connector names
/// its header (never other headers, query strings or bodies).
/// </remarks>
/// <param name="httpClient">The connector's typed client (resilience, auth and rate governor handlers inside).</param>
/// <param name="errorMapper">The one error mapper.</param>
/// <param name="connector">The connector code, for example <c>sps</c>: error mapping, rate budget and log field.</param>
/// <param name="logger">The connector client's logger.</param>
/// <param name="requestIdHeader">The response header carrying the vendor's id of the request, for the log (QBO:
/// <c>intuit_tid</c>), or <see langword="null"/> when the vendor sends none.</param>
public sealed class ConnectorHttp(HttpClient httpClient, HttpErrorMapper errorMapper, string connector, ILogger logger, string? requestIdHeader = null)
{
    /// <summary>The connector code this helper sends for.</summary>
    public string Connector { get; } = connector;

    /// <summary>The vendor's id of the request a response answers (the connector's request-id header), if any.</summary>
    /// <param name="response">The response.</param>
    /// <returns>The id, or <see langword="null"/> when the connector names no header or the response has none.</returns>
    public string? VendorRequestId(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return requestIdHeader is not null && response.Headers.TryGetValues(requestIdHeader, out var values) ? values.FirstOrDefault() : null;
    }

    /// <summary>Builds a request for a connection: <c>Accept</c>, connection id (auth handler) and rate budget key.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="uri">The absolute URI.</param>
    /// <param name="connectionId">The connection whose credentials the request carries.</param>
    /// <param name="rateLimitKey">The budget the request spends: usually the connection id, or the vendor's realm or key.</param>
    /// <param name="content">The body, re-readable (bytes), or <see langword="null"/>.</param>
    /// <param name="accept">The media type to accept; default <c>application/json</c>.</param>
    /// <returns>The request; the caller disposes it.</returns>
    /// <exception cref="ArgumentException">When <paramref name="connectionId"/> or <paramref name="rateLimitKey"/> is empty.</exception>
    public HttpRequestMessage CreateRequest(HttpMethod method, Uri uri, string connectionId, string rateLimitKey, HttpContent? content = null, string accept = "application/json")
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(uri);
        var request = new HttpRequestMessage(method, uri) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        ConnectionTokenHandler.SetConnectionId(request, connectionId);
        request.SetRateLimitKey(Connector, rateLimitKey);
        return request;
    }

    /// <summary>Sends the request and returns the 2xx response; any other outcome is thrown classified.</summary>
    /// <param name="request">The request from <see cref="CreateRequest"/>.</param>
    /// <param name="connectionId">The connection, for the log.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The successful response; the caller disposes it.</returns>
    /// <exception cref="ConnectorException">The classified failure (or a subclass), including transport failures.</exception>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string connectionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = await httpClient.SendToVendorAsync(request, errorMapper, Connector, cancellationToken);
        await response.EnsureSuccessAsync(errorMapper, Connector, cancellationToken);
        if (logger.IsEnabled(LogLevel.Debug))
        {
            logger.VendorCallSucceeded(Connector, request.Method.Method, request.RequestUri?.AbsolutePath ?? string.Empty, connectionId, (int)response.StatusCode, VendorRequestId(response));
        }

        return response;
    }

    /// <summary>Sends the request and reads the JSON body with the connector's source-generated context.</summary>
    /// <typeparam name="T">The wire type.</typeparam>
    /// <param name="request">The request from <see cref="CreateRequest"/>.</param>
    /// <param name="connectionId">The connection, for the log and messages.</param>
    /// <param name="type">The wire type's JSON metadata.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The body.</returns>
    /// <exception cref="ConnectorException">The classified failure, or <see cref="ErrorKind.Unknown"/> when the body is not the expected JSON.</exception>
    public async Task<T> SendForJsonAsync<T>(HttpRequestMessage request, string connectionId, JsonTypeInfo<T> type, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(type);
        using var response = await SendAsync(request, connectionId, cancellationToken);
        try
        {
            return await response.Content.ReadFromJsonAsync(type, cancellationToken) ?? throw Unreadable(request, connectionId, null);
        }
        catch (JsonException ex)
        {
            throw Unreadable(request, connectionId, ex);
        }
    }

    /// <summary>Sends the request and returns the body's bytes exactly as the vendor sent them.</summary>
    /// <param name="request">The request from <see cref="CreateRequest"/>.</param>
    /// <param name="connectionId">The connection, for the log.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The body bytes (a BOM, if any, kept).</returns>
    /// <exception cref="ConnectorException">The classified failure.</exception>
    public async Task<byte[]> SendForBytesAsync(HttpRequestMessage request, string connectionId, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(request, connectionId, cancellationToken);
        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    /// <summary>The error for a 2xx body that is not what the vendor documents.</summary>
    /// <param name="request">The request answered.</param>
    /// <param name="connectionId">The connection.</param>
    /// <param name="inner">The parse failure, if any.</param>
    /// <returns>An <see cref="ErrorKind.Unknown"/> exception naming method and path only.</returns>
    public ConnectorException Unreadable(HttpRequestMessage request, string connectionId, Exception? inner)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new ConnectorException(
            Connector,
            ErrorKind.Unknown,
            $"{Connector} answered {request.Method.Method} {request.RequestUri?.AbsolutePath} for connection {connectionId} with a body that is not the expected JSON.",
            innerException: inner);
    }
}

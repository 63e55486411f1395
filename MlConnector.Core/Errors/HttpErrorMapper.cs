using System.Collections.Frozen;
using System.Net.Sockets;
using MlConnector.Core.Resilience;
using Polly.Timeout;

namespace MlConnector.Core.Errors;

/// <summary>
/// The one place that turns a failed vendor call into the <see cref="ConnectorException"/> taxonomy: an HTTP response
/// by its status code (one table, refined per connector by an optional <see cref="IVendorErrorClassifier"/>), or a
/// transport failure with no response.
/// </summary>
/// <remarks>
/// The status table: 401/403 → <see cref="ErrorKind.NeedsReconsent"/>; 429 → <see cref="ErrorKind.RateLimited"/> with
/// <c>Retry-After</c> or <c>X-Rate-Limit-Reset</c>; 408 and 5xx → <see cref="ErrorKind.Transient"/>; 404/410 →
/// <see cref="ErrorKind.NotFound"/>; 409/412 → <see cref="ErrorKind.Conflict"/>; 400/422 → <see cref="ErrorKind.Validation"/>;
/// anything else → <see cref="ErrorKind.Unknown"/>. Request ids are taken from <c>intuit_tid</c> (QuickBooks Online),
/// <c>X-Request-ID</c> (SPS Commerce API standard), <c>X-Correlation-Id</c> and <c>Request-Id</c>. The message names the
/// method and path only (no query string, no request headers), so no credential reaches the exception.
/// </remarks>
public sealed class HttpErrorMapper
{
    /// <summary>At most this many bytes of an error body are read (the exception keeps at most 4 KiB of text).</summary>
    public const int MaxBodyBytesRead = 16 * 1024;

    private static readonly FrozenDictionary<HttpStatusCode, ErrorKind> StatusKinds = new Dictionary<HttpStatusCode, ErrorKind>
    {
        [HttpStatusCode.BadRequest] = ErrorKind.Validation,
        [HttpStatusCode.Unauthorized] = ErrorKind.NeedsReconsent,
        [HttpStatusCode.Forbidden] = ErrorKind.NeedsReconsent,
        [HttpStatusCode.NotFound] = ErrorKind.NotFound,
        [HttpStatusCode.RequestTimeout] = ErrorKind.Transient,
        [HttpStatusCode.Conflict] = ErrorKind.Conflict,
        [HttpStatusCode.Gone] = ErrorKind.NotFound,
        [HttpStatusCode.PreconditionFailed] = ErrorKind.Conflict,
        [HttpStatusCode.UnprocessableEntity] = ErrorKind.Validation,
        [HttpStatusCode.TooManyRequests] = ErrorKind.RateLimited,
    }.ToFrozenDictionary();

    private static readonly string[] RequestIdHeaders = ["intuit_tid", "X-Request-ID", "X-Correlation-Id", "Request-Id"];

    private readonly FrozenDictionary<string, IVendorErrorClassifier> _classifiers;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<HttpErrorMapper> _logger;

    /// <summary>Creates the mapper.</summary>
    /// <param name="classifiers">At most one classifier per connector.</param>
    /// <param name="timeProvider">The clock, to resolve a <c>Retry-After</c> HTTP-date.</param>
    /// <param name="logger">The logger.</param>
    /// <exception cref="ArgumentException">When two classifiers claim the same connector.</exception>
    public HttpErrorMapper(IEnumerable<IVendorErrorClassifier> classifiers, TimeProvider timeProvider, ILogger<HttpErrorMapper> logger)
    {
        ArgumentNullException.ThrowIfNull(classifiers);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        var byConnector = new Dictionary<string, IVendorErrorClassifier>(StringComparer.OrdinalIgnoreCase);
        foreach (var classifier in classifiers)
        {
            if (!byConnector.TryAdd(classifier.Connector, classifier))
            {
                throw new ArgumentException($"Two vendor error classifiers are registered for connector '{classifier.Connector}'.", nameof(classifiers));
            }
        }

        _classifiers = byConnector.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>The kind the status table gives a status code, before any vendor refinement.</summary>
    /// <param name="statusCode">The HTTP status.</param>
    /// <returns>The error kind.</returns>
    public static ErrorKind GetKind(HttpStatusCode statusCode) =>
        StatusKinds.TryGetValue(statusCode, out var kind) ? kind
        : (int)statusCode >= 500 ? ErrorKind.Transient
        : ErrorKind.Unknown;

    /// <summary>Maps a vendor's (failed) response to a classified exception. Reads the body; does not dispose the response.</summary>
    /// <param name="connector">The connector code, for example <c>qbo</c>.</param>
    /// <param name="response">The vendor's response.</param>
    /// <param name="cancellationToken">Cancels reading the body.</param>
    /// <returns>The exception to throw: <see cref="ConnectorAuthException"/>, <see cref="ConnectorRateLimitedException"/>,
    /// <see cref="ConnectorValidationException"/> or <see cref="ConnectorException"/>.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="response"/> is null.</exception>
    /// <exception cref="ArgumentException">When <paramref name="connector"/> is empty.</exception>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled.</exception>
    public async Task<ConnectorException> MapAsync(string connector, HttpResponseMessage response, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connector);
        ArgumentNullException.ThrowIfNull(response);

        var status = response.StatusCode;
        var defaultKind = GetKind(status);
        var body = await ReadBodyAsync(response.Content, cancellationToken);
        var requestId = GetRequestId(response);
        var retryAfter = RateLimitHeaders.GetRetryAfter(response, _timeProvider.GetUtcNow());

        VendorErrorClassification? refined = null;
        if (_classifiers.TryGetValue(connector, out var classifier))
        {
            refined = classifier.Classify(new VendorErrorContext(connector, status, defaultKind, body, response.Content?.Headers.ContentType?.MediaType, response.Headers));
        }

        var kind = refined?.Kind ?? defaultKind;
        requestId ??= refined?.RequestId;
        var request = response.RequestMessage;
        var message = $"{connector} answered {(int)status} {status} to {request?.Method.Method ?? "a request"} {request?.RequestUri?.AbsolutePath}"
            + (requestId is null ? string.Empty : $" (request id {requestId})")
            + (refined?.Detail is { Length: > 0 } detail ? $": {detail}" : ".");

        _logger.VendorCallFailed(connector, (int)status, kind, refined?.VendorErrorCode, requestId);
        return Create(connector, kind, message, status, refined?.VendorErrorCode, body, requestId, retryAfter, refined?.Field, innerException: null);
    }

    /// <summary>
    /// Maps a vendor fault that arrived inside a successful response, such as one item's <c>Fault</c> in a QuickBooks Online
    /// batch response, exactly as the same body would be mapped had it come alone with <paramref name="statusCode"/>: the
    /// status table, refined by the connector's classifier.
    /// </summary>
    /// <param name="connector">The connector code, for example <c>qbo</c>.</param>
    /// <param name="statusCode">The status the vendor gives the same fault outside the envelope (QBO: 400 for a ValidationFault).</param>
    /// <param name="body">The fault alone, for example <c>{"Fault":{…}}</c>.</param>
    /// <param name="what">What failed, for the message, for example <c>batch item 3 (create Invoice)</c>; never a secret.</param>
    /// <param name="requestId">The vendor's request id of the enclosing response, if any.</param>
    /// <returns>The exception describing the item's failure (not thrown).</returns>
    /// <exception cref="ArgumentException">When <paramref name="connector"/> or <paramref name="what"/> is empty.</exception>
    public ConnectorException MapEmbeddedFault(string connector, HttpStatusCode statusCode, string? body, string what, string? requestId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connector);
        ArgumentException.ThrowIfNullOrWhiteSpace(what);
        var defaultKind = GetKind(statusCode);
        VendorErrorClassification? refined = null;
        if (_classifiers.TryGetValue(connector, out var classifier))
        {
            using var envelope = new HttpResponseMessage(statusCode);
            refined = classifier.Classify(new VendorErrorContext(connector, statusCode, defaultKind, body, "application/json", envelope.Headers));
        }

        var kind = refined?.Kind ?? defaultKind;
        var message = $"{connector} refused {what}" + (requestId is null ? string.Empty : $" (request id {requestId})")
            + (refined?.Detail is { Length: > 0 } detail ? $": {detail}" : ".");
        _logger.VendorCallFailed(connector, (int)statusCode, kind, refined?.VendorErrorCode, requestId);
        return Create(connector, kind, message, statusCode, refined?.VendorErrorCode, body, requestId, retryAfter: null, refined?.Field, innerException: null);
    }

    /// <summary>
    /// Maps a call that produced no response: <see cref="HttpRequestException"/>, <see cref="TimeoutException"/>, an
    /// <see cref="HttpClient"/> timeout (<see cref="TaskCanceledException"/> caused by a <see cref="TimeoutException"/>),
    /// Polly's <see cref="TimeoutRejectedException"/>, <see cref="IOException"/> and <see cref="SocketException"/> are
    /// <see cref="ErrorKind.Transient"/>; an <see cref="HttpRequestException"/> that carries a status code goes through the
    /// status table; a <see cref="ConnectorException"/> is returned as is; anything else is <see cref="ErrorKind.Unknown"/>.
    /// </summary>
    /// <remarks>
    /// A cancellation the caller asked for is not a vendor failure: rethrow it instead of mapping it
    /// (catch <see cref="OperationCanceledException"/> only when the caller's token is not cancelled).
    /// </remarks>
    /// <param name="connector">The connector code, for example <c>ups</c>.</param>
    /// <param name="exception">The failure; kept as <see cref="Exception.InnerException"/>.</param>
    /// <returns>The exception to throw.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="exception"/> is null.</exception>
    /// <exception cref="ArgumentException">When <paramref name="connector"/> is empty.</exception>
    public ConnectorException MapTransportFailure(string connector, Exception exception)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connector);
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is ConnectorException mapped)
        {
            return mapped;
        }

        HttpStatusCode? status = exception is HttpRequestException { StatusCode: { } code } ? code : null;
        var kind = status is { } s ? GetKind(s)
            : IsTransportFailure(exception) ? ErrorKind.Transient
            : ErrorKind.Unknown;
        var message = status is { } st
            ? $"{connector} answered {(int)st} {st} ({exception.GetType().Name})."
            : $"The call to {connector} failed without a response ({exception.GetType().Name}).";

        _logger.VendorTransportFailed(connector, kind, exception);
        return Create(connector, kind, message, status, vendorErrorCode: null, body: null, requestId: null, retryAfter: null, field: null, exception);
    }

    private static bool IsTransportFailure(Exception exception) => exception switch
    {
        HttpRequestException or TimeoutException or TimeoutRejectedException or IOException or SocketException => true,
        TaskCanceledException { InnerException: TimeoutException } => true,
        _ => false,
    };

    private static ConnectorException Create(
        string connector,
        ErrorKind kind,
        string message,
        HttpStatusCode? status,
        string? vendorErrorCode,
        string? body,
        string? requestId,
        TimeSpan? retryAfter,
        string? field,
        Exception? innerException) => kind switch
        {
            ErrorKind.NeedsReconsent => new ConnectorAuthException(connector, message, status, vendorErrorCode, body, requestId, innerException),
            ErrorKind.RateLimited => new ConnectorRateLimitedException(connector, message, retryAfter, status, vendorErrorCode, body, requestId, innerException),
            ErrorKind.Validation => new ConnectorValidationException(connector, message, field, status, vendorErrorCode, body, requestId, innerException),
            _ => new ConnectorException(connector, kind, message, status, vendorErrorCode, body, requestId, innerException),
        };

    private static string? GetRequestId(HttpResponseMessage response)
    {
        foreach (var name in RequestIdHeaders)
        {
            if (response.Headers.TryGetValues(name, out var values) && values.FirstOrDefault() is { Length: > 0 } value)
            {
                return value.Trim();
            }
        }

        return null;
    }

    private static async Task<string?> ReadBodyAsync(HttpContent? content, CancellationToken cancellationToken)
    {
        if (content is null)
        {
            return null;
        }

        try
        {
            await using var stream = await content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[MaxBodyBytesRead];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
            {
                length += read;
            }

            var text = GetEncoding(content).GetString(buffer, 0, length).Trim();
            return text.Length == 0 ? null : text;
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or ObjectDisposedException or InvalidOperationException)
        {
            // The status code still classifies the failure; a broken or already-consumed body must not hide it.
            return null;
        }
    }

    private static Encoding GetEncoding(HttpContent content)
    {
        var charset = content.Headers.ContentType?.CharSet?.Trim('"', ' ');
        if (string.IsNullOrEmpty(charset))
        {
            return Encoding.UTF8;
        }

        try
        {
            return Encoding.GetEncoding(charset);
        }
        catch (ArgumentException)
        {
            return Encoding.UTF8;
        }
    }
}

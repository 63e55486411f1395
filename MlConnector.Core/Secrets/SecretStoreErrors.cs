using Azure;
using Azure.Identity;
using MlConnector.Core.Errors;

namespace MlConnector.Core.Secrets;

/// <summary>
/// Maps failures of the stores' backing services (Key Vault, Table Storage) into the <see cref="ConnectorException"/>
/// taxonomy. Messages name the secret and the status, never the value.
/// </summary>
internal static class SecretStoreErrors
{
    /// <summary>True for the failures <see cref="Map"/> classifies; anything else (a bug) propagates as is.</summary>
    public static bool IsServiceFailure(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        RequestFailedException or AuthenticationFailedException => true,

        // Azure.Core reports its own network timeout as a cancellation the caller did not ask for.
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    /// <summary>Classifies <paramref name="exception"/> (one that <see cref="IsServiceFailure"/> accepted).</summary>
    /// <param name="connector">The connector code for <see cref="ConnectorException.Connector"/>.</param>
    /// <param name="store">The store, as people call it (<c>Key Vault</c>).</param>
    /// <param name="operation">The verb: <c>read</c>, <c>write</c>, <c>delete</c>.</param>
    /// <param name="secretName">The secret's name.</param>
    /// <param name="exception">The failure.</param>
    /// <param name="timeProvider">The clock, for an HTTP-date <c>Retry-After</c>.</param>
    /// <param name="secretValue">The value being written, if any: a response that echoes it is dropped from the result.</param>
    /// <returns>The classified exception.</returns>
    public static ConnectorException Map(
        string connector,
        string store,
        string operation,
        string secretName,
        Exception exception,
        TimeProvider timeProvider,
        string? secretValue = null)
    {
        var what = $"{store} could not {operation} secret '{secretName}'";
        return exception switch
        {
            RequestFailedException failed => FromResponse(connector, what, failed, timeProvider, secretValue),
            AuthenticationFailedException => new ConnectorAuthException(
                connector, $"{what}: no access token could be obtained for it (check the app's managed identity).", innerException: exception),
            OperationCanceledException => new ConnectorException(
                connector, ErrorKind.Transient, $"{what}: the call timed out.", innerException: exception),
            _ => new ConnectorException(connector, ErrorKind.Unknown, $"{what}.", innerException: exception),
        };
    }

    private static ConnectorException FromResponse(string connector, string what, RequestFailedException exception, TimeProvider timeProvider, string? secretValue)
    {
        var response = exception.GetRawResponse();
        var body = response?.ContentStream is null or MemoryStream ? response?.Content.ToString() : null;
        var echoesValue = !string.IsNullOrEmpty(secretValue)
            && ((body?.Contains(secretValue, StringComparison.Ordinal) ?? false) || exception.Message.Contains(secretValue, StringComparison.Ordinal));
        if (echoesValue)
        {
            body = null;
        }

        var inner = echoesValue ? null : exception;
        var code = exception.ErrorCode;
        var requestId = response?.Headers.RequestId;
        var status = exception.Status;
        HttpStatusCode? statusCode = status == 0 ? null : (HttpStatusCode)status;
        var reason = status == 0 ? "no response" : $"{status} {code}".TrimEnd();

        return status switch
        {
            401 or 403 => new ConnectorAuthException(
                connector, $"{what}: access denied ({reason}).", statusCode, code, body, requestId, inner),
            429 => new ConnectorRateLimitedException(
                connector, $"{what}: throttled ({reason}).", RetryAfter(response, timeProvider), statusCode, code, body, requestId, inner),
            400 => new ConnectorValidationException(
                connector, $"{what}: the request was rejected ({reason}).", null, statusCode, code, body, requestId, inner),
            0 or 408 or >= 500 => new ConnectorException(
                connector, ErrorKind.Transient, $"{what}: the service is unavailable ({reason}).", statusCode, code, body, requestId, inner),
            404 => new ConnectorException(
                connector, ErrorKind.NotFound, $"{what}: not found ({reason}).", statusCode, code, body, requestId, inner),
            409 or 412 => new ConnectorException(
                connector, ErrorKind.Conflict, $"{what}: conflict ({reason}).", statusCode, code, body, requestId, inner),
            _ => new ConnectorException(
                connector, ErrorKind.Unknown, $"{what} ({reason}).", statusCode, code, body, requestId, inner),
        };
    }

    /// <summary>Reads <c>Retry-After</c> as delta-seconds or an HTTP-date (RFC 9110 §10.2.3).</summary>
    private static TimeSpan? RetryAfter(Response? response, TimeProvider timeProvider)
    {
        if (response is null || !response.Headers.TryGetValue("Retry-After", out var raw) || string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        if (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        if (DateTimeOffset.TryParseExact(raw, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            var delay = at - timeProvider.GetUtcNow();
            return delay > TimeSpan.Zero ? delay : TimeSpan.Zero;
        }

        return null;
    }
}

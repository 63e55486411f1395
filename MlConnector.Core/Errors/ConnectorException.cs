namespace MlConnector.Core.Errors;

/// <summary>
/// A failed call to a vendor (or a decision not to make one), classified by <see cref="ErrorKind"/>.
/// Subclasses exist only where handling differs: <see cref="ConnectorAuthException"/>,
/// <see cref="ConnectorRateLimitedException"/>, <see cref="ConnectorValidationException"/>.
/// </summary>
/// <remarks>
/// The message never contains a secret, a token or a raw authorization header. <see cref="VendorErrorBody"/> holds
/// the vendor's error document (credentials redacted, trimmed to 4 KiB) for the audit trail.
/// </remarks>
public class ConnectorException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConnectorException()
        : this("unknown", ErrorKind.Unknown, "The connector call failed.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What failed, without secrets.</param>
    public ConnectorException(string message)
        : this("unknown", ErrorKind.Unknown, message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    /// <param name="message">What failed, without secrets.</param>
    /// <param name="innerException">The cause.</param>
    public ConnectorException(string message, Exception innerException)
        : this("unknown", ErrorKind.Unknown, message, innerException: innerException)
    {
    }

    /// <summary>Creates a classified connector error.</summary>
    /// <param name="connector">The vendor, for example <c>qbo</c>, <c>ups</c>, <c>shipstation</c>.</param>
    /// <param name="kind">The taxonomy class.</param>
    /// <param name="message">What failed, without secrets.</param>
    /// <param name="statusCode">The HTTP status, when there was a response.</param>
    /// <param name="vendorErrorCode">The vendor's own error code (QBO Fault code, UPS error code…).</param>
    /// <param name="vendorErrorBody">The vendor's error body, trimmed.</param>
    /// <param name="requestId">The vendor's request/correlation id (for example QBO <c>intuit_tid</c>).</param>
    /// <param name="innerException">The cause.</param>
    public ConnectorException(
        string connector,
        ErrorKind kind,
        string message,
        HttpStatusCode? statusCode = null,
        string? vendorErrorCode = null,
        string? vendorErrorBody = null,
        string? requestId = null,
        Exception? innerException = null)
        : base(message, innerException)
    {
        Connector = connector;
        Kind = kind;
        StatusCode = statusCode;
        VendorErrorCode = vendorErrorCode;
        var body = Diagnostics.CredentialRedactor.Redact(vendorErrorBody);
        VendorErrorBody = body is { Length: > 4096 } ? body[..4096] : body;
        RequestId = requestId;
    }

    /// <summary>The vendor code: <c>qbo</c>, <c>qbd</c>, <c>ups</c>, <c>shipstation</c>, <c>freshbooks</c>, <c>sps</c>, or a platform name.</summary>
    public string Connector { get; }

    /// <summary>The taxonomy class.</summary>
    public ErrorKind Kind { get; }

    /// <summary>The HTTP status of the vendor's response, if any.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The vendor's own error code, if any.</summary>
    public string? VendorErrorCode { get; }

    /// <summary>The vendor's error body (at most 4 KiB), if any.</summary>
    public string? VendorErrorBody { get; }

    /// <summary>The vendor's request id, if any.</summary>
    public string? RequestId { get; }

    /// <summary>True when the same call may succeed later (transient, rate-limited).</summary>
    public bool IsTransient => Kind is ErrorKind.Transient or ErrorKind.RateLimited;

    /// <summary>How long the vendor asked us to wait, if it said.</summary>
    public virtual TimeSpan? RetryAfter => null;
}

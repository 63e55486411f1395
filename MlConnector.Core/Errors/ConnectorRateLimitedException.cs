namespace MlConnector.Core.Errors;

/// <summary>The vendor throttled the call; retry after <see cref="RetryAfter"/>.</summary>
public sealed class ConnectorRateLimitedException : ConnectorException
{
    private readonly TimeSpan? _retryAfter;

    /// <summary>Creates the exception.</summary>
    public ConnectorRateLimitedException()
        : this("unknown", "The vendor throttled the call.", null)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What failed.</param>
    public ConnectorRateLimitedException(string message)
        : this("unknown", message, null)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public ConnectorRateLimitedException(string message, Exception innerException)
        : this("unknown", message, null, innerException: innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="connector">The vendor code.</param>
    /// <param name="message">What failed.</param>
    /// <param name="retryAfter">The vendor's requested delay (<c>Retry-After</c>, <c>X-Rate-Limit-Reset</c>), if given.</param>
    /// <param name="statusCode">The HTTP status, normally 429.</param>
    /// <param name="vendorErrorCode">The vendor's code.</param>
    /// <param name="vendorErrorBody">The vendor's error body.</param>
    /// <param name="requestId">The vendor's request id.</param>
    /// <param name="innerException">The cause.</param>
    public ConnectorRateLimitedException(
        string connector,
        string message,
        TimeSpan? retryAfter,
        HttpStatusCode? statusCode = HttpStatusCode.TooManyRequests,
        string? vendorErrorCode = null,
        string? vendorErrorBody = null,
        string? requestId = null,
        Exception? innerException = null)
        : base(connector, ErrorKind.RateLimited, message, statusCode, vendorErrorCode, vendorErrorBody, requestId, innerException)
    {
        _retryAfter = retryAfter;
    }

    /// <inheritdoc />
    public override TimeSpan? RetryAfter => _retryAfter;
}

namespace MlConnector.Core.Errors;

/// <summary>The vendor refused the connection's credentials: the merchant must reconnect. Never retried.</summary>
public sealed class ConnectorAuthException : ConnectorException
{
    /// <summary>Creates the exception.</summary>
    public ConnectorAuthException()
        : this("unknown", "The vendor refused the connection's credentials.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What failed.</param>
    public ConnectorAuthException(string message)
        : this("unknown", message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public ConnectorAuthException(string message, Exception innerException)
        : this("unknown", message, innerException: innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="connector">The vendor code.</param>
    /// <param name="message">What failed, without secrets.</param>
    /// <param name="statusCode">The HTTP status (401/403), when there was a response.</param>
    /// <param name="vendorErrorCode">The vendor's code, for example <c>invalid_grant</c>.</param>
    /// <param name="vendorErrorBody">The vendor's error body.</param>
    /// <param name="requestId">The vendor's request id.</param>
    /// <param name="innerException">The cause.</param>
    public ConnectorAuthException(
        string connector,
        string message,
        HttpStatusCode? statusCode = null,
        string? vendorErrorCode = null,
        string? vendorErrorBody = null,
        string? requestId = null,
        Exception? innerException = null)
        : base(connector, ErrorKind.NeedsReconsent, message, statusCode, vendorErrorCode, vendorErrorBody, requestId, innerException)
    {
    }
}

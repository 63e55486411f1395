namespace MlConnector.Core.Errors;

/// <summary>
/// The record cannot be synced as it is; someone must fix data or a mapping (for example an unmapped SKU, an
/// invalid ship-to address). Never retried automatically; the record stays visible and replayable.
/// </summary>
public sealed class ConnectorValidationException : ConnectorException
{
    /// <summary>Creates the exception.</summary>
    public ConnectorValidationException()
        : this("unknown", "The record failed validation.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What must be fixed.</param>
    public ConnectorValidationException(string message)
        : this("unknown", message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    /// <param name="message">What must be fixed.</param>
    /// <param name="innerException">The cause.</param>
    public ConnectorValidationException(string message, Exception innerException)
        : this("unknown", message, innerException: innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="connector">The vendor code, or the integration that decided.</param>
    /// <param name="message">What must be fixed, naming the field or key (for example the SKU).</param>
    /// <param name="field">The field or mapping key at fault, if one.</param>
    /// <param name="statusCode">The HTTP status, when the vendor rejected it.</param>
    /// <param name="vendorErrorCode">The vendor's code.</param>
    /// <param name="vendorErrorBody">The vendor's error body.</param>
    /// <param name="requestId">The vendor's request id.</param>
    /// <param name="innerException">The cause.</param>
    public ConnectorValidationException(
        string connector,
        string message,
        string? field = null,
        HttpStatusCode? statusCode = null,
        string? vendorErrorCode = null,
        string? vendorErrorBody = null,
        string? requestId = null,
        Exception? innerException = null)
        : base(connector, ErrorKind.Validation, message, statusCode, vendorErrorCode, vendorErrorBody, requestId, innerException)
    {
        Field = field;
    }

    /// <summary>The field or mapping key at fault, if one.</summary>
    public string? Field { get; }
}

namespace MlConnector.Core.Errors;

/// <summary>A vendor-specific classification of a failed response, returned by an <see cref="IVendorErrorClassifier"/>.</summary>
/// <param name="Kind">The kind to use instead of the status-code mapping.</param>
public sealed record VendorErrorClassification(ErrorKind Kind)
{
    /// <summary>The vendor's own error code, for example QBO Fault code <c>5010</c> or UPS <c>10429</c>.</summary>
    public string? VendorErrorCode { get; init; }

    /// <summary>The vendor's human-readable detail, appended to the exception message. Must not contain secrets.</summary>
    public string? Detail { get; init; }

    /// <summary>For <see cref="ErrorKind.Validation"/>: the field or mapping key at fault.</summary>
    public string? Field { get; init; }

    /// <summary>A request id found in the body (for example ShipStation V2 <c>request_id</c>), used when no header carried one.</summary>
    public string? RequestId { get; init; }
}

namespace MlConnector.Core.Errors;

/// <summary>
/// A connector's refinement of <see cref="HttpErrorMapper"/>: it reads the vendor's error body and may change the
/// <see cref="ErrorKind"/> the status code alone would give, for example a QuickBooks Online Fault code 5010
/// ("Stale Object Error", sent as HTTP 400) is a <see cref="ErrorKind.Conflict"/>, and an SPS Commerce partner
/// rejection is <see cref="ErrorKind.PartnerRejected"/>.
/// </summary>
/// <remarks>
/// Register one per connector as a singleton <c>IVendorErrorClassifier</c>; the mapper picks it by
/// <see cref="Connector"/> (case-insensitive). The classifier only classifies: the mapper builds the exception, so
/// there is still one mapper.
/// </remarks>
public interface IVendorErrorClassifier
{
    /// <summary>The connector code this classifier serves, for example <c>qbo</c> or <c>sps</c>.</summary>
    string Connector { get; }

    /// <summary>Classifies a failed response from the vendor's body.</summary>
    /// <param name="context">The response's status, headers, default kind and (trimmed) body.</param>
    /// <returns>A refined classification, or <see langword="null"/> to keep the status-code mapping.</returns>
    VendorErrorClassification? Classify(VendorErrorContext context);
}

namespace MlConnector.Core.Integrations.QboSps;

/// <summary>An outbound RSX document built from a QBO invoice, ready to check and upload.</summary>
/// <param name="Number">The document number (invoice or ASN number): the ledger key is <c>{partner}/{Number}</c>.</param>
/// <param name="Content">The schema-validated RSX bytes.</param>
/// <param name="FileName">The SPS file name (<see cref="SpsDocumentUploader.FileName"/>).</param>
/// <param name="Description">The <c>sps-meta-description</c>, for example <c>810 1001 for PO 123</c>.</param>
/// <param name="Facts">What the audit row says about the content, for example <c>3 lines, total 42.00</c>.</param>
public sealed record SpsOutboundDocument(string Number, byte[] Content, string FileName, string Description, string Facts);

namespace MlConnector.Core.Integrations.FreshBooksUps;

/// <summary>What the tracking write-back did to an invoice.</summary>
/// <param name="InvoiceId">The FreshBooks invoice id, or 0 when the package belongs to no invoice of the connection.</param>
/// <param name="Changed">True when the invoice was updated; false when it already showed every package's status.</param>
/// <param name="Text">The tracking text the invoice shows.</param>
public sealed record FreshBooksTrackingWriteResult(long InvoiceId, bool Changed, string Text);

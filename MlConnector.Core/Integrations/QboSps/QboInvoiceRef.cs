namespace MlConnector.Core.Integrations.QboSps;

/// <summary>A QBO invoice of a connection, by id: workflow input (ids only).</summary>
/// <param name="ConnectionId">The connection.</param>
/// <param name="InvoiceId">The QBO Invoice id.</param>
public sealed record QboInvoiceRef(string ConnectionId, string InvoiceId);

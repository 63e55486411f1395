namespace MlConnector.Core.Integrations.ShipStationQbo;

/// <summary>The outcome of the "ShipStation order → QBO invoice" workflow.</summary>
/// <param name="OrderNumber">The order.</param>
/// <param name="CustomerId">The QBO customer, or null when skipped.</param>
/// <param name="InvoiceId">The QBO invoice, or null when skipped.</param>
/// <param name="InvoiceCreated">True when this run created the invoice; false when it already existed.</param>
/// <param name="SkippedReason">Why nothing was created (a cancelled order), or null.</param>
public sealed record OrderSyncResult(string OrderNumber, string? CustomerId, string? InvoiceId, bool InvoiceCreated, string? SkippedReason);

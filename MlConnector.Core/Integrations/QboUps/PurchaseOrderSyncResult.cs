namespace MlConnector.Core.Integrations.QboUps;

/// <summary>The output of "QBO purchase order → UPS shipment".</summary>
/// <param name="PurchaseOrderId">The QBO PurchaseOrder Id.</param>
/// <param name="ShipmentIdentificationNumber">UPS's shipment id; null when skipped.</param>
/// <param name="TrackingNumbers">The packages' tracking numbers.</param>
/// <param name="Charge">The booked charge, decimal in <paramref name="CurrencyCode"/>.</param>
/// <param name="CurrencyCode">The currency.</param>
/// <param name="CostEntity"><c>Bill</c> or <c>JournalEntry</c>.</param>
/// <param name="CostEntityId">Its QBO Id.</param>
/// <param name="SkipReason">Why nothing was shipped, if so.</param>
public sealed record PurchaseOrderSyncResult(
    string PurchaseOrderId,
    string? ShipmentIdentificationNumber,
    IReadOnlyList<string> TrackingNumbers,
    decimal? Charge,
    string? CurrencyCode,
    string? CostEntity,
    string? CostEntityId,
    string? SkipReason);

namespace MlConnector.Core.Integrations.FreshBooksUps;

/// <summary>The output of "FreshBooks invoice → UPS shipment".</summary>
/// <param name="InvoiceId">The FreshBooks invoice id.</param>
/// <param name="ShipmentIdentificationNumber">The UPS shipment, or null when skipped.</param>
/// <param name="TrackingNumbers">Its packages' tracking numbers.</param>
/// <param name="Charge">What UPS charges, in <paramref name="CurrencyCode"/>; null when skipped.</param>
/// <param name="CurrencyCode">The ISO 4217 currency of the charge.</param>
/// <param name="SkipReason">Why nothing shipped, or null.</param>
public sealed record FreshBooksInvoiceShipResult(long InvoiceId, string? ShipmentIdentificationNumber, IReadOnlyList<string> TrackingNumbers, decimal? Charge, string? CurrencyCode, string? SkipReason);

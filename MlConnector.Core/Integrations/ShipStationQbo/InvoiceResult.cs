namespace MlConnector.Core.Integrations.ShipStationQbo;

/// <summary>Output of the invoice-creation activity.</summary>
/// <param name="InvoiceId">The QBO invoice.</param>
/// <param name="Created">True when this call created it.</param>
public sealed record InvoiceResult(string InvoiceId, bool Created);

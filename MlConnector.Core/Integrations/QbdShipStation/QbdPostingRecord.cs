namespace MlConnector.Core.Integrations.QbdShipStation;

/// <summary>Record the outcome of a posting (activity input).</summary>
/// <param name="Shipment">The shipment.</param>
/// <param name="Result">The outcome.</param>
/// <param name="ReleaseRequestId">An add request whose reservation is released (it failed, or ran not at all), or null.</param>
public sealed record QbdPostingRecord(QbdShipmentRef Shipment, QbdPostingResult Result, string? ReleaseRequestId = null);

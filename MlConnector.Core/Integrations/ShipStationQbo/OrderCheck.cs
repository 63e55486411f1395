namespace MlConnector.Core.Integrations.ShipStationQbo;

/// <summary>The result of checking an order before syncing it.</summary>
/// <param name="SkipReason">Why the order must not be invoiced (cancelled), or null to go on.</param>
public sealed record OrderCheck(string? SkipReason);

namespace MlConnector.Core.Integrations.ShipStationQbo;

/// <summary>The result of <see cref="ShipStationQboCustomerResolver.EnsureAsync"/>.</summary>
/// <param name="CustomerId">The QBO customer of the buyer.</param>
/// <param name="Created">True when this call created it.</param>
/// <param name="Detail">How it was found or made, for the audit trail.</param>
public sealed record CustomerResolution(string CustomerId, bool Created, string Detail);

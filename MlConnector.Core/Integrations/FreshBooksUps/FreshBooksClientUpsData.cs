using MlConnector.Core.Connectors.FreshBooks;

namespace MlConnector.Core.Integrations.FreshBooksUps;

/// <summary>
/// A FreshBooks client's own UPS data, kept encrypted in the secret store under the client id
/// (<see cref="FreshBooksClientUpsStore"/>), never in settings, audit rows or workflow payloads: whether the client has its
/// own UPS account (shipper) number, and a ship-to address that overrides the one FreshBooks holds.
/// </summary>
/// <param name="ShipperAccount">The client's UPS sub-account of the connection (<c>fbc{clientId}</c>) when it has its own
/// shipper number, else null (the connection's account). The number itself stays in the secret store.</param>
/// <param name="ShipTo">The address to ship this client's invoices to, or null for FreshBooks' shipping address.</param>
public sealed record FreshBooksClientUpsData(string? ShipperAccount, FreshBooksAddress? ShipTo);

using MlConnector.Core.Connectors.FreshBooks;

namespace MlConnector.Core.Integrations.FreshBooksUps;

/// <summary>
/// A FreshBooks client's own UPS data, kept encrypted in the secret store under the client id
/// (<see cref="FreshBooksClientUpsStore"/>), never in settings: the client's UPS account (shipper) number and a ship-to
/// address that overrides the one FreshBooks holds. JSON: <c>{"shipperNumber":"A1B2C3","shipTo":{"street":…,"city":…,
/// "province":…,"postalCode":…,"country":…}}</c>, both optional.
/// </summary>
/// <param name="ShipperNumber">The client's 6-character UPS account number, or null for the connection's.</param>
/// <param name="ShipTo">The address to ship this client's invoices to, or null for FreshBooks' shipping address.</param>
public sealed record FreshBooksClientUpsData(string? ShipperNumber, FreshBooksAddress? ShipTo);

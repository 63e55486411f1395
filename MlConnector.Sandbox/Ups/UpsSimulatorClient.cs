namespace MlConnector.Sandbox.Ups;

/// <summary>An application registered with the simulated UPS OAuth server.</summary>
/// <param name="ClientId">The client id (HTTP Basic user name).</param>
/// <param name="ClientSecret">The client secret (HTTP Basic password). Never logged or recorded.</param>
/// <param name="ShipperNumbers">The 6-character UPS account (shipper) numbers this client may use, as <c>x-merchant-id</c> and <c>Shipper.ShipperNumber</c>.</param>
public sealed record UpsSimulatorClient(string ClientId, string ClientSecret, IReadOnlyList<string> ShipperNumbers);

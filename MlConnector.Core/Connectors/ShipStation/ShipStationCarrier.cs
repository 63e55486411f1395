namespace MlConnector.Core.Connectors.ShipStation;

/// <summary>A carrier connected to the ShipStation account (V1 <c>GET /carriers</c>).</summary>
/// <remarks>Source: https://docs.shipstation.com/apis/shipstation-v1/openapi ("Carriers"; V1 carrier fields <c>name</c>, <c>code</c>, <c>nickname</c>, <c>primary</c>).</remarks>
/// <param name="Code">The carrier code used in orders and shipments, for example <c>ups</c> or <c>stamps_com</c>.</param>
/// <param name="Name">The carrier's display name.</param>
public sealed record ShipStationCarrier(string Code, string Name)
{
    /// <summary>The merchant's nickname for the account, if any.</summary>
    public string? Nickname { get; init; }

    /// <summary>Whether this is the account's primary carrier of its kind.</summary>
    public bool Primary { get; init; }
}

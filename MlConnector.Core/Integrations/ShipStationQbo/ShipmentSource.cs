namespace MlConnector.Core.Integrations.ShipStationQbo;

/// <summary>
/// Which ShipStation document a shipment update comes from. Shipment ids and fulfillment ids are separate id spaces,
/// so the source is part of every key derived from the id (workflow instance, ledger, snapshot). Serialized by name.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<ShipmentSource>))]
public enum ShipmentSource
{
    /// <summary>A label created in ShipStation (SHIP_NOTIFY, V1 <c>/shipments</c>); the id is a <c>shipmentId</c>.</summary>
    Label = 0,

    /// <summary>An order marked shipped without a ShipStation label (FULFILLMENT_SHIPPED, V1 <c>/fulfillments</c>); the id is a <c>fulfillmentId</c>.</summary>
    Fulfillment = 1,
}

namespace MlConnector.Core.Connectors.ShipStation;

/// <summary>A ShipStation shipment (V1 <c>GET /shipments</c> / <c>resource_url</c> of SHIP_NOTIFY), or a fulfillment
/// (FULFILLMENT_SHIPPED), reduced to what updates the QBO invoice.</summary>
/// <remarks>Source: https://docs.shipstation.com/apis/shipstation-v1/docs/models/shipment</remarks>
public sealed record ShipStationShipment
{
    /// <summary>ShipStation's shipment (or fulfillment) id.</summary>
    public required long ShipmentId { get; init; }

    /// <summary>The order's id.</summary>
    public long OrderId { get; init; }

    /// <summary>The order number: finds the QBO invoice by DocNumber.</summary>
    public required string OrderNumber { get; init; }

    /// <summary>The ship date (a date; ShipStation gives no time), as UTC midnight of that date.</summary>
    public DateTimeOffset ShipDateUtc { get; init; }

    /// <summary>The carrier code, for example <c>ups</c>, <c>fedex</c>, <c>stamps_com</c>.</summary>
    public string? CarrierCode { get; init; }

    /// <summary>The service code, for example <c>ups_ground</c>.</summary>
    public string? ServiceCode { get; init; }

    /// <summary>The tracking number.</summary>
    public string? TrackingNumber { get; init; }

    /// <summary>What the label cost the merchant.</summary>
    public decimal ShipmentCost { get; init; }

    /// <summary>True when the label was voided: the shipment does not count.</summary>
    public bool Voided { get; init; }
}

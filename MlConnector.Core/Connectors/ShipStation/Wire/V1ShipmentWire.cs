namespace MlConnector.Core.Connectors.ShipStation.Wire;

/// <summary>The V1 shipment fields ml-connector reads (https://docs.shipstation.com/apis/shipstation-v1/docs/models/shipment).</summary>
internal sealed record V1ShipmentWire
{
    [JsonPropertyName("shipmentId")]
    public long ShipmentId { get; init; }

    [JsonPropertyName("orderId")]
    public long OrderId { get; init; }

    [JsonPropertyName("orderNumber")]
    public string? OrderNumber { get; init; }

    [JsonPropertyName("shipDate")]
    public string? ShipDate { get; init; }

    [JsonPropertyName("shipmentCost")]
    public decimal? ShipmentCost { get; init; }

    [JsonPropertyName("trackingNumber")]
    public string? TrackingNumber { get; init; }

    [JsonPropertyName("carrierCode")]
    public string? CarrierCode { get; init; }

    [JsonPropertyName("serviceCode")]
    public string? ServiceCode { get; init; }

    [JsonPropertyName("voided")]
    public bool Voided { get; init; }
}

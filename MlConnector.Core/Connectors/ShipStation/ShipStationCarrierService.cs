namespace MlConnector.Core.Connectors.ShipStation;

/// <summary>A shipping service of a carrier (V1 <c>GET /carriers/listservices?carrierCode=…</c>), mapped to a QBO shipping item.</summary>
/// <remarks>Source: https://docs.shipstation.com/apis/shipstation-v1/openapi ("Carriers"; V1 carrier fields <c>carrierCode</c>, <c>code</c>, <c>name</c>, <c>domestic</c>, <c>international</c>).</remarks>
/// <param name="CarrierCode">The carrier code.</param>
/// <param name="Code">The service code, for example <c>ups_ground</c>.</param>
/// <param name="Name">The service name, for example <c>UPS® Ground</c>.</param>
/// <param name="Domestic">Whether the service ships domestically.</param>
/// <param name="International">Whether the service ships internationally.</param>
public sealed record ShipStationCarrierService(string CarrierCode, string Code, string Name, bool Domestic, bool International);

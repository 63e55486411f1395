namespace MlConnector.Core.Connectors.Ups;

/// <summary>One shipped package: its tracking number and label.</summary>
/// <param name="TrackingNumber">The package's 1Z tracking number.</param>
/// <param name="LabelFormat">The label image format code (<c>GIF</c>, <c>PNG</c>, <c>ZPL</c>, …).</param>
/// <param name="LabelImage">The decoded label bytes (UPS sends them Base64 in <c>ShippingLabel.GraphicImage</c>). Keep them in blob storage, never in a table row.</param>
/// <remarks>Source: contracts/ups/Shipping.yaml (<c>ShipmentResults_PackageResults</c>, object or array).</remarks>
public sealed record UpsPackageResult(string TrackingNumber, string LabelFormat, ReadOnlyMemory<byte> LabelImage);

namespace MlConnector.Core.Connectors.SpsCommerce.Rsx;

/// <summary><c>PackLevel[].Pack</c>.</summary>
/// <param name="PackLevelType"><c>P</c> pack, <c>T</c> tare.</param>
/// <param name="ShippingSerialID">The SSCC-18 label number.</param>
/// <param name="CarrierPackageID">The carrier's tracking number.</param>
public sealed record RsxPack(
    string? PackLevelType = null,
    string? ShippingSerialID = null,
    string? CarrierPackageID = null);

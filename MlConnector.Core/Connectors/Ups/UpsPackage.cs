namespace MlConnector.Core.Connectors.Ups;

/// <summary>One package of a shipment.</summary>
/// <param name="Weight">The weight, in <paramref name="WeightUnit"/>.</param>
/// <param name="WeightUnit">UPS unit code: <c>LBS</c> or <c>KGS</c>.</param>
/// <param name="PackagingCode">UPS packaging type code, <c>02</c> (customer supplied package) by default.</param>
/// <remarks>Source: contracts/ups/Shipping.yaml (<c>ShipmentRequest_Shipment_Package</c>: <c>Packaging.Code</c>, <c>PackageWeight</c>).</remarks>
public sealed record UpsPackage(decimal Weight, string WeightUnit = "LBS", string PackagingCode = "02")
{
    /// <summary>A description of the contents, if any (<c>Package.Description</c>).</summary>
    public string? Description { get; init; }
}

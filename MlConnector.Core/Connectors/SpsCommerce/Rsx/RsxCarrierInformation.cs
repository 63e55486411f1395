namespace MlConnector.Core.Connectors.SpsCommerce.Rsx;

/// <summary>An RSX <c>CarrierInformation</c> entry.</summary>
/// <param name="CarrierTransMethodCode">X12 TD504, for example <c>P</c> private parcel, <c>M</c> motor.</param>
/// <param name="CarrierAlphaCode">The SCAC, for example <c>UPSN</c>.</param>
/// <param name="CarrierRouting">The carrier and service as text, for example <c>UPS Ground</c>.</param>
public sealed record RsxCarrierInformation(
    string? CarrierTransMethodCode = null,
    string? CarrierAlphaCode = null,
    string? CarrierRouting = null);

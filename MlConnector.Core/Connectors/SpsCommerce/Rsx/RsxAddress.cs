namespace MlConnector.Core.Connectors.SpsCommerce.Rsx;

/// <summary>An RSX <c>Address</c> loop entry (all document types).</summary>
/// <param name="AddressTypeCode">X12 N101: <c>ST</c> ship-to, <c>BT</c> bill-to, <c>SF</c> ship-from, <c>VN</c> vendor.</param>
/// <param name="LocationCodeQualifier">X12 N103, for example <c>92</c> assigned by buyer.</param>
/// <param name="AddressLocationNumber">X12 N104: the location code.</param>
/// <param name="AddressName">The name.</param>
/// <param name="Address1">Street line 1.</param>
/// <param name="Address2">Street line 2.</param>
/// <param name="City">The city.</param>
/// <param name="State">The state or province code.</param>
/// <param name="PostalCode">The postal code.</param>
/// <param name="Country">The country code (SPS samples use <c>USA</c>).</param>
public sealed record RsxAddress(
    string? AddressTypeCode = null,
    string? LocationCodeQualifier = null,
    string? AddressLocationNumber = null,
    string? AddressName = null,
    string? Address1 = null,
    string? Address2 = null,
    string? City = null,
    string? State = null,
    string? PostalCode = null,
    string? Country = null);

namespace MlConnector.Core.Connectors.Ups;

/// <summary>A postal address as UPS takes it (XAV <c>AddressKeyFormat</c>; Shipping and Rating <c>Address</c>).</summary>
/// <param name="Name">The consignee or company name (Shipping <c>Name</c>, at most 35 characters).</param>
/// <param name="AddressLines">Street lines, at most 3 (<c>AddressLine</c>).</param>
/// <param name="City">The city (<c>PoliticalDivision2</c> in XAV).</param>
/// <param name="StateProvinceCode">The state or province code (<c>PoliticalDivision1</c> in XAV), for example <c>GA</c>.</param>
/// <param name="PostalCode">The postal code; XAV may return ZIP+4 split into <c>PostcodePrimaryLow</c>/<c>PostcodeExtendedLow</c>, joined here as <c>30005-1234</c>.</param>
/// <param name="CountryCode">The ISO 3166-1 alpha-2 country code.</param>
/// <remarks>Source: contracts/ups/AddressValidation.yaml (<c>XAVRequest_AddressKeyFormat</c>), Shipping.yaml (<c>ShipTo_Address</c>).</remarks>
public sealed record UpsAddress(
    string Name,
    IReadOnlyList<string> AddressLines,
    string City,
    string StateProvinceCode,
    string PostalCode,
    string CountryCode)
{
    /// <summary>The attention name (<c>AttentionName</c>), if any.</summary>
    public string? AttentionName { get; init; }

    /// <summary>The phone number (<c>Phone.Number</c>), if any.</summary>
    public string? Phone { get; init; }

    /// <summary>UPS's classification from XAV: <c>1</c> commercial, <c>2</c> residential, <c>0</c> unknown; null when not classified.</summary>
    public string? ClassificationCode { get; init; }
}

namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>A QBO <c>PhysicalAddress</c> (IntuitBaseTypes.xsd), as used for BillAddr / ShipAddr.</summary>
public sealed record QboPhysicalAddress
{
    /// <summary>First line.</summary>
    public string? Line1 { get; init; }

    /// <summary>Second line.</summary>
    public string? Line2 { get; init; }

    /// <summary>The third street line, if any.</summary>
    public string? Line3 { get; init; }

    /// <summary>City.</summary>
    public string? City { get; init; }

    /// <summary>State or province code.</summary>
    public string? CountrySubDivisionCode { get; init; }

    /// <summary>Postal code.</summary>
    public string? PostalCode { get; init; }

    /// <summary>Country.</summary>
    public string? Country { get; init; }
}

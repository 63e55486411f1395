namespace MlConnector.Core.Connectors.ShipStation;

/// <summary>A ShipStation address (V1 <c>Address</c> model).</summary>
/// <param name="Name">Recipient name.</param>
/// <param name="Street1">First street line.</param>
/// <param name="City">City.</param>
/// <param name="State">State or province code.</param>
/// <param name="PostalCode">Postal code.</param>
/// <param name="Country">ISO 3166-1 alpha-2 country code.</param>
public sealed record ShipStationAddress(string? Name, string? Street1, string? City, string? State, string? PostalCode, string? Country)
{
    /// <summary>Second street line.</summary>
    public string? Street2 { get; init; }

    /// <summary>Company name.</summary>
    public string? Company { get; init; }

    /// <summary>Phone number.</summary>
    public string? Phone { get; init; }
}

namespace MlConnector.Core.Connectors.FreshBooks;

/// <summary>A FreshBooks postal address as FreshBooks holds it (country as a name, for example <c>Canada</c>).</summary>
/// <param name="Street">The first street line.</param>
/// <param name="Street2">The second street line, or empty.</param>
/// <param name="City">The city.</param>
/// <param name="Province">The province or state.</param>
/// <param name="PostalCode">The postal code.</param>
/// <param name="Country">The country name.</param>
public sealed record FreshBooksAddress(string Street, string Street2, string City, string Province, string PostalCode, string Country)
{
    /// <summary>True when no line, city or postal code is filled in (FreshBooks sends empty strings for an unset address).</summary>
    public bool IsEmpty => string.IsNullOrWhiteSpace(Street) && string.IsNullOrWhiteSpace(City) && string.IsNullOrWhiteSpace(PostalCode);
}

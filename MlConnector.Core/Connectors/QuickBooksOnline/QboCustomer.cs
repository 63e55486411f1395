namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>A QBO <c>Customer</c> (Finance.xsd), with the fields ml-connector reads and writes.</summary>
public sealed record QboCustomer
{
    /// <summary>QBO's id; null on create.</summary>
    public string? Id { get; init; }

    /// <summary>The optimistic-concurrency version; null on create.</summary>
    public string? SyncToken { get; init; }

    /// <summary>The unique display name in the company.</summary>
    public required string DisplayName { get; init; }

    /// <summary>Given name.</summary>
    public string? GivenName { get; init; }

    /// <summary>Family name.</summary>
    public string? FamilyName { get; init; }

    /// <summary>Primary e-mail.</summary>
    public QboEmailAddress? PrimaryEmailAddr { get; init; }

    /// <summary>Free-form notes (IntuitNamesTypes.xsd, Customer.Notes: "Free form text describing the Customer", at most 1024 characters).</summary>
    public string? Notes { get; init; }

    /// <summary>Shipping address.</summary>
    public QboPhysicalAddress? ShipAddr { get; init; }

    /// <summary>Whether the customer is active; inactive customers are not matched.</summary>
    public bool Active { get; init; } = true;
}

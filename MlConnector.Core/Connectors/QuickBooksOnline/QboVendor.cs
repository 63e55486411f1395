namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>A QBO Vendor (a supplier).</summary>
/// <remarks>Source: contracts/quickbooks-online/xsd/Finance.xsd (<c>Vendor</c> extends <c>NameBase</c>).</remarks>
public sealed record QboVendor
{
    /// <summary>The entity id.</summary>
    public string? Id { get; init; }

    /// <summary>The version for optimistic concurrency.</summary>
    public string? SyncToken { get; init; }

    /// <summary>The display name, unique among vendors, customers and employees.</summary>
    public string? DisplayName { get; init; }

    /// <summary>The company name.</summary>
    public string? CompanyName { get; init; }

    /// <summary>The billing address.</summary>
    public QboPhysicalAddress? BillAddr { get; init; }

    /// <summary>The primary phone.</summary>
    public QboTelephoneNumber? PrimaryPhone { get; init; }

    /// <summary>Whether the vendor is active (an inactive vendor is QBO's deleted one).</summary>
    public bool Active { get; init; } = true;
}

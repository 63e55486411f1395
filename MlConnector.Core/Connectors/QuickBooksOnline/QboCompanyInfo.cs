namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>A QBO company's own record (<c>CompanyInfo</c>), read by the connection test.</summary>
/// <remarks>Source: contracts/quickbooks-online/xsd/Finance.xsd (<c>CompanyInfo</c>); read with
/// <c>GET /v3/company/{realmId}/companyinfo/{realmId}</c> (Intuit API reference, CompanyInfo).</remarks>
public sealed record QboCompanyInfo
{
    /// <summary>The entity id (the realm id).</summary>
    public string? Id { get; init; }

    /// <summary>The version for optimistic concurrency.</summary>
    public string? SyncToken { get; init; }

    /// <summary>The company's name.</summary>
    public string? CompanyName { get; init; }
}

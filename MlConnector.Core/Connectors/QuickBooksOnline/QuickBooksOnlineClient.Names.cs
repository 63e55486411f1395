namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>Lists of name entities, on the client's shared paged query.</summary>
public sealed partial class QuickBooksOnlineClient
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<QboVendor>> ListVendorsAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        var company = await ResolveAsync(connectionId, cancellationToken);
        return await QueryAllAsync(company, "Vendor", QboQuery.SelectAll("Vendor"), q => q.Vendor, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<QboCustomer>> ListCustomersAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        var company = await ResolveAsync(connectionId, cancellationToken);
        return await QueryAllAsync(company, "Customer", QboQuery.SelectAll("Customer"), q => q.Customer, cancellationToken);
    }
}

namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>Lists of name entities (Vendor, Customer: contracts/quickbooks-online/xsd/Finance.xsd), read to keep mappings aligned.</summary>
public partial interface IQuickBooksOnlineClient
{
    /// <summary>Lists the vendors QBO returns for <c>select * from Vendor</c> (every page), each with its <c>Active</c> flag.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The vendors.</returns>
    Task<IReadOnlyList<QboVendor>> ListVendorsAsync(string connectionId, CancellationToken cancellationToken = default);

    /// <summary>Lists the customers QBO returns for <c>select * from Customer</c> (every page), each with its <c>Active</c> flag.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The customers.</returns>
    Task<IReadOnlyList<QboCustomer>> ListCustomersAsync(string connectionId, CancellationToken cancellationToken = default);
}

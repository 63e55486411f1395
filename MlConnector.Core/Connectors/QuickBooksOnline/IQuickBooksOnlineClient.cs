namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>
/// QuickBooks Online Accounting API v3 for one connection at a time: the realm is the connection's
/// <c>qbo.realmId</c>, the bearer token comes from the token manager (provider <c>qbo</c>), the base URL from
/// <c>qbo.baseUrl</c> (default by <c>qbo.environment</c>). Every request carries <c>minorversion=75</c> and waits on
/// the realm's rate governor (500 per minute, 10 per second, 10 concurrent). Every create carries a
/// <c>requestid</c>, so a retried create returns the original entity instead of a duplicate. Faults (JSON, or XML
/// even when JSON was asked for) become <see cref="Errors.ConnectorException"/>s of the shared taxonomy.
/// </summary>
/// <remarks>Source: PROTOCOL-NOTES.md §2; https://developer.intuit.com/app/developer/qbo/docs/learn/rest-api-features</remarks>
public partial interface IQuickBooksOnlineClient
{
    /// <summary>
    /// Reads the company's own record, <c>GET /v3/company/{realmId}/companyinfo/{realmId}</c>: the cheapest authenticated
    /// read QBO offers (Intuit API reference, CompanyInfo "Read company info"), used by the connection test.
    /// </summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The company info.</returns>
    /// <exception cref="Errors.ConnectorException">With the failure's kind (re-consent, transient, …).</exception>
    Task<QboCompanyInfo> GetCompanyInfoAsync(string connectionId, CancellationToken cancellationToken = default);

    /// <summary>Reads the company's preferences (<c>GET /v3/company/{realmId}/preferences</c>), for its currency preferences.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The preferences.</returns>
    /// <exception cref="Errors.ConnectorException">With the failure's kind.</exception>
    Task<QboPreferences> GetPreferencesAsync(string connectionId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads the rate QBO holds from a foreign currency into the home currency on a date
    /// (<c>GET /v3/company/{realmId}/exchangerate?sourcecurrencycode=…&amp;asofdate=…</c>; multicurrency companies only).
    /// </summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="sourceCurrencyCode">The foreign currency (ISO 4217, three letters).</param>
    /// <param name="asOfDate">The date.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The rate, or null when QBO has none.</returns>
    /// <exception cref="Errors.ConnectorException">With the failure's kind.</exception>
    Task<QboExchangeRate?> GetExchangeRateAsync(string connectionId, string sourceCurrencyCode, DateOnly asOfDate, CancellationToken cancellationToken = default);

    /// <summary>Finds active customers by primary e-mail (case-insensitive, exact).</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="email">The e-mail.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The matching customers.</returns>
    Task<IReadOnlyList<QboCustomer>> FindCustomersByEmailAsync(string connectionId, string email, CancellationToken cancellationToken = default);

    /// <summary>Finds a customer by display name (unique in a company).</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="displayName">The display name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The customer, or null.</returns>
    Task<QboCustomer?> FindCustomerByDisplayNameAsync(string connectionId, string displayName, CancellationToken cancellationToken = default);

    /// <summary>Creates a customer.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="customer">The customer (no Id).</param>
    /// <param name="requestId">The idempotency key sent as <c>requestid</c> (at most 50 characters; stable across retries).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The created customer with Id and SyncToken.</returns>
    Task<QboCustomer> CreateCustomerAsync(string connectionId, QboCustomer customer, string requestId, CancellationToken cancellationToken = default);

    /// <summary>Finds an invoice by DocNumber.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="docNumber">The document number.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The invoice, or null.</returns>
    Task<QboInvoice?> FindInvoiceByDocNumberAsync(string connectionId, string docNumber, CancellationToken cancellationToken = default);

    /// <summary>
    /// Finds the invoices with any of the document numbers, with one query per <see cref="QboQuery.MaxInValues"/> numbers
    /// (<c>select * from Invoice where DocNumber in (…)</c>) on the realm's request budget, every page read.
    /// </summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="docNumbers">The document numbers (duplicates are asked once).</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>Every matching invoice (several may share a DocNumber), with its SyncToken.</returns>
    Task<IReadOnlyList<QboInvoice>> FindInvoicesByDocNumbersAsync(string connectionId, IReadOnlyCollection<string> docNumbers, CancellationToken cancellationToken = default);

    /// <summary>
    /// Finds the customers whose property is any of the values, with one query per <see cref="QboQuery.MaxInValues"/> values
    /// (<c>select * from Customer where {propertyName} in (…)</c>) on the realm's request budget, every page read.
    /// </summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="propertyName"><c>PrimaryEmailAddr</c> or <c>DisplayName</c> (any queryable Customer property).</param>
    /// <param name="values">The values, compared by QBO as it compares <c>=</c> (duplicates are asked once).</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>Every matching customer, active or not (the caller filters).</returns>
    Task<IReadOnlyList<QboCustomer>> FindCustomersInAsync(string connectionId, string propertyName, IReadOnlyCollection<string> values, CancellationToken cancellationToken = default);

    /// <summary>Reads an invoice.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="invoiceId">The invoice Id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The invoice, or null when QBO answers Object Not Found.</returns>
    Task<QboInvoice?> GetInvoiceAsync(string connectionId, string invoiceId, CancellationToken cancellationToken = default);

    /// <summary>Creates an invoice.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="invoice">The invoice (no Id).</param>
    /// <param name="requestId">The idempotency key sent as <c>requestid</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The created invoice.</returns>
    Task<QboInvoice> CreateInvoiceAsync(string connectionId, QboInvoice invoice, string requestId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sparse-updates an invoice with its current SyncToken: reads it, builds the update from what was read, sends it.
    /// On a Stale Object Error (code 5010) it re-reads and re-applies once.
    /// </summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="invoiceId">The invoice Id.</param>
    /// <param name="buildUpdate">Builds the update from the current invoice; may be called twice.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The updated invoice.</returns>
    /// <exception cref="Errors.ConnectorException">With <see cref="Errors.ErrorKind.Conflict"/> when the invoice is still stale after one retry;
    /// <see cref="Errors.ErrorKind.NotFound"/> when it no longer exists.</exception>
    Task<QboInvoice> UpdateInvoiceAsync(string connectionId, string invoiceId, Func<QboInvoice, QboInvoiceUpdate> buildUpdate, CancellationToken cancellationToken = default);

    /// <summary>Lists all items (every page).</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The items.</returns>
    Task<IReadOnlyList<QboItem>> ListItemsAsync(string connectionId, CancellationToken cancellationToken = default);

    /// <summary>Lists all accounts (every page).</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The accounts.</returns>
    Task<IReadOnlyList<QboAccount>> ListAccountsAsync(string connectionId, CancellationToken cancellationToken = default);

    /// <summary>Reads a purchase order with its vendor address, ship-to address and lines.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="purchaseOrderId">The PurchaseOrder Id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The purchase order, or null when QBO answers Object Not Found (for example it was deleted).</returns>
    Task<QboPurchaseOrder?> GetPurchaseOrderAsync(string connectionId, string purchaseOrderId, CancellationToken cancellationToken = default);

    /// <summary>Reads a vendor.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="vendorId">The Vendor Id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The vendor, or null when QBO answers Object Not Found.</returns>
    Task<QboVendor?> GetVendorAsync(string connectionId, string vendorId, CancellationToken cancellationToken = default);

    /// <summary>Finds a bill of a vendor by DocNumber (the oldest when several share it).</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="vendorId">The vendor's Id.</param>
    /// <param name="docNumber">The bill number (QBO allows at most 21 characters).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The bill, or null.</returns>
    Task<QboBill?> FindBillByDocNumberAsync(string connectionId, string vendorId, string docNumber, CancellationToken cancellationToken = default);

    /// <summary>Creates a bill.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="bill">The bill (no Id).</param>
    /// <param name="requestId">The idempotency key sent as <c>requestid</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The created bill.</returns>
    Task<QboBill> CreateBillAsync(string connectionId, QboBill bill, string requestId, CancellationToken cancellationToken = default);

    /// <summary>Sparse-updates a bill with its current SyncToken; on a Stale Object Error (5010) it re-reads and re-applies once.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="billId">The bill Id.</param>
    /// <param name="buildUpdate">Builds the update from the current bill; may be called twice; an update with nothing set sends nothing.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The updated (or unchanged) bill.</returns>
    /// <exception cref="Errors.ConnectorException">With <see cref="Errors.ErrorKind.Conflict"/> when still stale after one retry;
    /// <see cref="Errors.ErrorKind.NotFound"/> when the bill no longer exists.</exception>
    Task<QboBill> UpdateBillAsync(string connectionId, string billId, Func<QboBill, QboBillUpdate> buildUpdate, CancellationToken cancellationToken = default);

    /// <summary>Finds a journal entry by DocNumber (the oldest when several share it).</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="docNumber">The entry number (QBO allows at most 21 characters).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The journal entry, or null.</returns>
    Task<QboJournalEntry?> FindJournalEntryByDocNumberAsync(string connectionId, string docNumber, CancellationToken cancellationToken = default);

    /// <summary>Creates a journal entry.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="entry">The entry (no Id; balanced).</param>
    /// <param name="requestId">The idempotency key sent as <c>requestid</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The created journal entry.</returns>
    Task<QboJournalEntry> CreateJournalEntryAsync(string connectionId, QboJournalEntry entry, string requestId, CancellationToken cancellationToken = default);

    /// <summary>Sparse-updates a journal entry with its current SyncToken; on a Stale Object Error (5010) it re-reads and re-applies once.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="journalEntryId">The journal entry Id.</param>
    /// <param name="buildUpdate">Builds the update from the current entry; may be called twice; an update with nothing set sends nothing.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The updated (or unchanged) journal entry.</returns>
    /// <exception cref="Errors.ConnectorException">With <see cref="Errors.ErrorKind.Conflict"/> when still stale after one retry;
    /// <see cref="Errors.ErrorKind.NotFound"/> when the entry no longer exists.</exception>
    Task<QboJournalEntry> UpdateJournalEntryAsync(string connectionId, string journalEntryId, Func<QboJournalEntry, QboJournalEntryUpdate> buildUpdate, CancellationToken cancellationToken = default);

    /// <summary>
    /// Change Data Capture: <c>GET /v3/company/{realmId}/cdc?entities=A,B&amp;changedSince=…</c>, the entities of the given
    /// kinds changed since a time, deleted ones included. QBO looks back at most 30 days and returns at most 1000 objects
    /// (PROTOCOL-NOTES.md §2; https://developer.intuit.com/app/developer/qbo/docs/learn/explore-the-quickbooks-online-api/change-data-capture).
    /// </summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="entityNames">QBO entity names, for example <c>PurchaseOrder</c>; at least one.</param>
    /// <param name="changedSinceUtc">The look-back time; the caller keeps it within 30 days.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The changes and QBO's server time.</returns>
    /// <exception cref="ArgumentException">When no entity name is given, or one is empty or contains a comma.</exception>
    /// <exception cref="Errors.ConnectorException">When QBO answers with a fault (for example a look-back beyond 30 days).</exception>
    Task<QboCdcChanges> GetChangesAsync(string connectionId, IReadOnlyList<string> entityNames, DateTimeOffset changedSinceUtc, CancellationToken cancellationToken = default);

    /// <summary>
    /// The most items <see cref="BatchAsync"/> takes in one batch request: <see cref="QuickBooksOnlineOptions.BatchMaxItems"/>
    /// (1–30, default 30; Intuit's batch page says 10, its limits page 30). Batch writers fill their batches to this.
    /// </summary>
    int BatchMaxItems { get; }

    /// <summary>
    /// One batch request, <c>POST /v3/company/{realmId}/batch</c>: up to <see cref="BatchMaxItems"/> (at most 30) creates, updates and queries run by QBO one after
    /// another, each answered on its own; an item's <c>Fault</c> fails that item only and is returned classified in its
    /// <see cref="QboBatchItemResult.Error"/>. The request spends the realm's request budget and its batch budget
    /// (40 batch requests per minute per realm and app, governed at 38). It carries no <c>requestid</c> and is not resent
    /// by the resilience pipeline: a caller whose response was lost looks its creates up (by DocNumber, e-mail…) before
    /// sending them again.
    /// </summary>
    /// <remarks>Source: https://developer.intuit.com/app/developer/qbo/docs/learn/explore-the-quickbooks-online-api/batch ;
    /// limits: https://developer.intuit.com/app/developer/qbo/docs/learn/limits-and-throttles (PROTOCOL-NOTES.md §2).</remarks>
    /// <param name="connectionId">The connection.</param>
    /// <param name="items">1 to <see cref="BatchMaxItems"/> items with distinct batch ids.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One result per item, in the order of <paramref name="items"/>.</returns>
    /// <exception cref="ArgumentException">When there are no items, more than <see cref="BatchMaxItems"/>, or two share a batch id.</exception>
    /// <exception cref="Errors.ConnectorException">When the batch as a whole fails (429, auth, a lost response…).</exception>
    Task<IReadOnlyList<QboBatchItemResult>> BatchAsync(string connectionId, IReadOnlyList<QboBatchItem> items, CancellationToken cancellationToken = default);
}

using MlConnector.Core.Connectors.QuickBooksOnline.Wire;

namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>
/// One <c>BatchItemRequest</c> of a QBO batch (<see cref="IQuickBooksOnlineClient.BatchAsync"/>): an entity with its
/// <c>operation</c> (<c>create</c>, <c>update</c>), or a <c>Query</c>, under a batch id (<c>bId</c>) that its
/// <c>BatchItemResponse</c> carries back. Wire shape (IntuitRestServiceDef.xsd <c>BatchItemRequest</c>):
/// <c>{"bId":"1","operation":"create","Invoice":{…}}</c> or <c>{"bId":"2","Query":"select * from Invoice where …"}</c>.
/// </summary>
/// <remarks>Source: https://developer.intuit.com/app/developer/qbo/docs/learn/explore-the-quickbooks-online-api/batch .</remarks>
public sealed record QboBatchItem
{
    private QboBatchItem(string bId, string? operation, string? entityName, byte[]? entity, string? query)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bId);
        BId = bId;
        Operation = operation;
        EntityName = entityName;
        EntityJson = entity;
        Query = query;
    }

    /// <summary>The batch id, unique within its batch.</summary>
    public string BId { get; }

    /// <summary><c>create</c> or <c>update</c>; <see langword="null"/> for a query.</summary>
    public string? Operation { get; }

    /// <summary>The entity's element name (<c>Customer</c>, <c>Invoice</c>); <see langword="null"/> for a query.</summary>
    public string? EntityName { get; }

    /// <summary>The query statement, for a query item.</summary>
    public string? Query { get; }

    /// <summary>The entity as UTF-8 JSON, for a create or update.</summary>
    internal byte[]? EntityJson { get; }

    /// <summary>A customer create.</summary>
    /// <param name="bId">The batch id.</param>
    /// <param name="customer">The customer (no Id).</param>
    /// <returns>The item.</returns>
    /// <exception cref="ArgumentException">When the customer has an Id or <paramref name="bId"/> is empty.</exception>
    public static QboBatchItem Create(string bId, QboCustomer customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return customer.Id is null
            ? new QboBatchItem(bId, "create", "Customer", JsonSerializer.SerializeToUtf8Bytes(customer, QuickBooksOnlineJsonContext.Default.QboCustomer), null)
            : throw new ArgumentException("A customer to create must not have an Id.", nameof(customer));
    }

    /// <summary>An invoice create.</summary>
    /// <param name="bId">The batch id.</param>
    /// <param name="invoice">The invoice (no Id).</param>
    /// <returns>The item.</returns>
    /// <exception cref="ArgumentException">When the invoice has an Id or <paramref name="bId"/> is empty.</exception>
    public static QboBatchItem Create(string bId, QboInvoice invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        return invoice.Id is null
            ? new QboBatchItem(bId, "create", "Invoice", JsonSerializer.SerializeToUtf8Bytes(invoice, QuickBooksOnlineJsonContext.Default.QboInvoice), null)
            : throw new ArgumentException("An invoice to create must not have an Id.", nameof(invoice));
    }

    /// <summary>A sparse invoice update at a known SyncToken (a stale one faults the item with 5010).</summary>
    /// <param name="bId">The batch id.</param>
    /// <param name="invoiceId">The invoice Id.</param>
    /// <param name="syncToken">The invoice's current SyncToken.</param>
    /// <param name="update">The fields to change.</param>
    /// <returns>The item.</returns>
    /// <exception cref="ArgumentException">When an id, the SyncToken or <paramref name="bId"/> is empty.</exception>
    public static QboBatchItem Update(string bId, string invoiceId, string syncToken, QboInvoiceUpdate update)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(invoiceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(syncToken);
        ArgumentNullException.ThrowIfNull(update);
        var sparse = InvoiceSparseUpdateWire.From(invoiceId, syncToken, update);
        return new QboBatchItem(bId, "update", "Invoice", JsonSerializer.SerializeToUtf8Bytes(sparse, QuickBooksOnlineJsonContext.Default.InvoiceSparseUpdateWire), null);
    }

    /// <summary>A query (<see cref="QboQuery"/> builds statements); the response holds one page of at most MAXRESULTS rows.</summary>
    /// <param name="bId">The batch id.</param>
    /// <param name="statement">The select statement.</param>
    /// <returns>The item.</returns>
    /// <exception cref="ArgumentException">When the statement or <paramref name="bId"/> is empty.</exception>
    public static QboBatchItem Select(string bId, string statement)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(statement);
        return new QboBatchItem(bId, null, null, null, statement);
    }
}

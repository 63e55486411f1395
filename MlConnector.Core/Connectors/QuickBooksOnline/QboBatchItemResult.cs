using MlConnector.Core.Errors;

namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>
/// The answer to one <see cref="QboBatchItem"/>, matched by its batch id: the entity a create or update returned, the rows
/// a query returned, or the item's own <c>Fault</c> as a classified <see cref="ConnectorException"/> (one item's fault
/// fails that item only).
/// </summary>
/// <param name="BId">The batch id.</param>
public sealed record QboBatchItemResult(string BId)
{
    /// <summary>The created or updated customer.</summary>
    public QboCustomer? Customer { get; init; }

    /// <summary>The created or updated invoice.</summary>
    public QboInvoice? Invoice { get; init; }

    /// <summary>The customers a query returned (empty when it matched none).</summary>
    public IReadOnlyList<QboCustomer> Customers { get; init; } = [];

    /// <summary>The invoices a query returned (empty when it matched none).</summary>
    public IReadOnlyList<QboInvoice> Invoices { get; init; } = [];

    /// <summary>The item's fault, classified like the same fault outside a batch; <see langword="null"/> when it succeeded.</summary>
    public ConnectorException? Error { get; init; }
}

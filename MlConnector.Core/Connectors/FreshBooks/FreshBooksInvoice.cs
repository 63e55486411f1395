namespace MlConnector.Core.Connectors.FreshBooks;

/// <summary>A FreshBooks invoice (<c>/invoices/invoices/{id}</c> with <c>include[]=lines</c>, java-sdk-fixtures/get_invoice_response.json).</summary>
/// <param name="Id">The invoice id.</param>
/// <param name="InvoiceNumber">The invoice number the client sees, for example <c>ACM0002</c>.</param>
/// <param name="CustomerId">The client (<c>customerid</c>).</param>
/// <param name="CurrencyCode">The ISO 4217 currency (<c>currency_code</c>).</param>
/// <param name="Amount">The total in <paramref name="CurrencyCode"/>.</param>
/// <param name="Outstanding">What is still owed, in <paramref name="CurrencyCode"/>.</param>
/// <param name="Status">The <c>v3_status</c>, for example <c>draft</c>, <c>sent</c>, <c>paid</c>, <c>partial</c>.</param>
/// <param name="Notes">The notes the client sees.</param>
/// <param name="Deleted">True when <c>vis_state</c> is 1 (deleted) or 2 (archived).</param>
/// <param name="Updated">FreshBooks' <c>updated</c> value as sent (<c>yyyy-MM-dd HH:mm:ss</c>, no offset).</param>
/// <param name="Address">The billing address printed on the invoice.</param>
/// <param name="Lines">The lines.</param>
public sealed record FreshBooksInvoice(
    long Id,
    string InvoiceNumber,
    long CustomerId,
    string CurrencyCode,
    decimal Amount,
    decimal Outstanding,
    string Status,
    string Notes,
    bool Deleted,
    string Updated,
    FreshBooksAddress Address,
    IReadOnlyList<FreshBooksInvoiceLine> Lines);

namespace MlConnector.Core.Connectors.FreshBooks;

/// <summary>
/// The FreshBooks API as ml-connector uses it (PROTOCOL-NOTES §4): identity, accounting clients and invoices under the
/// connection's <c>freshbooks.accountId</c>, and webhook callbacks. Every call names the connection; its OAuth token and
/// rate budget are the connection's.
/// </summary>
/// <remarks>
/// Failures are <see cref="Errors.ConnectorException"/> classified by <see cref="FreshBooksErrorClassifier"/> (both
/// accounting error shapes, the events shape and the auth shape): 401 after one renewal → NeedsReconsent, 404 / errno
/// 1012 → NotFound, 400 / 422 → Validation with the field, 429 → RateLimited, 5xx → Transient. A connection without
/// <c>freshbooks.accountId</c> gives a <see cref="Errors.ConnectorValidationException"/> on the accounting and callback calls.
/// </remarks>
public interface IFreshBooksClient
{
    /// <summary><c>GET /auth/api/v1/users/me</c>: the signed-in user and its businesses (account_id and business_id).</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The identity.</returns>
    Task<FreshBooksIdentity> GetIdentityAsync(string connectionId, CancellationToken cancellationToken = default);

    /// <summary><c>GET /accounting/account/{accountId}/users/clients/{clientId}</c>.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="clientId">The client id (an invoice's <c>customerid</c>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The client.</returns>
    Task<FreshBooksCustomer> GetCustomerAsync(string connectionId, long clientId, CancellationToken cancellationToken = default);

    /// <summary><c>GET /accounting/account/{accountId}/invoices/invoices/{invoiceId}?include[]=lines</c>.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="invoiceId">The invoice id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The invoice with its lines.</returns>
    Task<FreshBooksInvoice> GetInvoiceAsync(string connectionId, long invoiceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of invoices updated on or after <paramref name="updatedMin"/> (<c>search[updated_min]=yyyy-MM-dd</c>, a
    /// date: FreshBooks filters by day), with their lines, <see cref="FreshBooksOptions.PageSize"/> per page.
    /// </summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="updatedMin">The first day to include.</param>
    /// <param name="page">The page, from 1.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    Task<FreshBooksPage<FreshBooksInvoice>> ListInvoicesAsync(string connectionId, DateOnly updatedMin, int page, CancellationToken cancellationToken = default);

    /// <summary><c>PUT /accounting/account/{accountId}/invoices/invoices/{invoiceId}</c> with <c>{"invoice":{…}}</c>.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="invoiceId">The invoice id.</param>
    /// <param name="update">What to change.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The invoice as FreshBooks stored it.</returns>
    Task<FreshBooksInvoice> UpdateInvoiceAsync(string connectionId, long invoiceId, FreshBooksInvoiceUpdate update, CancellationToken cancellationToken = default);

    /// <summary>
    /// <c>POST /events/account/{accountId}/events/callbacks</c> <c>{"callback":{"event","uri"}}</c>. FreshBooks then POSTs
    /// a <c>verifier</c> to <paramref name="uri"/>; confirm it with <see cref="VerifyCallbackAsync"/>.
    /// </summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="eventName">The event, for example <c>invoice.update</c>.</param>
    /// <param name="uri">The HTTPS delivery URL.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The unverified callback.</returns>
    Task<FreshBooksCallback> CreateCallbackAsync(string connectionId, string eventName, Uri uri, CancellationToken cancellationToken = default);

    /// <summary><c>PUT …/events/callbacks/{callbackId}</c> <c>{"callback":{"callback_id","verifier"}}</c>: confirms the registration.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="callbackId">The callback id.</param>
    /// <param name="verifier">The verifier FreshBooks delivered. A secret: the webhook signing key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The verified callback.</returns>
    Task<FreshBooksCallback> VerifyCallbackAsync(string connectionId, long callbackId, string verifier, CancellationToken cancellationToken = default);

    /// <summary><c>PUT …/events/callbacks/{callbackId}</c> <c>{"callback":{"resend":true}}</c>: asks FreshBooks to send the verifier again.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="callbackId">The callback id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when FreshBooks accepted the request.</returns>
    Task ResendVerificationAsync(string connectionId, long callbackId, CancellationToken cancellationToken = default);

    /// <summary><c>GET …/events/callbacks</c>, every page.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The registered callbacks.</returns>
    Task<IReadOnlyList<FreshBooksCallback>> ListCallbacksAsync(string connectionId, CancellationToken cancellationToken = default);

    /// <summary><c>DELETE …/events/callbacks/{callbackId}</c>; a callback already gone is not an error.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="callbackId">The callback id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the callback is gone.</returns>
    Task DeleteCallbackAsync(string connectionId, long callbackId, CancellationToken cancellationToken = default);
}

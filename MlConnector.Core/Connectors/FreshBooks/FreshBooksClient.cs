using System.Net.Http.Headers;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.FreshBooks.Wire;
using MlConnector.Core.Errors;
using MlConnector.Core.Resilience;

namespace MlConnector.Core.Connectors.FreshBooks;

/// <summary>
/// The FreshBooks REST client (see <see cref="IFreshBooksClient"/>), a typed <see cref="HttpClient"/> registered by
/// <see cref="FreshBooksServiceCollectionExtensions.AddFreshBooksConnector"/>: connector resilience, then
/// <see cref="FreshBooksAuthHandler"/> (bearer token, one renewal on 401), then the <see cref="RateGovernorHandler"/>
/// (budget <c>freshbooks</c> per connection). Requests go through the shared <see cref="ConnectorHttp"/> (send,
/// classified error, JSON body).
/// </summary>
/// <remarks>
/// Paths and body shapes: PROTOCOL-NOTES §4 (freshbooks.com/api, SDK fixtures). Request bodies are wrapped
/// (<c>{"invoice":{…}}</c>, <c>{"callback":{…}}</c>); responses are <c>{"response":{"result":{…}}}</c>. Unknown response
/// fields are ignored, so documents richer than we model are read. The callback create POST is not retried (FreshBooks
/// would register a second callback); GET, PUT and DELETE are.
/// </remarks>
/// <param name="httpClient">The typed client.</param>
/// <param name="connections">Where the connection's <c>freshbooks.accountId</c> and <c>freshbooks.baseUrl</c> live.</param>
/// <param name="errorMapper">The one error mapper.</param>
/// <param name="options">Host and page size.</param>
/// <param name="logger">The logger.</param>
public sealed class FreshBooksClient(
    HttpClient httpClient,
    IConnectionStore connections,
    HttpErrorMapper errorMapper,
    IOptions<FreshBooksOptions> options,
    ILogger<FreshBooksClient> logger) : IFreshBooksClient
{
    /// <summary>The connector code: error mapping, rate budget, resilience options (<c>Resilience:freshbooks</c>) and settings.</summary>
    public const string Connector = "freshbooks";

    /// <summary>The connection setting naming the accounting account: <c>settings.freshbooks.accountId</c>.</summary>
    public const string AccountIdSetting = "accountId";

    /// <summary>The connection setting recording the business: <c>settings.freshbooks.businessId</c>.</summary>
    public const string BusinessIdSetting = "businessId";

    private readonly FreshBooksOptions _options = options.Value;
    private readonly ConnectorHttp _http = new(httpClient, errorMapper, Connector, logger);

    /// <inheritdoc />
    public async Task<FreshBooksIdentity> GetIdentityAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        var session = await OpenAsync(connectionId, requireAccount: false, cancellationToken);
        const string path = "auth/api/v1/users/me";
        var me = await SendAsync(session, HttpMethod.Get, path, content: null, FreshBooksJsonContext.Default.IdentityWire, cancellationToken);
        var user = me.Response ?? throw Unreadable(session, path);
        var businesses = (user.BusinessMemberships ?? [])
            .Where(m => m.Business is { AccountId.Length: > 0 })
            .Select(m => new FreshBooksBusiness(m.Business!.Id, m.Business.AccountId!, m.Business.Name ?? string.Empty, m.Role))
            .ToList();
        return new FreshBooksIdentity(user.IdentityId, businesses);
    }

    /// <inheritdoc />
    public async Task<FreshBooksCustomer> GetCustomerAsync(string connectionId, long clientId, CancellationToken cancellationToken = default)
    {
        var session = await OpenAsync(connectionId, requireAccount: true, cancellationToken);
        var path = $"accounting/account/{session.AccountId}/users/clients/{clientId.ToString(CultureInfo.InvariantCulture)}";
        var answer = await SendAsync(session, HttpMethod.Get, path, content: null, FreshBooksJsonContext.Default.ResponseEnvelopeWireClientResultWire, cancellationToken);
        var client = answer.Response?.Result?.Client ?? throw Unreadable(session, path);
        return MapCustomer(client);
    }

    /// <inheritdoc />
    public async Task<FreshBooksInvoice> GetInvoiceAsync(string connectionId, long invoiceId, CancellationToken cancellationToken = default)
    {
        var session = await OpenAsync(connectionId, requireAccount: true, cancellationToken);
        var path = InvoicePath(session, invoiceId) + "?include%5B%5D=lines";
        var answer = await SendAsync(session, HttpMethod.Get, path, content: null, FreshBooksJsonContext.Default.ResponseEnvelopeWireInvoiceResultWire, cancellationToken);
        return MapInvoice(answer.Response?.Result?.Invoice ?? throw Unreadable(session, path));
    }

    /// <inheritdoc />
    public async Task<FreshBooksPage<FreshBooksInvoice>> ListInvoicesAsync(string connectionId, DateOnly updatedMin, int page, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        var session = await OpenAsync(connectionId, requireAccount: true, cancellationToken);
        var path = $"accounting/account/{session.AccountId}/invoices/invoices"
            + $"?include%5B%5D=lines&search%5Bupdated_min%5D={updatedMin.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"
            + $"&page={page.ToString(CultureInfo.InvariantCulture)}&per_page={_options.PageSize.ToString(CultureInfo.InvariantCulture)}";
        var answer = await SendAsync(session, HttpMethod.Get, path, content: null, FreshBooksJsonContext.Default.ResponseEnvelopeWireInvoiceListResultWire, cancellationToken);
        var result = answer.Response?.Result ?? throw Unreadable(session, path);
        return new FreshBooksPage<FreshBooksInvoice>([.. (result.Invoices ?? []).Select(MapInvoice)], result.Page, result.Pages, result.Total);
    }

    /// <inheritdoc />
    public async Task<FreshBooksInvoice> UpdateInvoiceAsync(string connectionId, long invoiceId, FreshBooksInvoiceUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        var session = await OpenAsync(connectionId, requireAccount: true, cancellationToken);
        var body = new InvoiceUpdateWire
        {
            Invoice = new InvoiceChangesWire
            {
                Notes = update.Notes,
                Lines = update.Lines?.Select(ToWire).ToList(),
            },
        };
        var path = InvoicePath(session, invoiceId);
        var answer = await SendAsync(session, HttpMethod.Put, path, JsonBody(body, FreshBooksJsonContext.Default.InvoiceUpdateWire), FreshBooksJsonContext.Default.ResponseEnvelopeWireInvoiceResultWire, cancellationToken);
        return MapInvoice(answer.Response?.Result?.Invoice ?? throw Unreadable(session, path));
    }

    /// <inheritdoc />
    public async Task<FreshBooksCallback> CreateCallbackAsync(string connectionId, string eventName, Uri uri, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        ArgumentNullException.ThrowIfNull(uri);
        var session = await OpenAsync(connectionId, requireAccount: true, cancellationToken);
        var body = new CallbackRequestWire { Callback = new CallbackChangesWire { Event = eventName, Uri = uri.AbsoluteUri } };
        var path = CallbacksPath(session);
        var answer = await SendAsync(session, HttpMethod.Post, path, JsonBody(body, FreshBooksJsonContext.Default.CallbackRequestWire), FreshBooksJsonContext.Default.ResponseEnvelopeWireCallbackResultWire, cancellationToken);
        return MapCallback(answer.Response?.Result?.Callback ?? throw Unreadable(session, path));
    }

    /// <inheritdoc />
    public async Task<FreshBooksCallback> VerifyCallbackAsync(string connectionId, long callbackId, string verifier, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(verifier);
        var session = await OpenAsync(connectionId, requireAccount: true, cancellationToken);
        var body = new CallbackRequestWire { Callback = new CallbackChangesWire { CallbackId = callbackId, Verifier = verifier } };
        var path = CallbackPath(session, callbackId);
        var answer = await SendAsync(session, HttpMethod.Put, path, JsonBody(body, FreshBooksJsonContext.Default.CallbackRequestWire), FreshBooksJsonContext.Default.ResponseEnvelopeWireCallbackResultWire, cancellationToken);
        return MapCallback(answer.Response?.Result?.Callback ?? throw Unreadable(session, path));
    }

    /// <inheritdoc />
    public async Task ResendVerificationAsync(string connectionId, long callbackId, CancellationToken cancellationToken = default)
    {
        var session = await OpenAsync(connectionId, requireAccount: true, cancellationToken);
        var body = new CallbackRequestWire { Callback = new CallbackChangesWire { Resend = true } };
        await SendAsync(session, HttpMethod.Put, CallbackPath(session, callbackId), JsonBody(body, FreshBooksJsonContext.Default.CallbackRequestWire), FreshBooksJsonContext.Default.JsonElement, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<FreshBooksCallback>> ListCallbacksAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        var session = await OpenAsync(connectionId, requireAccount: true, cancellationToken);
        var callbacks = new List<FreshBooksCallback>();
        for (var page = 1; ; page++)
        {
            var path = CallbacksPath(session) + $"?page={page.ToString(CultureInfo.InvariantCulture)}&per_page={_options.PageSize.ToString(CultureInfo.InvariantCulture)}";
            var answer = await SendAsync(session, HttpMethod.Get, path, content: null, FreshBooksJsonContext.Default.ResponseEnvelopeWireCallbackListResultWire, cancellationToken);
            var result = answer.Response?.Result ?? throw Unreadable(session, path);
            callbacks.AddRange((result.Callbacks ?? []).Select(MapCallback));
            if (result.Page >= result.Pages || result.Callbacks is not { Count: > 0 })
            {
                return callbacks;
            }
        }
    }

    /// <inheritdoc />
    public async Task DeleteCallbackAsync(string connectionId, long callbackId, CancellationToken cancellationToken = default)
    {
        var session = await OpenAsync(connectionId, requireAccount: true, cancellationToken);
        try
        {
            using var request = CreateRequest(session, HttpMethod.Delete, CallbackPath(session, callbackId), content: null);
            using var response = await _http.SendAsync(request, session.ConnectionId, cancellationToken);
        }
        catch (ConnectorException ex) when (ex.Kind == ErrorKind.NotFound)
        {
            // Already gone: the outcome the caller wants.
        }
    }

    private static string InvoicePath(Session session, long invoiceId) =>
        $"accounting/account/{session.AccountId}/invoices/invoices/{invoiceId.ToString(CultureInfo.InvariantCulture)}";

    private static string CallbacksPath(Session session) => $"events/account/{session.AccountId}/events/callbacks";

    private static string CallbackPath(Session session, long callbackId) => CallbacksPath(session) + "/" + callbackId.ToString(CultureInfo.InvariantCulture);

    private static ByteArrayContent JsonBody<T>(T body, JsonTypeInfo<T> type)
    {
        // Bytes, so a resend (401 renewal, retry) can read the content again.
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, type));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static InvoiceLineWire ToWire(FreshBooksInvoiceLine line) => new()
    {
        LineId = line.LineId,
        Type = line.Type,
        Name = line.Name,
        Description = line.Description,
        Quantity = line.Quantity,
        UnitCost = new MoneyWire { Amount = line.UnitCost.ToString("0.00##", CultureInfo.InvariantCulture), Code = line.CurrencyCode },
    };

    private static FreshBooksInvoice MapInvoice(InvoiceWire wire)
    {
        var currency = wire.CurrencyCode ?? wire.Amount?.Code ?? string.Empty;
        return new FreshBooksInvoice(
            wire.InvoiceId != 0 ? wire.InvoiceId : wire.Id,
            wire.InvoiceNumber ?? string.Empty,
            wire.CustomerId,
            currency,
            Money(wire.Amount),
            Money(wire.Outstanding),
            wire.V3Status ?? wire.DisplayStatus ?? string.Empty,
            wire.Notes ?? string.Empty,
            wire.VisState != 0,
            wire.Updated ?? string.Empty,
            new FreshBooksAddress(wire.Street ?? string.Empty, wire.Street2 ?? string.Empty, wire.City ?? string.Empty, wire.Province ?? string.Empty, wire.PostalCode ?? string.Empty, wire.Country ?? string.Empty),
            [.. (wire.Lines ?? []).Select(l => new FreshBooksInvoiceLine(l.LineId, l.Name ?? string.Empty, l.Description ?? string.Empty, l.Quantity, Money(l.UnitCost), l.UnitCost?.Code ?? currency, l.Type))]);
    }

    private static FreshBooksCustomer MapCustomer(ClientWire wire)
    {
        var shipping = new FreshBooksAddress(wire.ShippingStreet ?? string.Empty, wire.ShippingStreet2 ?? string.Empty, wire.ShippingCity ?? string.Empty, wire.ShippingProvince ?? string.Empty, wire.ShippingCode ?? string.Empty, wire.ShippingCountry ?? string.Empty);
        return new FreshBooksCustomer(
            wire.Id,
            wire.Organization ?? string.Empty,
            wire.FirstName ?? string.Empty,
            wire.LastName ?? string.Empty,
            wire.Email ?? string.Empty,
            !string.IsNullOrWhiteSpace(wire.BusinessPhone) ? wire.BusinessPhone : wire.MobilePhone ?? string.Empty,
            wire.CurrencyCode ?? string.Empty,
            new FreshBooksAddress(wire.PrimaryStreet ?? string.Empty, wire.PrimaryStreet2 ?? string.Empty, wire.PrimaryCity ?? string.Empty, wire.PrimaryProvince ?? string.Empty, wire.PrimaryCode ?? string.Empty, wire.PrimaryCountry ?? string.Empty),
            shipping.IsEmpty ? null : shipping);
    }

    private static FreshBooksCallback MapCallback(CallbackWire wire) => new(wire.CallbackId, wire.Event ?? string.Empty, wire.Uri ?? string.Empty, wire.Verified);

    /// <summary>Reads a FreshBooks money amount (a decimal string); a missing one is zero, an unreadable one a protocol error.</summary>
    private static decimal Money(MoneyWire? money) =>
        string.IsNullOrWhiteSpace(money?.Amount) ? 0m
        : decimal.TryParse(money.Amount.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) ? amount
        : throw new ConnectorException(Connector, ErrorKind.Unknown, $"FreshBooks sent the amount '{money.Amount}', which is not a decimal.");

    /// <summary>The error for a JSON answer without the wrapped <c>response</c> / <c>result</c> the call documents.</summary>
    private static ConnectorException Unreadable(Session session, string path) =>
        new(Connector, ErrorKind.Unknown, $"FreshBooks answered {path.Split('?')[0]} for connection {session.ConnectionId} with a body that is not the expected JSON.");

    /// <summary>A request to <paramref name="path"/> with the connection's token, spending its <c>freshbooks</c> budget.</summary>
    private HttpRequestMessage CreateRequest(Session session, HttpMethod method, string path, HttpContent? content) =>
        _http.CreateRequest(method, new Uri(session.BaseUri, path), session.ConnectionId, session.ConnectionId, content);

    private async Task<T> SendAsync<T>(Session session, HttpMethod method, string path, HttpContent? content, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var request = CreateRequest(session, method, path, content);
        return await _http.SendForJsonAsync(request, session.ConnectionId, type, cancellationToken);
    }

    private async Task<Session> OpenAsync(string connectionId, bool requireAccount, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionId);
        var connection = await connections.GetAsync(connectionId, cancellationToken)
            ?? throw new KeyNotFoundException($"Connection '{connectionId}' does not exist.");
        var accountId = connection.GetSetting(Connector, AccountIdSetting);
        if (requireAccount && string.IsNullOrWhiteSpace(accountId))
        {
            throw new ConnectorValidationException(Connector, $"Connection {connectionId} has no FreshBooks account id; connect FreshBooks again so it is recorded.", field: $"settings.{Connector}.{AccountIdSetting}");
        }

        return new Session(connectionId, connection.GetBaseUrl(Connector, _options.BaseUrl), Uri.EscapeDataString(accountId ?? string.Empty));
    }

    /// <summary>One call's target. Holds no credential.</summary>
    private sealed record Session(string ConnectionId, Uri BaseUri, string AccountId);
}

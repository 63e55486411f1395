using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.ShipStation.Wire;
using MlConnector.Core.Errors;
using MlConnector.Core.Resilience;

namespace MlConnector.Core.Connectors.ShipStation;

/// <summary>
/// The ShipStation connector (see <see cref="IShipStationClient"/>): a typed <see cref="HttpClient"/> registered by
/// <see cref="ShipStationServiceCollectionExtensions.AddShipStationConnector"/>, so every request passes the connector
/// resilience pipeline, <see cref="ShipStationAuthHandler"/> and the <see cref="RateGovernorHandler"/>. Requests go through
/// the shared <see cref="ConnectorHttp"/> (one per API: <c>shipstation</c> and <c>shipstation-v2</c>).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>V1 (https://docs.shipstation.com/apis/shipstation-v1/docs/start-here/requirements): HTTP Basic with the
/// connection's API key as user name and API secret as password, put on each attempt by <see cref="ShipStationAuthHandler"/>
/// (never logged: the HTTP client factory's header-logging handlers are removed for this client). Rate budget
/// <c>shipstation</c> (40/min) keyed by the connection id.</item>
/// <item>V2 (contracts/shipstation/v2/openapi.yaml): header <c>api-key</c> with the connection's V2 key
/// (<see cref="V2ApiKeySecret"/>, also by <see cref="ShipStationAuthHandler"/>), base <see cref="ShipStationOptions.V2BaseUrl"/>,
/// rate budget <c>shipstation-v2</c> (200/min).</item>
/// <item>V1 datetimes are US Pacific wall-clock times; they are converted by <see cref="ShipStationPacificTime"/>.</item>
/// <item>GET and DELETE may be retried by the resilience pipeline; POSTs (webhook subscriptions) are never resent,
/// because ShipStation would create a second subscription.</item>
/// <item>A non-2xx answer becomes a <see cref="ConnectorException"/> through <see cref="HttpErrorMapper"/>: 401/403 →
/// <see cref="ConnectorAuthException"/>, 429 → <see cref="ConnectorRateLimitedException"/> with the vendor's delay.</item>
/// </list>
/// </remarks>
/// <param name="httpClient">The typed client.</param>
/// <param name="connections">Where the connection's <c>shipstation.baseUrl</c> and <c>shipstation.storeId</c> settings live.</param>
/// <param name="errorMapper">The one error mapper.</param>
/// <param name="options">Base URLs and paging limits.</param>
/// <param name="logger">The logger.</param>
public sealed class ShipStationClient(
    HttpClient httpClient,
    IConnectionStore connections,
    HttpErrorMapper errorMapper,
    IOptions<ShipStationOptions> options,
    ILogger<ShipStationClient> logger) : IShipStationClient
{
    /// <summary>The connector code of V1 calls: rate budget and error mapping.</summary>
    public const string Connector = "shipstation";

    /// <summary>The connector code of V2 calls: rate budget and error mapping.</summary>
    public const string V2Connector = "shipstation-v2";

    /// <summary>The secret purpose of the V1 API key (<c>SecretName.For(connectionId, ApiKeySecret)</c>).</summary>
    public const string ApiKeySecret = "shipstation-api-key";

    /// <summary>The secret purpose of the V1 API secret.</summary>
    public const string ApiSecretSecret = "shipstation-api-secret";

    /// <summary>The secret purpose of the V2 API key (V2 keys are not V1 keys; a connection may hold both).</summary>
    public const string V2ApiKeySecret = "shipstation-v2-api-key";

    private const string JwksRateKey = "jwks";

    private readonly ConnectorHttp _v1 = new(httpClient, errorMapper, Connector, logger);
    private readonly ConnectorHttp _v2 = new(httpClient, errorMapper, V2Connector, logger);
    private readonly ShipStationOptions _options = options.Value;

    /// <inheritdoc />
    public Task<IReadOnlyList<ShipStationOrder>> GetOrdersFromResourceAsync(string connectionId, Uri resourceUrl, CancellationToken cancellationToken = default) =>
        FetchResourceAsync(connectionId, resourceUrl, "orders", page => MapOrders(page.Orders), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ShipStationShipment>> GetShipmentsFromResourceAsync(string connectionId, Uri resourceUrl, CancellationToken cancellationToken = default) =>
        FetchResourceAsync(connectionId, resourceUrl, "shipments", page => MapShipments(page.Shipments), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ShipStationFulfillment>> GetFulfillmentsFromResourceAsync(string connectionId, Uri resourceUrl, CancellationToken cancellationToken = default) =>
        FetchResourceAsync(connectionId, resourceUrl, "fulfillments", page => MapFulfillments(page.Fulfillments), cancellationToken);

    /// <inheritdoc />
    public async Task<ShipStationPage<ShipStationOrder>> ListOrdersAsync(string connectionId, ShipStationOrderQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        CheckPaging(query.Page, query.PageSize);
        var session = await OpenV1Async(connectionId, cancellationToken);
        var parameters = new List<KeyValuePair<string, string?>>
        {
            new("sortBy", "ModifyDate"),
            new("sortDir", "ASC"),
            new("page", Number(query.Page)),
            new("pageSize", Number(query.PageSize)),
        };
        if (query.ModifyDateStartUtc is { } start)
        {
            parameters.Add(new("modifyDateStart", ShipStationPacificTime.FormatForFilter(start)));
        }

        if ((query.StoreId ?? session.StoreId) is { } storeId)
        {
            parameters.Add(new("storeId", Number(storeId)));
        }

        var body = await SendJsonAsync(session, HttpMethod.Get, Build(session.BaseUri, "orders", parameters), null, ShipStationJsonContext.Default.V1ListResponseWire, cancellationToken);
        return new ShipStationPage<ShipStationOrder>(MapOrders(body.Orders), body.Total, body.Page, body.Pages);
    }

    /// <inheritdoc />
    public async Task<ShipStationOrder?> GetOrderAsync(string connectionId, long orderId, CancellationToken cancellationToken = default)
    {
        var session = await OpenV1Async(connectionId, cancellationToken);
        try
        {
            return MapOrder(await SendJsonAsync(session, HttpMethod.Get, new Uri(session.BaseUri, "orders/" + Number(orderId)), null, ShipStationJsonContext.Default.V1OrderWire, cancellationToken));
        }
        catch (ConnectorException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// ShipStation's <c>orderNumber</c> filter may match by prefix (it does on <c>GET /orders</c>:
    /// https://docs.shipstation.com/apis/shipstation-v1/openapi/orders/list_orders.md), so shipments of other orders
    /// whose number merely starts with <paramref name="orderNumber"/> are dropped here. Only shipments with labels made
    /// in ShipStation are listed (https://www.shipstation.com/docs/api/shipments/list/).
    /// </remarks>
    public Task<IReadOnlyList<ShipStationShipment>> ListShipmentsAsync(string connectionId, string orderNumber, CancellationToken cancellationToken = default) =>
        ListOfOrderAsync(
            connectionId,
            "shipments",
            orderNumber,
            page => MapShipments(page.Shipments),
            s => s.OrderNumber,
            dropped => logger.ShipStationShipmentsOfOtherOrdersDropped(dropped, orderNumber, connectionId),
            cancellationToken);

    /// <inheritdoc />
    /// <remarks>Fulfillments of other orders are dropped, should ShipStation match the order number loosely as it does for shipments.</remarks>
    public Task<IReadOnlyList<ShipStationFulfillment>> ListFulfillmentsAsync(string connectionId, string orderNumber, CancellationToken cancellationToken = default) =>
        ListOfOrderAsync(
            connectionId,
            "fulfillments",
            orderNumber,
            page => MapFulfillments(page.Fulfillments),
            f => f.OrderNumber,
            dropped => logger.ShipStationFulfillmentsOfOtherOrdersDropped(dropped, orderNumber, connectionId),
            cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<ShipStationShipment>> ListShipmentsCreatedSinceAsync(string connectionId, DateTimeOffset createDateStartUtc, long? storeId = null, CancellationToken cancellationToken = default)
    {
        var session = await OpenV1Async(connectionId, cancellationToken);
        var parameters = new List<KeyValuePair<string, string?>> { new("createDateStart", ShipStationPacificTime.FormatForFilter(createDateStartUtc)) };
        if ((storeId ?? session.StoreId) is { } store)
        {
            parameters.Add(new("storeId", Number(store)));
        }

        return await ListAllAsync(session, "shipments", parameters, page => MapShipments(page.Shipments), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ShipStationFulfillment>> ListFulfillmentsCreatedSinceAsync(string connectionId, DateTimeOffset createDateStartUtc, CancellationToken cancellationToken = default)
    {
        var session = await OpenV1Async(connectionId, cancellationToken);
        return await ListAllAsync(session, "fulfillments", [new("createDateStart", ShipStationPacificTime.FormatForFilter(createDateStartUtc))], page => MapFulfillments(page.Fulfillments), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<ShipStationPage<ShipStationProduct>> ListProductsAsync(string connectionId, int page = 1, int pageSize = 100, CancellationToken cancellationToken = default)
    {
        CheckPaging(page, pageSize);
        var session = await OpenV1Async(connectionId, cancellationToken);
        var uri = Build(session.BaseUri, "products", [new("page", Number(page)), new("pageSize", Number(pageSize))]);
        var body = await SendJsonAsync(session, HttpMethod.Get, uri, null, ShipStationJsonContext.Default.V1ListResponseWire, cancellationToken);
        var products = (body.Products ?? []).Select(p => new ShipStationProduct(p.ProductId, p.Sku ?? string.Empty, p.Name ?? string.Empty, p.Price ?? 0m, p.Active)).ToList();
        return new ShipStationPage<ShipStationProduct>(products, body.Total, body.Page, body.Pages);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ShipStationCarrier>> ListCarriersAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        var session = await OpenV1Async(connectionId, cancellationToken);
        var body = await SendJsonAsync(session, HttpMethod.Get, new Uri(session.BaseUri, "carriers"), null, ShipStationJsonContext.Default.ListV1CarrierWire, cancellationToken);
        return [.. body.Select(c => new ShipStationCarrier(c.Code ?? string.Empty, c.Name ?? string.Empty) { Nickname = c.Nickname, Primary = c.Primary })];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ShipStationCarrierService>> ListCarrierServicesAsync(string connectionId, string carrierCode, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(carrierCode);
        var session = await OpenV1Async(connectionId, cancellationToken);
        var uri = Build(session.BaseUri, "carriers/listservices", [new("carrierCode", carrierCode)]);
        var body = await SendJsonAsync(session, HttpMethod.Get, uri, null, ShipStationJsonContext.Default.ListV1CarrierServiceWire, cancellationToken);
        return [.. body.Select(s => new ShipStationCarrierService(s.CarrierCode ?? carrierCode, s.Code ?? string.Empty, s.Name ?? string.Empty, s.Domestic, s.International))];
    }

    /// <inheritdoc />
    /// <remarks>
    /// The subscription is scoped to the connection's <c>shipstation.storeId</c> setting when it has one (<c>store_id</c>).
    /// The POST is sent once and never retried: a resent subscribe would create a second subscription, and ShipStation
    /// would then deliver every event twice. After a transport failure, call <see cref="ListWebhooksAsync"/> to see
    /// whether it was created.
    /// </remarks>
    public async Task<long> SubscribeWebhookAsync(string connectionId, Uri targetUrl, string hookType, string friendlyName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targetUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(hookType);
        if (!targetUrl.IsAbsoluteUri)
        {
            throw new ArgumentException("The webhook target URL must be absolute.", nameof(targetUrl));
        }

        if (!ShipStationHookTypes.All.Contains(hookType))
        {
            throw new ArgumentException($"'{hookType}' is not a ShipStation V1 webhook event ({string.Join(", ", ShipStationHookTypes.All)}).", nameof(hookType));
        }

        var session = await OpenV1Async(connectionId, cancellationToken);
        var body = new V1SubscribeRequestWire { TargetUrl = targetUrl.AbsoluteUri, Event = hookType, StoreId = session.StoreId, FriendlyName = friendlyName };
        var content = JsonContent.Create(body, ShipStationJsonContext.Default.V1SubscribeRequestWire);
        var answer = await SendJsonAsync(session, HttpMethod.Post, new Uri(session.BaseUri, "webhooks/subscribe"), content, ShipStationJsonContext.Default.V1SubscribeResponseWire, cancellationToken);
        var webHookId = Number(answer.Id);
        logger.ShipStationWebhookSubscribed(webHookId, hookType, connectionId);
        return answer.Id;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ShipStationWebhook>> ListWebhooksAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        var session = await OpenV1Async(connectionId, cancellationToken);
        var uri = new Uri(session.BaseUri, "webhooks");
        var document = await SendJsonAsync(session, HttpMethod.Get, uri, null, ShipStationJsonContext.Default.JsonElement, cancellationToken);
        List<V1WebhookWire>? hooks;
        try
        {
            // Documented as {"webhooks": [...]}; a bare array is accepted too.
            hooks = document.ValueKind switch
            {
                JsonValueKind.Array => document.Deserialize(ShipStationJsonContext.Default.ListV1WebhookWire),
                JsonValueKind.Object => document.Deserialize(ShipStationJsonContext.Default.V1WebhookListWire)?.Webhooks,
                _ => null,
            };
        }
        catch (JsonException ex)
        {
            throw Unreadable(session, uri, ex);
        }

        return [.. (hooks ?? []).Select(h => new ShipStationWebhook(h.WebHookId, h.HookType ?? string.Empty, h.Url ?? string.Empty, h.Name))];
    }

    /// <inheritdoc />
    /// <remarks>DELETE is idempotent, so it may be retried; a 404 (already removed, for example by an earlier attempt whose answer was lost) counts as success.</remarks>
    public async Task UnsubscribeWebhookAsync(string connectionId, long webHookId, CancellationToken cancellationToken = default)
    {
        var session = await OpenV1Async(connectionId, cancellationToken);
        await DeleteAsync(session, new Uri(session.BaseUri, "webhooks/" + Number(webHookId)), Number(webHookId), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ShipStationV2Webhook>> ListV2WebhooksAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        var session = await OpenV2Async(connectionId, cancellationToken);
        var body = await SendJsonAsync(session, HttpMethod.Get, new Uri(session.BaseUri, "v2/environment/webhooks"), null, ShipStationJsonContext.Default.ListV2WebhookWire, cancellationToken);
        return [.. body.Select(MapV2Webhook)];
    }

    /// <inheritdoc />
    /// <remarks>Sent once, never retried (a resent create would be a duplicate, or a 409 <c>webhook_event_type_conflict</c>).</remarks>
    public async Task<ShipStationV2Webhook> CreateV2WebhookAsync(string connectionId, Uri targetUrl, string webhookEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targetUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(webhookEvent);
        if (!targetUrl.IsAbsoluteUri)
        {
            throw new ArgumentException("The webhook target URL must be absolute.", nameof(targetUrl));
        }

        var session = await OpenV2Async(connectionId, cancellationToken);
        var content = JsonContent.Create(new V2CreateWebhookRequestWire { Event = webhookEvent, Url = targetUrl.AbsoluteUri }, ShipStationJsonContext.Default.V2CreateWebhookRequestWire);
        var body = await SendJsonAsync(session, HttpMethod.Post, new Uri(session.BaseUri, "v2/environment/webhooks"), content, ShipStationJsonContext.Default.V2WebhookWire, cancellationToken);
        var webhook = MapV2Webhook(body);
        logger.ShipStationWebhookSubscribed(webhook.WebhookId, webhook.Event, connectionId);
        return webhook;
    }

    /// <inheritdoc />
    public async Task DeleteV2WebhookAsync(string connectionId, string webhookId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(webhookId);
        var session = await OpenV2Async(connectionId, cancellationToken);
        await DeleteAsync(session, new Uri(session.BaseUri, "v2/environment/webhooks/" + Uri.EscapeDataString(webhookId)), webhookId, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<ShipStationWebhookKeys> GetV2WebhookSigningKeysAsync(CancellationToken cancellationToken = default)
    {
        var session = new Session(JwksRateKey, _options.V2JwksUrl, null, V2Connector);
        using var request = ShipStationAuthHandler.WithoutCredentials(_v2.CreateRequest(HttpMethod.Get, _options.V2JwksUrl, JwksRateKey, JwksRateKey));
        var json = Encoding.UTF8.GetString(await _v2.SendForBytesAsync(request, JwksRateKey, cancellationToken));
        try
        {
            return ShipStationWebhookKeys.Parse(json);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw Unreadable(session, _options.V2JwksUrl, ex);
        }
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static void CheckPaging(int page, int pageSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, ShipStationOrderQuery.MaxPageSize);
    }

    private static Uri Build(Uri baseUri, string path, IEnumerable<KeyValuePair<string, string?>> query) =>
        new(QueryHelpers.AddQueryString(new Uri(baseUri, path).AbsoluteUri, query));

    private static Uri WithPaging(Uri uri, int page, int pageSize)
    {
        var query = QueryHelpers.ParseQuery(uri.Query)
            .Where(p => !string.Equals(p.Key, "page", StringComparison.OrdinalIgnoreCase) && !string.Equals(p.Key, "pageSize", StringComparison.OrdinalIgnoreCase))
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)))
            .Append(new("page", Number(page)))
            .Append(new("pageSize", Number(pageSize)));
        return new Uri(QueryHelpers.AddQueryString(uri.GetLeftPart(UriPartial.Path), query));
    }

    private static Uri EnsureTrailingSlash(Uri uri) => uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");

    private static DateTimeOffset? ParseTime(string? value, string field) =>
        ShipStationPacificTime.TryParse(value, out var utc) ? utc : throw Protocol($"ShipStation sent an unreadable {field} '{value}'.");

    private static DateTimeOffset? ParseDate(string? value, string field) =>
        ShipStationPacificTime.TryParseDate(value, out var utcMidnight) ? utcMidnight : throw Protocol($"ShipStation sent an unreadable {field} '{value}'.");

    private static ShipStationAddress? MapAddress(V1AddressWire? address) => address is { } a
        ? new ShipStationAddress(a.Name, a.Street1, a.City, a.State, a.PostalCode, a.Country) { Street2 = a.Street2, Company = a.Company, Phone = a.Phone }
        : null;

    private static ConnectorException Protocol(string message) => new(Connector, ErrorKind.Unknown, message);

    private static List<ShipStationOrder> MapOrders(List<V1OrderWire>? orders) => [.. (orders ?? []).Select(MapOrder)];

    private static ShipStationOrder MapOrder(V1OrderWire order)
    {
        if (string.IsNullOrEmpty(order.OrderNumber) || string.IsNullOrEmpty(order.OrderStatus))
        {
            throw Protocol($"ShipStation sent order {order.OrderId} without an orderNumber or orderStatus.");
        }

        return new ShipStationOrder
        {
            OrderId = order.OrderId,
            OrderNumber = order.OrderNumber,
            OrderKey = order.OrderKey,
            OrderDateUtc = ParseTime(order.OrderDate, "orderDate") ?? default,
            ModifyDateUtc = ParseTime(order.ModifyDate, "modifyDate") ?? default,
            OrderStatus = order.OrderStatus,
            CustomerId = order.CustomerId,
            CustomerEmail = order.CustomerEmail,
            CustomerName = order.BillTo?.Name ?? order.ShipTo?.Name,
            ShipTo = MapAddress(order.ShipTo),
            Items = [.. (order.Items ?? []).Select(i => new ShipStationOrderItem(i.Sku, i.Name ?? i.Sku ?? string.Empty, i.Quantity, i.UnitPrice ?? 0m) { IsAdjustment = i.Adjustment })],
            ShippingAmount = order.ShippingAmount ?? 0m,
            TaxAmount = order.TaxAmount ?? 0m,
            OrderTotal = order.OrderTotal ?? 0m,
            AmountPaid = order.AmountPaid ?? 0m,
            RequestedShippingService = order.RequestedShippingService,
            CarrierCode = order.CarrierCode,
            ServiceCode = order.ServiceCode,
            StoreId = order.AdvancedOptions?.StoreId,
        };
    }

    private static List<ShipStationShipment> MapShipments(List<V1ShipmentWire>? shipments) => [.. (shipments ?? []).Select(MapShipment)];

    private static ShipStationShipment MapShipment(V1ShipmentWire shipment)
    {
        if (string.IsNullOrEmpty(shipment.OrderNumber))
        {
            throw Protocol($"ShipStation sent shipment {shipment.ShipmentId} without an orderNumber.");
        }

        return new ShipStationShipment
        {
            ShipmentId = shipment.ShipmentId,
            OrderId = shipment.OrderId,
            OrderNumber = shipment.OrderNumber,
            ShipDateUtc = ParseDate(shipment.ShipDate, "shipDate") ?? default,
            CarrierCode = shipment.CarrierCode,
            ServiceCode = shipment.ServiceCode,
            TrackingNumber = shipment.TrackingNumber,
            ShipmentCost = shipment.ShipmentCost ?? 0m,
            Voided = shipment.Voided,
        };
    }

    private static List<ShipStationFulfillment> MapFulfillments(List<V1FulfillmentWire>? fulfillments) => [.. (fulfillments ?? []).Select(MapFulfillment)];

    private static ShipStationFulfillment MapFulfillment(V1FulfillmentWire fulfillment)
    {
        if (string.IsNullOrEmpty(fulfillment.OrderNumber))
        {
            throw Protocol($"ShipStation sent fulfillment {fulfillment.FulfillmentId} without an orderNumber.");
        }

        return new ShipStationFulfillment
        {
            FulfillmentId = fulfillment.FulfillmentId,
            OrderId = fulfillment.OrderId,
            OrderNumber = fulfillment.OrderNumber,
            CustomerEmail = fulfillment.CustomerEmail,
            TrackingNumber = fulfillment.TrackingNumber,
            CreateDateUtc = ParseTime(fulfillment.CreateDate, "createDate") ?? default,
            ShipDateUtc = ParseDate(fulfillment.ShipDate, "shipDate") ?? default,
            VoidDateUtc = ParseTime(fulfillment.VoidDate, "voidDate"),
            DeliveryDateUtc = ParseTime(fulfillment.DeliveryDate, "deliveryDate"),
            CarrierCode = fulfillment.CarrierCode,
            SellerFillProviderId = fulfillment.SellerFillProviderId,
            SellerFillProviderName = fulfillment.SellerFillProviderName,
            FulfillmentProviderCode = fulfillment.FulfillmentProviderCode,
            FulfillmentServiceCode = fulfillment.FulfillmentServiceCode,
            FulfillmentFee = fulfillment.FulfillmentFee ?? 0m,
            VoidRequested = fulfillment.VoidRequested,
            Voided = fulfillment.Voided,
            MarketplaceNotified = fulfillment.MarketplaceNotified,
            NotifyErrorMessage = fulfillment.NotifyErrorMessage,
            ShipTo = MapAddress(fulfillment.ShipTo),
        };
    }

    private static ShipStationV2Webhook MapV2Webhook(V2WebhookWire webhook) =>
        new(webhook.WebhookId ?? throw new ConnectorException(V2Connector, ErrorKind.Unknown, "ShipStation sent a webhook without webhook_id."), webhook.Url ?? string.Empty, webhook.Event ?? string.Empty);

    private static ConnectorException Unreadable(Session session, Uri uri, Exception? inner) =>
        new(session.Connector, ErrorKind.Unknown, $"ShipStation answered {uri.AbsolutePath} for connection {session.ConnectionId} with a body that is not the expected JSON.", innerException: inner);

    private async Task<Session> OpenV1Async(string connectionId, CancellationToken cancellationToken)
    {
        var connection = await GetConnectionAsync(connectionId, cancellationToken);
        var baseUrl = connection.GetBaseUrl("shipstation", _options.BaseUrl);
        var storeId = long.TryParse(connection.GetSetting("shipstation", "storeId"), NumberStyles.None, CultureInfo.InvariantCulture, out var store) ? store : (long?)null;
        return new Session(connectionId, baseUrl, storeId, Connector);
    }

    private async Task<Session> OpenV2Async(string connectionId, CancellationToken cancellationToken)
    {
        await GetConnectionAsync(connectionId, cancellationToken);
        return new Session(connectionId, EnsureTrailingSlash(_options.V2BaseUrl), null, V2Connector);
    }

    private async Task<Connection> GetConnectionAsync(string connectionId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionId);
        return await connections.GetAsync(connectionId, cancellationToken)
            ?? throw new KeyNotFoundException($"Connection '{connectionId}' does not exist.");
    }

    private Uri CheckResource(Session session, Uri resourceUrl, string resource)
    {
        ArgumentNullException.ThrowIfNull(resourceUrl);
        var expectedPath = session.BaseUri.AbsolutePath + resource;
        string? reason = !resourceUrl.IsAbsoluteUri ? "not an absolute URL"
            : !string.IsNullOrEmpty(resourceUrl.UserInfo) ? "it carries user information"
            : Uri.Compare(resourceUrl, session.BaseUri, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0 ? "not on the connection's ShipStation host"
            : !string.Equals(resourceUrl.AbsolutePath.TrimEnd('/'), expectedPath, StringComparison.OrdinalIgnoreCase) ? $"not a /{resource} resource"
            : null;
        if (reason is null)
        {
            return resourceUrl;
        }

        var host = resourceUrl.IsAbsoluteUri ? resourceUrl.Authority : string.Empty;
        logger.ShipStationResourceRejected(session.ConnectionId, reason, host, session.BaseUri.Authority);
        throw new ConnectorValidationException(Connector, $"The webhook resource_url was rejected: {reason} (expected {session.BaseUri.GetLeftPart(UriPartial.Authority)}{expectedPath}).", "resource_url");
    }

    /// <summary>Fetches every page of a webhook's <c>resource_url</c> after checking it names <paramref name="resource"/> on the connection's host.</summary>
    private async Task<IReadOnlyList<T>> FetchResourceAsync<T>(string connectionId, Uri resourceUrl, string resource, Func<V1ListResponseWire, IEnumerable<T>> map, CancellationToken cancellationToken)
    {
        var session = await OpenV1Async(connectionId, cancellationToken);
        return await ListAllAsync(session, CheckResource(session, resourceUrl, resource), resource, map, cancellationToken);
    }

    /// <summary>Lists every page of <c>GET /{resource}?{filters}</c>.</summary>
    private Task<IReadOnlyList<T>> ListAllAsync<T>(Session session, string resource, IEnumerable<KeyValuePair<string, string?>> filters, Func<V1ListResponseWire, IEnumerable<T>> map, CancellationToken cancellationToken) =>
        ListAllAsync(session, Build(session.BaseUri, resource, filters), resource, map, cancellationToken);

    private async Task<IReadOnlyList<T>> ListAllAsync<T>(Session session, Uri first, string resource, Func<V1ListResponseWire, IEnumerable<T>> map, CancellationToken cancellationToken)
    {
        var items = new List<T>();
        var pages = await FollowPagesAsync(session, first, page => items.AddRange(map(page)), cancellationToken);
        logger.ShipStationResourceFetched(items.Count, resource, pages, session.ConnectionId);
        return items;
    }

    /// <summary>Lists every page of <c>GET /{resource}?orderNumber=…</c> and keeps the documents of exactly that order.</summary>
    private async Task<IReadOnlyList<T>> ListOfOrderAsync<T>(
        string connectionId,
        string resource,
        string orderNumber,
        Func<V1ListResponseWire, IEnumerable<T>> map,
        Func<T, string> orderNumberOf,
        Action<int> logDropped,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orderNumber);
        var session = await OpenV1Async(connectionId, cancellationToken);
        var found = new List<T>();
        await FollowPagesAsync(session, Build(session.BaseUri, resource, [new("orderNumber", orderNumber)]), page => found.AddRange(map(page)), cancellationToken);
        var exact = found.Where(item => string.Equals(orderNumberOf(item), orderNumber, StringComparison.Ordinal)).ToList();
        if (exact.Count != found.Count)
        {
            logDropped(found.Count - exact.Count);
        }

        return exact;
    }

    private async Task<int> FollowPagesAsync(Session session, Uri first, Action<V1ListResponseWire> collect, CancellationToken cancellationToken)
    {
        for (var page = 1; ; page++)
        {
            var body = await SendJsonAsync(session, HttpMethod.Get, WithPaging(first, page, _options.PageSize), null, ShipStationJsonContext.Default.V1ListResponseWire, cancellationToken);
            collect(body);
            if (body.Pages <= page)
            {
                return page;
            }

            if (page >= _options.MaxPages)
            {
                throw Protocol($"ShipStation reported {body.Pages} pages for {first.AbsolutePath}; more than the {_options.MaxPages} pages one call follows.");
            }
        }
    }

    private async Task DeleteAsync(Session session, Uri uri, string id, CancellationToken cancellationToken)
    {
        var http = HttpFor(session);
        using var request = http.CreateRequest(HttpMethod.Delete, uri, session.ConnectionId, session.ConnectionId);
        try
        {
            using var response = await http.SendAsync(request, session.ConnectionId, cancellationToken);
        }
        catch (ConnectorException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            logger.ShipStationWebhookAlreadyGone(id, session.ConnectionId);
            return;
        }

        logger.ShipStationWebhookUnsubscribed(id, session.ConnectionId);
    }

    private async Task<T> SendJsonAsync<T>(Session session, HttpMethod method, Uri uri, HttpContent? content, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        var http = HttpFor(session);
        using var request = http.CreateRequest(method, uri, session.ConnectionId, session.ConnectionId, content);
        return await http.SendForJsonAsync(request, session.ConnectionId, type, cancellationToken);
    }

    private ConnectorHttp HttpFor(Session session) => session.Connector == V2Connector ? _v2 : _v1;

    /// <summary>One call's target: connection, API base, store scope and API (<see cref="Connector"/> or <see cref="V2Connector"/>).</summary>
    private sealed record Session(string ConnectionId, Uri BaseUri, long? StoreId, string Connector);
}

namespace MlConnector.Core.Connectors.ShipStation;

/// <summary>
/// ShipStation V1 (Basic auth with the connection's API key and secret) for one connection at a time. Credentials
/// come from the secret store (<c>conn-{id}-shipstation-api-key</c>, <c>conn-{id}-shipstation-api-secret</c>); the
/// base URL from the connection's <c>shipstation.baseUrl</c> setting (default <c>https://ssapi.shipstation.com/</c>).
/// Every call waits on the key's rate governor (40 requests per minute per key, shared by all work on it) instead of
/// provoking 429s. Errors are <see cref="Errors.ConnectorException"/>s of the shared taxonomy.
/// </summary>
/// <remarks>Source: https://docs.shipstation.com/apis/shipstation-v1 ; PROTOCOL-NOTES.md §5.</remarks>
public interface IShipStationClient
{
    /// <summary>Fetches the orders an ORDER_NOTIFY delivery points at.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="resourceUrl">The delivery's <c>resource_url</c>; it must be on the connection's ShipStation host.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Every order the URL lists (all pages).</returns>
    /// <exception cref="Errors.ConnectorValidationException">When the URL is not on the connection's ShipStation host.</exception>
    Task<IReadOnlyList<ShipStationOrder>> GetOrdersFromResourceAsync(string connectionId, Uri resourceUrl, CancellationToken cancellationToken = default);

    /// <summary>Fetches the shipments a SHIP_NOTIFY delivery points at.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="resourceUrl">The delivery's <c>resource_url</c>; it must be a <c>/shipments</c> URL on the connection's ShipStation host.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Every shipment the URL lists (all pages).</returns>
    /// <exception cref="Errors.ConnectorValidationException">When the URL is not a <c>/shipments</c> URL on the connection's ShipStation host.</exception>
    Task<IReadOnlyList<ShipStationShipment>> GetShipmentsFromResourceAsync(string connectionId, Uri resourceUrl, CancellationToken cancellationToken = default);

    /// <summary>
    /// Fetches the fulfillments a FULFILLMENT_SHIPPED delivery points at: a V1 <c>GET /fulfillments?…</c> URL
    /// (https://www.shipstation.com/docs/api/fulfillments/list-fulfillments/). ShipStation does not document which
    /// filters the URL carries, so any query is kept as sent and only <c>page</c> and <c>pageSize</c> are set.
    /// </summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="resourceUrl">The delivery's <c>resource_url</c>; it must be a <c>/fulfillments</c> URL on the connection's ShipStation host.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Every fulfillment the URL lists (all pages), voided ones included.</returns>
    /// <exception cref="Errors.ConnectorValidationException">When the URL is not a <c>/fulfillments</c> URL on the connection's ShipStation host; nothing is sent.</exception>
    /// <exception cref="Errors.ConnectorException">When ShipStation fails or sends a fulfillment without an order number or with an unreadable date.</exception>
    Task<IReadOnlyList<ShipStationFulfillment>> GetFulfillmentsFromResourceAsync(string connectionId, Uri resourceUrl, CancellationToken cancellationToken = default);

    /// <summary>Lists the fulfillments of one order (V1 <c>GET /fulfillments?orderNumber=…</c>, all pages).</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="orderNumber">The order number; only fulfillments of exactly this order are returned.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The fulfillments, voided ones included.</returns>
    Task<IReadOnlyList<ShipStationFulfillment>> ListFulfillmentsAsync(string connectionId, string orderNumber, CancellationToken cancellationToken = default);

    /// <summary>Lists one page of orders.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="query">Filters and paging.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    Task<ShipStationPage<ShipStationOrder>> ListOrdersAsync(string connectionId, ShipStationOrderQuery query, CancellationToken cancellationToken = default);

    /// <summary>Reads one order by ShipStation order id.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="orderId">The order id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The order, or null when ShipStation answers 404.</returns>
    Task<ShipStationOrder?> GetOrderAsync(string connectionId, long orderId, CancellationToken cancellationToken = default);

    /// <summary>Lists the shipments of one order.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="orderNumber">The order number.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The shipments (all pages).</returns>
    Task<IReadOnlyList<ShipStationShipment>> ListShipmentsAsync(string connectionId, string orderNumber, CancellationToken cancellationToken = default);

    /// <summary>
    /// Lists every shipment (label) created at or after a time, in pages of <see cref="ShipStationOptions.PageSize"/>
    /// (V1 <c>GET /shipments?createDateStart=…</c>, optionally <c>storeId</c>): one request per page, not one per order.
    /// </summary>
    /// <remarks>
    /// Source: https://docs.shipstation.com/apis/shipstation-v1/docs/shipments/list (filters <c>createDateStart</c>,
    /// <c>createDateEnd</c>, <c>shipDateStart</c>, <c>shipDateEnd</c>, <c>voidDateStart</c>, <c>storeId</c>, <c>page</c>,
    /// <c>pageSize</c>; only labels made in ShipStation are listed, voided ones included). V1 filters take US Pacific time.
    /// </remarks>
    /// <param name="connectionId">The connection.</param>
    /// <param name="createDateStartUtc">Only shipments created at or after this time, UTC.</param>
    /// <param name="storeId">Only this store's shipments (else the connection's <c>shipstation.storeId</c>, if any).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The shipments of every page, voided ones included.</returns>
    Task<IReadOnlyList<ShipStationShipment>> ListShipmentsCreatedSinceAsync(string connectionId, DateTimeOffset createDateStartUtc, long? storeId = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Lists every fulfillment created at or after a time, in pages of <see cref="ShipStationOptions.PageSize"/>
    /// (V1 <c>GET /fulfillments?createDateStart=…</c>). List Fulfillments has no store filter.
    /// </summary>
    /// <remarks>
    /// Source: https://www.shipstation.com/docs/api/fulfillments/list-fulfillments/ and
    /// https://docs.shipstation.com/apis/shipstation-v1/openapi/fulfillments (filters <c>createDateStart</c> "fulfillments
    /// created on or after", <c>createDateEnd</c>, <c>shipDateStart</c>, <c>shipDateEnd</c>, <c>page</c>, <c>pageSize</c>).
    /// </remarks>
    /// <param name="connectionId">The connection.</param>
    /// <param name="createDateStartUtc">Only fulfillments created at or after this time, UTC.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The fulfillments of every page, voided ones included.</returns>
    Task<IReadOnlyList<ShipStationFulfillment>> ListFulfillmentsCreatedSinceAsync(string connectionId, DateTimeOffset createDateStartUtc, CancellationToken cancellationToken = default);

    /// <summary>Lists one page of products.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="page">1-based page.</param>
    /// <param name="pageSize">Products per page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    Task<ShipStationPage<ShipStationProduct>> ListProductsAsync(string connectionId, int page = 1, int pageSize = 100, CancellationToken cancellationToken = default);

    /// <summary>Subscribes a webhook (V1 <c>POST /webhooks/subscribe</c>).</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="targetUrl">Where ShipStation delivers (ml-connector's webhook URL with the connection's URL secret).</param>
    /// <param name="hookType">The event, for example <c>ORDER_NOTIFY</c>.</param>
    /// <param name="friendlyName">A name shown in ShipStation.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new subscription's id.</returns>
    Task<long> SubscribeWebhookAsync(string connectionId, Uri targetUrl, string hookType, string friendlyName, CancellationToken cancellationToken = default);

    /// <summary>Lists webhook subscriptions (V1 <c>GET /webhooks</c>).</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The subscriptions.</returns>
    Task<IReadOnlyList<ShipStationWebhook>> ListWebhooksAsync(string connectionId, CancellationToken cancellationToken = default);

    /// <summary>Removes a webhook subscription (V1 <c>DELETE /webhooks/{id}</c>).</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="webHookId">The subscription id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when removed.</returns>
    Task UnsubscribeWebhookAsync(string connectionId, long webHookId, CancellationToken cancellationToken = default);

    /// <summary>Lists the carriers connected to the account (V1 <c>GET /carriers</c>), to map shipping methods.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The carriers.</returns>
    Task<IReadOnlyList<ShipStationCarrier>> ListCarriersAsync(string connectionId, CancellationToken cancellationToken = default);

    /// <summary>Lists a carrier's shipping services (V1 <c>GET /carriers/listservices?carrierCode=…</c>).</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="carrierCode">The carrier code, for example <c>ups</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The services.</returns>
    Task<IReadOnlyList<ShipStationCarrierService>> ListCarrierServicesAsync(string connectionId, string carrierCode, CancellationToken cancellationToken = default);

    /// <summary>Lists V2 webhooks (<c>GET /v2/environment/webhooks</c>), with the connection's V2 API key.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The webhooks.</returns>
    Task<IReadOnlyList<ShipStationV2Webhook>> ListV2WebhooksAsync(string connectionId, CancellationToken cancellationToken = default);

    /// <summary>Creates a V2 webhook (<c>POST /v2/environment/webhooks</c> with <c>{event, url}</c>); ShipStation allows one URL per event.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="targetUrl">Where ShipStation delivers.</param>
    /// <param name="webhookEvent">The V2 event, for example <c>track</c> or <c>batch</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The created webhook.</returns>
    Task<ShipStationV2Webhook> CreateV2WebhookAsync(string connectionId, Uri targetUrl, string webhookEvent, CancellationToken cancellationToken = default);

    /// <summary>Deletes a V2 webhook (<c>DELETE /v2/environment/webhooks/{webhook_id}</c>); one already gone counts as deleted.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="webhookId">The webhook id (<c>se-…</c>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when deleted.</returns>
    Task DeleteV2WebhookAsync(string connectionId, string webhookId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Fetches the public keys (JWKS) that sign V2 webhooks, from <see cref="ShipStationOptions.V2JwksUrl"/>, for
    /// <see cref="ShipStationV2WebhookVerifier"/>. No credentials are sent. Cache the result and fetch again on an unknown key id.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The key set.</returns>
    Task<ShipStationWebhookKeys> GetV2WebhookSigningKeysAsync(CancellationToken cancellationToken = default);
}

using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using MlConnector.Core.Connectors.ShipStation;

namespace MlConnector.Sandbox.ShipStation;

/// <summary>
/// A stateful ShipStation on loopback Kestrel (<c>http://127.0.0.1:{free port}</c>) for tests and the demo: the V1 API
/// (https://docs.shipstation.com/apis/shipstation-v1) and the V2 webhook endpoints (contracts/shipstation/v2/openapi.yaml).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>V1 auth: HTTP Basic with a registered API key and secret (<see cref="RegisterCredentials"/>); anything else → 401.</item>
/// <item>V1 rate limit per API key: <see cref="RateLimitPerMinute"/> requests in a fixed 60-second window that opens with
/// the key's first request; every authenticated answer carries <c>X-Rate-Limit-Limit</c>, <c>X-Rate-Limit-Remaining</c>
/// and <c>X-Rate-Limit-Reset</c> (whole seconds until the window resets); over the limit → 429 with the same headers
/// (https://docs.shipstation.com/apis/shipstation-v1/docs/start-here/requirements). Time comes from the injected clock.</item>
/// <item>V1 endpoints: <c>GET /orders</c> (<c>modifyDateStart</c>, <c>storeId</c>/<c>storeID</c>, <c>orderNumber</c> prefix,
/// <c>orderStatus</c>, <c>importBatch</c>, <c>sortBy</c>, <c>sortDir</c>, <c>page</c>, <c>pageSize</c> ≤ 500), <c>GET /orders/{id}</c>,
/// <c>GET /shipments</c> (<c>orderNumber</c> prefix, <c>orderId</c>, <c>batchId</c>, <c>trackingNumber</c>, <c>storeId</c>,
/// <c>createDateStart</c>/<c>End</c>, <c>shipDateStart</c>/<c>End</c>, <c>voidDateStart</c>/<c>End</c> of
/// https://docs.shipstation.com/apis/shipstation-v1/docs/shipments/list; an unreadable date → 400), <c>GET /fulfillments</c>
/// (every filter of https://www.shipstation.com/docs/api/fulfillments/list-fulfillments/: <c>fulfillmentId</c>, <c>orderId</c>,
/// <c>orderNumber</c>, <c>trackingNumber</c>, <c>recipientName</c>, <c>createDateStart</c>/<c>End</c>, <c>shipDateStart</c>/<c>End</c>,
/// <c>sortBy</c> ShipDate|CreateDate (default createDate ascending), <c>sortDir</c>, <c>page</c>, <c>pageSize</c>), <c>GET /products</c>,
/// <c>GET /carriers</c>, <c>GET /carriers/listservices</c>, <c>POST /webhooks/subscribe</c>, <c>GET /webhooks</c>,
/// <c>DELETE /webhooks/{id}</c>. Datetimes are written as US Pacific wall-clock strings without offset.</item>
/// <item>V2: <c>GET|POST /v2/environment/webhooks</c>, <c>DELETE /v2/environment/webhooks/{id}</c> with header <c>api-key</c>
/// (<see cref="RegisterV2ApiKey"/>); errors use <c>error_response_body</c>. <c>GET /jwks</c> publishes the signing key.</item>
/// <item>Webhook deliveries are POSTed from the simulator to subscribed target URLs: V1 as <c>{"resource_url", "resource_type"}</c>
/// (https://docs.shipstation.com/apis/shipstation-v1/docs/models/webhook), V2 signed by <see cref="Signer"/>.</item>
/// </list>
/// </remarks>
public sealed class ShipStationSimulator : IAsyncDisposable
{
    private const string DateFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff";
    private const int MaxPageSize = 500;
    private static readonly TimeSpan RateWindow = TimeSpan.FromMinutes(1);
    private static readonly TimeZoneInfo Pacific = FindPacific();
    private static readonly string[] V2Events = ["batch", "carrier_connected", "order_source_refresh_complete", "rate", "report_complete", "sales_orders_imported", "track"];

    private readonly WebApplication _app;
    private readonly TimeProvider _time;
    private readonly HttpClient _webhookClient = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly Lock _lock = new();
    private readonly Dictionary<string, string> _credentials = new(StringComparer.Ordinal);
    private readonly HashSet<string> _v2Keys = new(StringComparer.Ordinal);
    private readonly SortedDictionary<long, JsonObject> _orders = [];
    private readonly SortedDictionary<long, JsonObject> _shipments = [];
    private readonly SortedDictionary<long, JsonObject> _fulfillments = [];
    private readonly SortedDictionary<long, JsonObject> _products = [];
    private readonly List<JsonObject> _carriers = [];
    private readonly List<JsonObject> _services = [];
    private readonly Dictionary<string, long> _fillProviders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<long>> _importBatches = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, HashSet<long>> _shipmentBatches = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<V1Subscription> _v1Webhooks = [];
    private readonly List<V2Subscription> _v2Webhooks = [];
    private readonly Dictionary<string, (DateTimeOffset Start, int Count)> _windows = new(StringComparer.Ordinal);
    private readonly List<ShipStationSimulatorRequest> _requests = [];
    private readonly Queue<HttpStatusCode> _faults = new();
    private long _nextOrderId = 100_000_001;
    private long _nextShipmentId = 200_000_001;
    private long _nextProductId = 300_000_001;
    private long _nextFulfillmentId = 600_000_001;
    private long _nextItemId = 400_000_001;
    private long _nextWebhookId = 500_001;

    private ShipStationSimulator(WebApplication app, TimeProvider time)
    {
        _app = app;
        _time = time;
    }

    /// <summary>The V1 base address, for example <c>http://127.0.0.1:41234/</c>; V2 paths (<c>v2/…</c>) live under it too.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Where the V2 signing key is published (<c>{BaseAddress}jwks</c>).</summary>
    public Uri JwksUri => new(BaseAddress, "jwks");

    /// <summary>V1 requests allowed per API key per 60-second window. Default 40 (ShipStation's limit).</summary>
    public int RateLimitPerMinute { get; set; } = 40;

    /// <summary>How long (real time) each API request is held before it is answered, as a distant vendor's would be. Default zero.</summary>
    public TimeSpan ResponseLatency { get; set; } = TimeSpan.Zero;

    /// <summary>The key that signs V2 deliveries.</summary>
    public ShipStationV2WebhookSigner Signer { get; } = new();

    /// <summary>Random faults on the API (5xx, 429, lost responses); off until enabled.</summary>
    public SimulatorFaults Faults { get; } = new();

    /// <summary>Starts the simulator on a free loopback port.</summary>
    /// <param name="timeProvider">The clock for dates and rate windows; the system clock when null.</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    /// <returns>The running simulator.</returns>
    public static async Task<ShipStationSimulator> StartAsync(TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ShipStationSimulator? simulator = null;
        var (_, address) = await LoopbackHost.StartAsync(
            app =>
            {
                simulator = new ShipStationSimulator(app, timeProvider ?? TimeProvider.System);
                app.Use(simulator.Faults.InvokeAsync);
                app.Run(simulator.HandleAsync);
            },
            cancellationToken);
        simulator!.BaseAddress = address;
        return simulator;
    }

    /// <summary>Accepts a V1 API key and secret.</summary>
    /// <param name="apiKey">The API key (Basic user name).</param>
    /// <param name="apiSecret">The API secret (Basic password).</param>
    public void RegisterCredentials(string apiKey, string apiSecret)
    {
        lock (_lock)
        {
            _credentials[apiKey] = apiSecret;
        }
    }

    /// <summary>Accepts a V2 API key (header <c>api-key</c>).</summary>
    /// <param name="apiKey">The key.</param>
    public void RegisterV2ApiKey(string apiKey)
    {
        lock (_lock)
        {
            _v2Keys.Add(apiKey);
        }
    }

    /// <summary>The next <paramref name="count"/> authenticated API requests are answered with <paramref name="status"/> (after rate limiting).</summary>
    /// <param name="status">The status, for example 503.</param>
    /// <param name="count">How many requests.</param>
    public void FailNextRequests(HttpStatusCode status, int count = 1)
    {
        lock (_lock)
        {
            for (var i = 0; i < count; i++)
            {
                _faults.Enqueue(status);
            }
        }
    }

    /// <summary>The requests answered so far.</summary>
    /// <returns>A snapshot, in arrival order.</returns>
    public IReadOnlyList<ShipStationSimulatorRequest> GetRequests()
    {
        lock (_lock)
        {
            return [.. _requests];
        }
    }

    /// <summary>
    /// Loads entities from a file in the vendors' list-response format: an object with any of <c>orders</c>,
    /// <c>shipments</c>, <c>fulfillments</c>, <c>products</c> (as <c>GET /orders</c> etc. return them), <c>carriers</c> (as <c>GET /carriers</c>)
    /// and <c>services</c> (as <c>GET /carriers/listservices</c>). Given ids and dates are kept; missing ones are assigned.
    /// </summary>
    /// <param name="path">The JSON file.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <returns>How many entities were loaded.</returns>
    public async Task<int> SeedFromJsonAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = File.OpenRead(path);
        var root = await JsonNode.ParseAsync(stream, cancellationToken: cancellationToken) as JsonObject
            ?? throw new InvalidDataException($"{path} is not a JSON object.");
        var count = 0;
        lock (_lock)
        {
            var now = ToPacific(_time.GetUtcNow());
            foreach (var order in Items(root, "orders"))
            {
                var id = order["orderId"]?.GetValue<long>() ?? _nextOrderId++;
                _nextOrderId = Math.Max(_nextOrderId, id + 1);
                order["orderId"] = id;
                order["orderKey"] ??= Guid.NewGuid().ToString("N");
                order["createDate"] ??= now;
                order["modifyDate"] ??= order["createDate"]!.GetValue<string>();
                order["orderDate"] ??= order["createDate"]!.GetValue<string>();
                order["items"] ??= new JsonArray();
                _orders[id] = order;
                count++;
            }

            count += SeedById(root, "shipments", "shipmentId", _shipments, ref _nextShipmentId);
            count += SeedById(root, "fulfillments", "fulfillmentId", _fulfillments, ref _nextFulfillmentId);
            count += SeedById(root, "products", "productId", _products, ref _nextProductId);
            foreach (var carrier in Items(root, "carriers"))
            {
                _carriers.Add(carrier);
                count++;
            }

            foreach (var service in Items(root, "services"))
            {
                _services.Add(service);
                count++;
            }
        }

        return count;
    }

    /// <summary>Creates an order as a store import would: assigns orderId, orderKey, createDate and modifyDate (now).</summary>
    /// <param name="draft">What to create.</param>
    /// <returns>The order as ShipStation now holds it.</returns>
    public ShipStationOrder CreateOrder(ShipStationOrderDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        lock (_lock)
        {
            var order = NewOrder(draft);
            _orders[order["orderId"]!.GetValue<long>()] = order;
            return ToOrder(order);
        }
    }

    /// <summary>Creates several orders (see <see cref="CreateOrder"/>).</summary>
    /// <param name="drafts">What to create.</param>
    /// <returns>The orders, in the same order.</returns>
    public IReadOnlyList<ShipStationOrder> AddOrders(IEnumerable<ShipStationOrderDraft> drafts)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        return [.. drafts.Select(CreateOrder)];
    }

    /// <summary>Finds an order by number.</summary>
    /// <param name="orderNumber">The order number.</param>
    /// <returns>The order, or null.</returns>
    public ShipStationOrder? FindOrder(string orderNumber)
    {
        lock (_lock)
        {
            return FindOrderJson(orderNumber) is { } order ? ToOrder(order) : null;
        }
    }

    /// <summary>Creates a label for an order: a shipment with the given carrier, service, tracking number and cost; the order becomes <c>shipped</c>.</summary>
    /// <param name="orderNumber">The order number.</param>
    /// <param name="carrierCode">The carrier code, for example <c>ups</c>.</param>
    /// <param name="serviceCode">The service code, for example <c>ups_ground</c>.</param>
    /// <param name="trackingNumber">The tracking number.</param>
    /// <param name="shipmentCost">What the label cost.</param>
    /// <returns>The shipment.</returns>
    /// <exception cref="KeyNotFoundException">When no order has that number.</exception>
    /// <exception cref="InvalidOperationException">When the order is cancelled.</exception>
    public ShipStationShipment ShipOrder(string orderNumber, string carrierCode, string serviceCode, string trackingNumber, decimal shipmentCost)
    {
        lock (_lock)
        {
            var order = FindOrderJson(orderNumber) ?? throw new KeyNotFoundException($"No simulated order {orderNumber}.");
            if (order["orderStatus"]?.GetValue<string>() == "cancelled")
            {
                throw new InvalidOperationException($"Order {orderNumber} is cancelled.");
            }

            var now = _time.GetUtcNow();
            var shipDate = TimeZoneInfo.ConvertTime(now, Pacific).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var id = _nextShipmentId++;
            var shipment = new JsonObject
            {
                ["shipmentId"] = id,
                ["orderId"] = order["orderId"]!.GetValue<long>(),
                ["orderKey"] = order["orderKey"]?.DeepClone(),
                ["userId"] = null,
                ["customerEmail"] = order["customerEmail"]?.DeepClone(),
                ["orderNumber"] = orderNumber,
                ["createDate"] = ToPacific(now),
                ["shipDate"] = shipDate,
                ["shipmentCost"] = shipmentCost,
                ["insuranceCost"] = 0m,
                ["trackingNumber"] = trackingNumber,
                ["isReturnLabel"] = false,
                ["batchNumber"] = null,
                ["carrierCode"] = carrierCode,
                ["serviceCode"] = serviceCode,
                ["packageCode"] = "package",
                ["confirmation"] = "none",
                ["warehouseId"] = null,
                ["voided"] = false,
                ["voidDate"] = null,
                ["marketplaceNotified"] = false,
                ["notifyErrorMessage"] = null,
                ["shipTo"] = order["shipTo"]?.DeepClone(),
                ["weight"] = new JsonObject { ["value"] = 16, ["units"] = "ounces" },
                ["dimensions"] = null,
                ["insuranceOptions"] = new JsonObject { ["provider"] = null, ["insureShipment"] = false, ["insuredValue"] = 0 },
                ["advancedOptions"] = order["advancedOptions"]?.DeepClone(),
                ["shipmentItems"] = null,
                ["labelData"] = null,
                ["formData"] = null,
            };
            _shipments[id] = shipment;
            order["orderStatus"] = "shipped";
            order["shipDate"] = shipDate;
            order["carrierCode"] = carrierCode;
            order["serviceCode"] = serviceCode;
            order["modifyDate"] = ToPacific(now);
            return ToShipment(shipment);
        }
    }

    /// <summary>
    /// Marks an order shipped without a ShipStation label, as a fulfillment provider or the merchant does ("Mark as
    /// Shipped"): a fulfillment with every documented V1 field; the order becomes <c>shipped</c>. An order may be fulfilled
    /// more than once (split shipments).
    /// </summary>
    /// <param name="orderNumber">The order number.</param>
    /// <param name="carrier">The carrier as entered (free text on fulfillments, for example <c>FedEx</c>).</param>
    /// <param name="trackingNumber">The tracking number.</param>
    /// <param name="providerName">The seller fulfillment provider's name (<c>sellerFillProviderName</c>), or null when the merchant marked it shipped.</param>
    /// <param name="fulfillmentFee">What the provider charged.</param>
    /// <returns>The fulfillment.</returns>
    /// <exception cref="KeyNotFoundException">When no order has that number.</exception>
    /// <exception cref="InvalidOperationException">When the order is cancelled.</exception>
    public ShipStationFulfillment FulfillOrder(string orderNumber, string carrier, string trackingNumber, string? providerName = null, decimal fulfillmentFee = 0m)
    {
        lock (_lock)
        {
            var order = FindOrderJson(orderNumber) ?? throw new KeyNotFoundException($"No simulated order {orderNumber}.");
            if (order["orderStatus"]?.GetValue<string>() == "cancelled")
            {
                throw new InvalidOperationException($"Order {orderNumber} is cancelled.");
            }

            var now = _time.GetUtcNow();
            var shipDate = TimeZoneInfo.ConvertTime(now, Pacific).Date.ToString(DateFormat, CultureInfo.InvariantCulture);
            var id = _nextFulfillmentId++;
            var fulfillment = new JsonObject
            {
                ["fulfillmentId"] = id,
                ["orderId"] = order["orderId"]!.GetValue<long>(),
                ["orderNumber"] = orderNumber,
                ["userId"] = null,
                ["customerEmail"] = order["customerEmail"]?.DeepClone(),
                ["trackingNumber"] = trackingNumber,
                ["createDate"] = ToPacific(now),
                ["shipDate"] = shipDate,
                ["voidDate"] = null,
                ["deliveryDate"] = null,
                ["carrierCode"] = carrier,
                ["sellerFillProviderId"] = providerName is null ? null : FillProviderId(providerName),
                ["sellerFillProviderName"] = providerName,
                ["fulfillmentProviderCode"] = null,
                ["fulfillmentServiceCode"] = null,
                ["fulfillmentFee"] = fulfillmentFee,
                ["voidRequested"] = false,
                ["voided"] = false,
                ["marketplaceNotified"] = true,
                ["notifyErrorMessage"] = null,
                ["shipTo"] = order["shipTo"]?.DeepClone(),
            };
            _fulfillments[id] = fulfillment;
            order["orderStatus"] = "shipped";
            order["shipDate"] = shipDate[..10];
            order["modifyDate"] = ToPacific(now);
            return ToFulfillment(fulfillment);
        }
    }

    /// <summary>Voids a shipment's label (<c>voided</c> true, <c>voidDate</c> now); the order stays shipped.</summary>
    /// <param name="shipmentId">The shipment id.</param>
    /// <returns>The voided shipment.</returns>
    /// <exception cref="KeyNotFoundException">When no shipment has that id.</exception>
    public ShipStationShipment VoidShipment(long shipmentId)
    {
        lock (_lock)
        {
            return ToShipment(MarkVoided(_shipments, shipmentId, "shipment"));
        }
    }

    /// <summary>Voids a fulfillment (<c>voided</c> true, <c>voidDate</c> now).</summary>
    /// <param name="fulfillmentId">The fulfillment id.</param>
    /// <returns>The voided fulfillment.</returns>
    /// <exception cref="KeyNotFoundException">When no fulfillment has that id.</exception>
    public ShipStationFulfillment VoidFulfillment(long fulfillmentId)
    {
        lock (_lock)
        {
            return ToFulfillment(MarkVoided(_fulfillments, fulfillmentId, "fulfillment"));
        }
    }

    /// <summary>Sets <c>voided</c> and <c>voidDate</c> (now) on a stored document; the caller holds the lock.</summary>
    private JsonObject MarkVoided(SortedDictionary<long, JsonObject> store, long id, string kind)
    {
        var document = store.GetValueOrDefault(id) ?? throw new KeyNotFoundException($"No simulated {kind} {id}.");
        document["voided"] = true;
        document["voidDate"] = ToPacific(_time.GetUtcNow());
        return document;
    }

    /// <summary>Corrects one line of an order as a merchant edit in ShipStation would: its quantity and unit price change, the order total follows, modifyDate now.</summary>
    /// <param name="orderNumber">The order number.</param>
    /// <param name="sku">The line's SKU.</param>
    /// <param name="quantity">The new quantity.</param>
    /// <param name="unitPrice">The new unit price.</param>
    /// <returns>The corrected order.</returns>
    /// <exception cref="KeyNotFoundException">When no order has that number or no line that SKU.</exception>
    public ShipStationOrder CorrectOrderItem(string orderNumber, string sku, int quantity, decimal unitPrice)
    {
        lock (_lock)
        {
            var order = FindOrderJson(orderNumber) ?? throw new KeyNotFoundException($"No simulated order {orderNumber}.");
            var items = order["items"]!.AsArray();
            var line = items.OfType<JsonObject>().FirstOrDefault(i => Str(i["sku"]) == sku) ?? throw new KeyNotFoundException($"Order {orderNumber} has no line {sku}.");
            line["quantity"] = quantity;
            line["unitPrice"] = unitPrice;
            var itemsTotal = items.OfType<JsonObject>().Sum(i => i["quantity"]!.GetValue<int>() * i["unitPrice"]!.GetValue<decimal>());
            var total = itemsTotal + (order["shippingAmount"]?.GetValue<decimal>() ?? 0m) + (order["taxAmount"]?.GetValue<decimal>() ?? 0m);
            order["orderTotal"] = total;
            order["amountPaid"] = total;
            order["modifyDate"] = ToPacific(_time.GetUtcNow());
            return ToOrder(order);
        }
    }

    /// <summary>Cancels an order (status <c>cancelled</c>, modifyDate now).</summary>
    /// <param name="orderNumber">The order number.</param>
    /// <returns>The cancelled order.</returns>
    /// <exception cref="KeyNotFoundException">When no order has that number.</exception>
    public ShipStationOrder CancelOrder(string orderNumber)
    {
        lock (_lock)
        {
            var order = FindOrderJson(orderNumber) ?? throw new KeyNotFoundException($"No simulated order {orderNumber}.");
            order["orderStatus"] = "cancelled";
            order["modifyDate"] = ToPacific(_time.GetUtcNow());
            return ToOrder(order);
        }
    }

    /// <summary>Adds a product.</summary>
    /// <param name="sku">The SKU.</param>
    /// <param name="name">The name.</param>
    /// <param name="price">The price.</param>
    /// <param name="active">Whether it is active.</param>
    /// <returns>The product.</returns>
    public ShipStationProduct AddProduct(string sku, string name, decimal price, bool active = true)
    {
        lock (_lock)
        {
            var id = _nextProductId++;
            var now = ToPacific(_time.GetUtcNow());
            _products[id] = new JsonObject
            {
                ["productId"] = id, ["sku"] = sku, ["name"] = name, ["price"] = price, ["defaultCost"] = null,
                ["length"] = null, ["width"] = null, ["height"] = null, ["weightOz"] = null, ["internalNotes"] = null,
                ["fulfillmentSku"] = null, ["createDate"] = now, ["modifyDate"] = now, ["active"] = active,
                ["productCategory"] = null, ["productType"] = null, ["warehouseLocation"] = null,
                ["defaultCarrierCode"] = null, ["defaultServiceCode"] = null, ["defaultPackageCode"] = null,
                ["defaultIntlCarrierCode"] = null, ["defaultIntlServiceCode"] = null, ["defaultIntlPackageCode"] = null,
                ["defaultConfirmation"] = null, ["defaultIntlConfirmation"] = null, ["customsDescription"] = null,
                ["customsValue"] = null, ["customsTariffNo"] = null, ["customsCountryCode"] = null, ["noCustoms"] = null, ["tags"] = null,
            };
            return new ShipStationProduct(id, sku, name, price, active);
        }
    }

    /// <summary>Adds a carrier and its services.</summary>
    /// <param name="code">The carrier code.</param>
    /// <param name="name">The carrier name.</param>
    /// <param name="services">The services (code, name).</param>
    public void AddCarrier(string code, string name, params (string Code, string Name)[] services)
    {
        ArgumentNullException.ThrowIfNull(services);
        lock (_lock)
        {
            _carriers.Add(new JsonObject
            {
                ["name"] = name, ["code"] = code, ["accountNumber"] = null, ["requiresFundedAccount"] = false,
                ["balance"] = 0m, ["nickname"] = null, ["shippingProviderId"] = _carriers.Count + 1, ["primary"] = _carriers.Count == 0,
            });
            foreach (var (serviceCode, serviceName) in services)
            {
                _services.Add(new JsonObject { ["carrierCode"] = code, ["code"] = serviceCode, ["name"] = serviceName, ["domestic"] = true, ["international"] = false });
            }
        }
    }

    /// <summary>Groups orders into an import batch and returns the <c>resource_url</c> an ORDER_NOTIFY would carry (<c>/orders?storeID=…&amp;importBatch=…</c>).</summary>
    /// <param name="orders">The orders.</param>
    /// <returns>The resource URL.</returns>
    public Uri CreateOrderBatch(IEnumerable<ShipStationOrder> orders)
    {
        ArgumentNullException.ThrowIfNull(orders);
        var list = orders.ToList();
        var batch = Guid.NewGuid().ToString();
        lock (_lock)
        {
            _importBatches[batch] = [.. list.Select(o => o.OrderId)];
        }

        var store = list.Select(o => o.StoreId).FirstOrDefault(s => s is not null);
        return new Uri(BaseAddress, "orders?" + (store is { } s ? $"storeID={s.ToString(CultureInfo.InvariantCulture)}&" : string.Empty) + "importBatch=" + batch);
    }

    /// <summary>Groups shipments into a label batch and returns the <c>resource_url</c> a SHIP_NOTIFY would carry (<c>/shipments?batchId=…</c>).</summary>
    /// <param name="shipments">The shipments.</param>
    /// <returns>The resource URL.</returns>
    public Uri CreateShipmentBatch(IEnumerable<ShipStationShipment> shipments)
    {
        ArgumentNullException.ThrowIfNull(shipments);
        var batch = Guid.NewGuid().ToString();
        lock (_lock)
        {
            _shipmentBatches[batch] = [.. shipments.Select(s => s.ShipmentId)];
        }

        return new Uri(BaseAddress, "shipments?batchId=" + batch);
    }

    /// <summary>
    /// The <c>resource_url</c> a FULFILLMENT_SHIPPED delivery carries for one fulfillment. ShipStation does not document
    /// the query of this URL, so the simulator uses a documented List Fulfillments filter: <c>/fulfillments?fulfillmentId=…</c>.
    /// </summary>
    /// <param name="fulfillment">The fulfillment.</param>
    /// <returns>The resource URL.</returns>
    public Uri CreateFulfillmentResource(ShipStationFulfillment fulfillment)
    {
        ArgumentNullException.ThrowIfNull(fulfillment);
        return new Uri(BaseAddress, "fulfillments?fulfillmentId=" + fulfillment.FulfillmentId.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Fires FULFILLMENT_SHIPPED, one delivery per fulfillment (<see cref="CreateFulfillmentResource"/>), to every FULFILLMENT_SHIPPED subscriber.</summary>
    /// <param name="fulfillments">The fulfillments.</param>
    /// <param name="delivery">Once, twice or not at all.</param>
    /// <param name="cancellationToken">Cancels the deliveries.</param>
    /// <returns>The delivery attempts.</returns>
    public async Task<IReadOnlyList<ShipStationWebhookDeliveryResult>> NotifyFulfillmentsAsync(IEnumerable<ShipStationFulfillment> fulfillments, ShipStationWebhookDelivery delivery = ShipStationWebhookDelivery.Once, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fulfillments);
        var results = new List<ShipStationWebhookDeliveryResult>();
        foreach (var fulfillment in fulfillments)
        {
            results.AddRange(await FireWebhookAsync(ShipStationHookTypes.FulfillmentShipped, CreateFulfillmentResource(fulfillment), delivery, cancellationToken));
        }

        return results;
    }

    /// <summary>Fires ORDER_NOTIFY for the orders (one import batch) to every ORDER_NOTIFY subscriber.</summary>
    /// <param name="orders">The orders.</param>
    /// <param name="delivery">Once, twice (duplicate) or not at all (missed).</param>
    /// <param name="cancellationToken">Cancels the deliveries.</param>
    /// <returns>The delivery attempts.</returns>
    public Task<IReadOnlyList<ShipStationWebhookDeliveryResult>> NotifyOrdersAsync(IEnumerable<ShipStationOrder> orders, ShipStationWebhookDelivery delivery = ShipStationWebhookDelivery.Once, CancellationToken cancellationToken = default) =>
        FireWebhookAsync(ShipStationHookTypes.OrderNotify, CreateOrderBatch(orders), delivery, cancellationToken);

    /// <summary>Fires SHIP_NOTIFY for the shipments (one label batch) to every SHIP_NOTIFY subscriber.</summary>
    /// <param name="shipments">The shipments.</param>
    /// <param name="delivery">Once, twice or not at all.</param>
    /// <param name="cancellationToken">Cancels the deliveries.</param>
    /// <returns>The delivery attempts.</returns>
    public Task<IReadOnlyList<ShipStationWebhookDeliveryResult>> NotifyShipmentsAsync(IEnumerable<ShipStationShipment> shipments, ShipStationWebhookDelivery delivery = ShipStationWebhookDelivery.Once, CancellationToken cancellationToken = default) =>
        FireWebhookAsync(ShipStationHookTypes.ShipNotify, CreateShipmentBatch(shipments), delivery, cancellationToken);

    /// <summary>POSTs <c>{"resource_url": …, "resource_type": hookType}</c> to every V1 subscriber of <paramref name="hookType"/>.</summary>
    /// <param name="hookType">The V1 event.</param>
    /// <param name="resourceUrl">The resource URL to deliver.</param>
    /// <param name="delivery">Once, twice or not at all.</param>
    /// <param name="cancellationToken">Cancels the deliveries.</param>
    /// <returns>The delivery attempts.</returns>
    public async Task<IReadOnlyList<ShipStationWebhookDeliveryResult>> FireWebhookAsync(string hookType, Uri resourceUrl, ShipStationWebhookDelivery delivery = ShipStationWebhookDelivery.Once, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resourceUrl);
        List<V1Subscription> targets;
        lock (_lock)
        {
            targets = [.. _v1Webhooks.Where(w => w.HookType == hookType)];
        }

        var body = new JsonObject { ["resource_url"] = resourceUrl.AbsoluteUri, ["resource_type"] = hookType }.ToJsonString();
        var results = new List<ShipStationWebhookDeliveryResult>();
        foreach (var target in targets)
        {
            var id = target.Id.ToString(CultureInfo.InvariantCulture);
            results.AddRange(await DeliverAsync(id, hookType, target.Url, body, delivery, signed: false, cancellationToken));
        }

        return results;
    }

    /// <summary>POSTs a signed V2 delivery (headers <c>x-shipengine-rsa-sha256-key-id</c>, <c>-signature</c>, <c>x-shipengine-timestamp</c>) to every V2 subscriber of the event.</summary>
    /// <param name="webhookEvent">The V2 event, for example <c>track</c>.</param>
    /// <param name="body">The exact JSON body.</param>
    /// <param name="delivery">Once, twice or not at all.</param>
    /// <param name="cancellationToken">Cancels the deliveries.</param>
    /// <returns>The delivery attempts.</returns>
    public async Task<IReadOnlyList<ShipStationWebhookDeliveryResult>> FireV2WebhookAsync(string webhookEvent, string body, ShipStationWebhookDelivery delivery = ShipStationWebhookDelivery.Once, CancellationToken cancellationToken = default)
    {
        List<V2Subscription> targets;
        lock (_lock)
        {
            targets = [.. _v2Webhooks.Where(w => w.Event == webhookEvent)];
        }

        var results = new List<ShipStationWebhookDeliveryResult>();
        foreach (var target in targets)
        {
            results.AddRange(await DeliverAsync(target.Id, webhookEvent, target.Url, body, delivery, signed: true, cancellationToken));
        }

        return results;
    }

    /// <summary>Stops the server.</summary>
    /// <returns>A task that completes when stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _webhookClient.Dispose();
        Signer.Dispose();
    }

    private static TimeZoneInfo FindPacific()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Pacific Standard Time");
        }
    }

    private static string ToPacific(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, Pacific).DateTime.ToString(DateFormat, CultureInfo.InvariantCulture);

    /// <summary>Reads a V1 datetime (Pacific wall clock); a repeated fall-back hour is read as standard time, as TimeZoneInfo does.</summary>
    private static DateTimeOffset? FromPacific(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || !DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
        {
            return null;
        }

        if (parsed.Kind != DateTimeKind.Unspecified)
        {
            return DateTimeOffset.Parse(value, CultureInfo.InvariantCulture).ToUniversalTime();
        }

        return Pacific.IsInvalidTime(parsed) ? null : new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(parsed, Pacific), TimeSpan.Zero);
    }

    /// <summary>Loads <c>root[name]</c> into <paramref name="target"/>, keeping given ids and assigning missing ones.</summary>
    private static int SeedById(JsonObject root, string name, string idField, SortedDictionary<long, JsonObject> target, ref long nextId)
    {
        var count = 0;
        foreach (var item in Items(root, name))
        {
            var id = item[idField]?.GetValue<long>() ?? nextId++;
            nextId = Math.Max(nextId, id + 1);
            item[idField] = id;
            target[id] = item;
            count++;
        }

        return count;
    }

    private static IEnumerable<JsonObject> Items(JsonObject root, string name) =>
        root[name] is JsonArray array ? array.OfType<JsonObject>().Select(o => (JsonObject)o.DeepClone()) : [];

    private static string? Str(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;

    private static long? Long(JsonNode? node) => node is JsonValue value && value.TryGetValue<long>(out var l) ? l : null;

    private static decimal Dec(JsonNode? node) => node is JsonValue value && value.TryGetValue<decimal>(out var d) ? d : 0m;

    private static ShipStationOrder ToOrder(JsonObject order) => new()
    {
        OrderId = order["orderId"]!.GetValue<long>(),
        OrderNumber = Str(order["orderNumber"]) ?? string.Empty,
        OrderKey = Str(order["orderKey"]),
        OrderDateUtc = FromPacific(Str(order["orderDate"])) ?? default,
        ModifyDateUtc = FromPacific(Str(order["modifyDate"])) ?? default,
        OrderStatus = Str(order["orderStatus"]) ?? string.Empty,
        CustomerId = Long(order["customerId"]),
        CustomerEmail = Str(order["customerEmail"]),
        CustomerName = Str(order["billTo"]?["name"]),
        ShipTo = ToAddress(order["shipTo"]),
        Items = [.. (order["items"] as JsonArray ?? []).OfType<JsonObject>().Select(i => new ShipStationOrderItem(Str(i["sku"]), Str(i["name"]) ?? string.Empty, (int)(Long(i["quantity"]) ?? 0), Dec(i["unitPrice"])) { IsAdjustment = i["adjustment"] is JsonValue adj && adj.TryGetValue<bool>(out var b) && b })],
        ShippingAmount = Dec(order["shippingAmount"]),
        TaxAmount = Dec(order["taxAmount"]),
        OrderTotal = Dec(order["orderTotal"]),
        AmountPaid = Dec(order["amountPaid"]),
        RequestedShippingService = Str(order["requestedShippingService"]),
        CarrierCode = Str(order["carrierCode"]),
        ServiceCode = Str(order["serviceCode"]),
        StoreId = Long(order["advancedOptions"]?["storeId"]),
    };

    private static ShipStationShipment ToShipment(JsonObject shipment) => new()
    {
        ShipmentId = shipment["shipmentId"]!.GetValue<long>(),
        OrderId = Long(shipment["orderId"]) ?? 0,
        OrderNumber = Str(shipment["orderNumber"]) ?? string.Empty,
        ShipDateUtc = ShipDateOf(Str(shipment["shipDate"])),
        CarrierCode = Str(shipment["carrierCode"]),
        ServiceCode = Str(shipment["serviceCode"]),
        TrackingNumber = Str(shipment["trackingNumber"]),
        ShipmentCost = Dec(shipment["shipmentCost"]),
        Voided = Bool(shipment["voided"]),
    };

    private static ShipStationFulfillment ToFulfillment(JsonObject fulfillment) => new()
    {
        FulfillmentId = fulfillment["fulfillmentId"]!.GetValue<long>(),
        OrderId = Long(fulfillment["orderId"]) ?? 0,
        OrderNumber = Str(fulfillment["orderNumber"]) ?? string.Empty,
        CustomerEmail = Str(fulfillment["customerEmail"]),
        TrackingNumber = Str(fulfillment["trackingNumber"]),
        CreateDateUtc = FromPacific(Str(fulfillment["createDate"])) ?? default,
        ShipDateUtc = ShipDateOf(Str(fulfillment["shipDate"])),
        VoidDateUtc = FromPacific(Str(fulfillment["voidDate"])),
        DeliveryDateUtc = FromPacific(Str(fulfillment["deliveryDate"])),
        CarrierCode = Str(fulfillment["carrierCode"]),
        SellerFillProviderId = Long(fulfillment["sellerFillProviderId"]),
        SellerFillProviderName = Str(fulfillment["sellerFillProviderName"]),
        FulfillmentProviderCode = Str(fulfillment["fulfillmentProviderCode"]),
        FulfillmentServiceCode = Str(fulfillment["fulfillmentServiceCode"]),
        FulfillmentFee = Dec(fulfillment["fulfillmentFee"]),
        VoidRequested = Bool(fulfillment["voidRequested"]),
        Voided = Bool(fulfillment["voided"]),
        MarketplaceNotified = Bool(fulfillment["marketplaceNotified"]),
        NotifyErrorMessage = Str(fulfillment["notifyErrorMessage"]),
        ShipTo = ToAddress(fulfillment["shipTo"]),
    };

    private static bool Bool(JsonNode? node) => node is JsonValue value && value.TryGetValue<bool>(out var b) && b;

    /// <summary>UTC midnight of the calendar date of a V1 <c>shipDate</c> (<c>2016-06-08</c> or <c>2016-06-08T00:00:00.0000000</c>).</summary>
    private static DateTimeOffset ShipDateOf(string? value) =>
        DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed) ? new DateTimeOffset(parsed.Date, TimeSpan.Zero) : default;

    private static ShipStationAddress? ToAddress(JsonNode? node) => node is JsonObject a
        ? new ShipStationAddress(Str(a["name"]), Str(a["street1"]), Str(a["city"]), Str(a["state"]), Str(a["postalCode"]), Str(a["country"])) { Street2 = Str(a["street2"]), Company = Str(a["company"]), Phone = Str(a["phone"]) }
        : null;

    private static JsonObject Address(ShipStationAddress? address, string? fallbackName) => new()
    {
        ["name"] = address?.Name ?? fallbackName,
        ["company"] = address?.Company,
        ["street1"] = address?.Street1 ?? "525 S Winchester Blvd",
        ["street2"] = address?.Street2,
        ["street3"] = null,
        ["city"] = address?.City ?? "San Jose",
        ["state"] = address?.State ?? "CA",
        ["postalCode"] = address?.PostalCode ?? "95128",
        ["country"] = address?.Country ?? "US",
        ["phone"] = address?.Phone,
        ["residential"] = true,
        ["addressVerified"] = "Address validated successfully",
    };

    /// <summary>The seller fulfillment provider's id: one per name, assigned on first use (caller holds the lock).</summary>
    private long FillProviderId(string providerName)
    {
        if (!_fillProviders.TryGetValue(providerName, out var id))
        {
            id = _fillProviders[providerName] = 12_000 + _fillProviders.Count + 1;
        }

        return id;
    }

    private JsonObject? FindOrderJson(string orderNumber) =>
        _orders.Values.FirstOrDefault(o => Str(o["orderNumber"]) == orderNumber);

    private JsonObject NewOrder(ShipStationOrderDraft draft)
    {
        var now = _time.GetUtcNow();
        var stamp = ToPacific(now);
        var items = new JsonArray();
        foreach (var item in draft.Items)
        {
            items.Add(new JsonObject
            {
                ["orderItemId"] = _nextItemId++, ["lineItemKey"] = null, ["sku"] = item.Sku, ["name"] = item.Name,
                ["imageUrl"] = null, ["weight"] = null, ["quantity"] = item.Quantity, ["unitPrice"] = item.UnitPrice,
                ["taxAmount"] = null, ["shippingAmount"] = null, ["warehouseLocation"] = null, ["options"] = new JsonArray(),
                ["productId"] = null, ["fulfillmentSku"] = null, ["adjustment"] = item.IsAdjustment, ["upc"] = null,
                ["createDate"] = stamp, ["modifyDate"] = stamp,
            });
        }

        var itemsTotal = draft.Items.Sum(i => i.Quantity * i.UnitPrice);
        var total = itemsTotal + draft.ShippingAmount + draft.TaxAmount;
        return new JsonObject
        {
            ["orderId"] = _nextOrderId++,
            ["orderNumber"] = draft.OrderNumber,
            ["orderKey"] = Guid.NewGuid().ToString("N"),
            ["orderDate"] = ToPacific(draft.OrderDateUtc ?? now),
            ["createDate"] = stamp,
            ["modifyDate"] = stamp,
            ["paymentDate"] = ToPacific(draft.OrderDateUtc ?? now),
            ["shipByDate"] = null,
            ["orderStatus"] = draft.OrderStatus,
            ["customerId"] = draft.CustomerId,
            ["customerUsername"] = draft.CustomerEmail,
            ["customerEmail"] = draft.CustomerEmail,
            ["billTo"] = Address(null, draft.CustomerName),
            ["shipTo"] = Address(draft.ShipTo, draft.CustomerName),
            ["items"] = items,
            ["orderTotal"] = total,
            ["amountPaid"] = total,
            ["taxAmount"] = draft.TaxAmount,
            ["shippingAmount"] = draft.ShippingAmount,
            ["customerNotes"] = null,
            ["internalNotes"] = null,
            ["gift"] = false,
            ["giftMessage"] = null,
            ["paymentMethod"] = null,
            ["requestedShippingService"] = draft.RequestedShippingService,
            ["carrierCode"] = null,
            ["serviceCode"] = null,
            ["packageCode"] = null,
            ["confirmation"] = "none",
            ["shipDate"] = null,
            ["holdUntilDate"] = null,
            ["weight"] = new JsonObject { ["value"] = 16, ["units"] = "ounces" },
            ["dimensions"] = null,
            ["insuranceOptions"] = new JsonObject { ["provider"] = null, ["insureShipment"] = false, ["insuredValue"] = 0 },
            ["internationalOptions"] = new JsonObject { ["contents"] = null, ["customsItems"] = null, ["nonDelivery"] = null },
            ["advancedOptions"] = new JsonObject
            {
                ["warehouseId"] = null, ["nonMachinable"] = false, ["saturdayDelivery"] = false, ["containsAlcohol"] = false,
                ["storeId"] = draft.StoreId, ["customField1"] = null, ["customField2"] = null, ["customField3"] = null, ["source"] = null,
            },
            ["tagIds"] = null,
            ["userId"] = null,
            ["externallyFulfilled"] = false,
            ["externallyFulfilledBy"] = null,
        };
    }

    private async Task<List<ShipStationWebhookDeliveryResult>> DeliverAsync(string id, string webhookEvent, Uri target, string body, ShipStationWebhookDelivery delivery, bool signed, CancellationToken cancellationToken)
    {
        if (delivery == ShipStationWebhookDelivery.Drop)
        {
            return [new ShipStationWebhookDeliveryResult(id, webhookEvent, target, body, null, true, null)];
        }

        var results = new List<ShipStationWebhookDeliveryResult>();
        var attempts = delivery == ShipStationWebhookDelivery.Twice ? 2 : 1;
        for (var i = 0; i < attempts; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            if (signed)
            {
                var signature = Signer.Sign(body, _time.GetUtcNow());
                request.Headers.Add("x-shipengine-rsa-sha256-key-id", signature.KeyId);
                request.Headers.Add("x-shipengine-rsa-sha256-signature", signature.Signature);
                request.Headers.Add("x-shipengine-timestamp", signature.Timestamp);
            }

            try
            {
                using var response = await _webhookClient.SendAsync(request, cancellationToken);
                results.Add(new ShipStationWebhookDeliveryResult(id, webhookEvent, target, body, (int)response.StatusCode, false, null));
            }
            catch (HttpRequestException ex)
            {
                results.Add(new ShipStationWebhookDeliveryResult(id, webhookEvent, target, body, null, false, ex.Message));
            }
        }

        return results;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        string? body = null;
        if (HttpMethods.IsPost(request.Method))
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }

        if (ResponseLatency > TimeSpan.Zero)
        {
            await Task.Delay(ResponseLatency, context.RequestAborted);
        }

        var path = request.Path.Value ?? "/";
        var result = path.Equals("/jwks", StringComparison.OrdinalIgnoreCase) && HttpMethods.IsGet(request.Method)
            ? Reply.Json(200, JsonNode.Parse(Signer.GetJwks())!)
            : path.StartsWith("/v2/", StringComparison.OrdinalIgnoreCase) ? HandleV2(request, path, body) : HandleV1(context, path, body);
        lock (_lock)
        {
            _requests.Add(new ShipStationSimulatorRequest(request.Method, path, request.QueryString.Value ?? string.Empty, result.Status, _time.GetUtcNow(), body));
        }

        context.Response.StatusCode = result.Status;
        if (result.Content is not null)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(result.Content.ToJsonString(), context.RequestAborted);
        }
    }

    private Reply HandleV1(HttpContext context, string path, string? body)
    {
        var request = context.Request;
        var apiKey = Authenticate(request.Headers.Authorization.ToString());
        if (apiKey is null)
        {
            return Reply.Empty(401);
        }

        lock (_lock)
        {
            var now = _time.GetUtcNow();
            if (!_windows.TryGetValue(apiKey, out var window) || now >= window.Start + RateWindow)
            {
                window = (now, 0);
            }

            var reset = (int)Math.Ceiling((window.Start + RateWindow - now).TotalSeconds);
            var headers = context.Response.Headers;
            headers["X-Rate-Limit-Limit"] = RateLimitPerMinute.ToString(CultureInfo.InvariantCulture);
            headers["X-Rate-Limit-Reset"] = Math.Max(reset, 1).ToString(CultureInfo.InvariantCulture);
            if (window.Count >= RateLimitPerMinute)
            {
                _windows[apiKey] = window;
                headers["X-Rate-Limit-Remaining"] = "0";
                return Reply.Empty(429);
            }

            window.Count++;
            _windows[apiKey] = window;
            headers["X-Rate-Limit-Remaining"] = (RateLimitPerMinute - window.Count).ToString(CultureInfo.InvariantCulture);
            if (_faults.TryDequeue(out var fault))
            {
                return Reply.Empty((int)fault);
            }

            var query = request.Query;
            var method = request.Method;
            var segments = path.Trim('/').Split('/');
            return (method, segments) switch
            {
                ("GET", ["orders"]) => ListOrders(query),
                ("GET", ["orders", var id]) => long.TryParse(id, CultureInfo.InvariantCulture, out var orderId) && _orders.TryGetValue(orderId, out var order) ? Reply.Json(200, order.DeepClone()) : Reply.Empty(404),
                ("GET", ["shipments"]) => ListShipments(query),
                ("GET", ["fulfillments"]) => ListFulfillments(query),
                ("GET", ["products"]) => Page(query, "products", _products.Values),
                ("GET", ["carriers"]) => Reply.Json(200, new JsonArray([.. _carriers.Select(c => c.DeepClone())])),
                ("GET", ["carriers", "listservices"]) => Reply.Json(200, new JsonArray([.. _services.Where(s => Str(s["carrierCode"]) == query["carrierCode"].ToString()).Select(s => s.DeepClone())])),
                ("POST", ["webhooks", "subscribe"]) => Subscribe(body),
                ("GET", ["webhooks"]) => ListWebhooks(),
                ("DELETE", ["webhooks", var id]) => long.TryParse(id, CultureInfo.InvariantCulture, out var hookId) && _v1Webhooks.RemoveAll(w => w.Id == hookId) > 0 ? Reply.Empty(200) : Reply.Empty(404),
                _ => Reply.Empty(404),
            };
        }
    }

    private string? Authenticate(string header)
    {
        if (BasicCredentials.Decode(header) is not var (key, secret))
        {
            return null;
        }

        lock (_lock)
        {
            return _credentials.TryGetValue(key, out var expected) && expected == secret ? key : null;
        }
    }

    private Reply ListOrders(IQueryCollection query)
    {
        IEnumerable<JsonObject> orders = _orders.Values;
        if (query["importBatch"].ToString() is { Length: > 0 } batch)
        {
            var ids = _importBatches.GetValueOrDefault(batch) ?? [];
            orders = orders.Where(o => ids.Contains(o["orderId"]!.GetValue<long>()));
        }

        if (query["storeId"].ToString() is { Length: > 0 } store)
        {
            if (!long.TryParse(store, CultureInfo.InvariantCulture, out var storeId))
            {
                return Reply.Empty(400);
            }

            orders = orders.Where(o => Long(o["advancedOptions"]?["storeId"]) == storeId);
        }

        if (query["modifyDateStart"].ToString() is { Length: > 0 } start)
        {
            if (FromPacific(start) is not { } startUtc)
            {
                return Reply.Empty(400);
            }

            orders = orders.Where(o => FromPacific(Str(o["modifyDate"])) >= startUtc);
        }

        if (query["orderNumber"].ToString() is { Length: > 0 } number)
        {
            orders = orders.Where(o => Str(o["orderNumber"])?.StartsWith(number, StringComparison.Ordinal) == true);
        }

        if (query["orderStatus"].ToString() is { Length: > 0 } status)
        {
            orders = orders.Where(o => Str(o["orderStatus"]) == status);
        }

        var sortField = query["sortBy"].ToString() switch
        {
            "ModifyDate" => "modifyDate",
            "OrderDate" => "orderDate",
            "CreateDate" => "createDate",
            _ => null,
        };
        if (sortField is not null)
        {
            var descending = string.Equals(query["sortDir"], "DESC", StringComparison.OrdinalIgnoreCase);
            orders = descending
                ? orders.OrderByDescending(o => FromPacific(Str(o[sortField]))).ThenByDescending(o => o["orderId"]!.GetValue<long>())
                : orders.OrderBy(o => FromPacific(Str(o[sortField]))).ThenBy(o => o["orderId"]!.GetValue<long>());
        }

        return Page(query, "orders", orders);
    }

    private Reply ListShipments(IQueryCollection query)
    {
        IEnumerable<JsonObject> shipments = _shipments.Values;
        if (query["batchId"].ToString() is { Length: > 0 } batch)
        {
            var ids = _shipmentBatches.GetValueOrDefault(batch) ?? [];
            shipments = shipments.Where(s => ids.Contains(s["shipmentId"]!.GetValue<long>()));
        }

        if (query["orderNumber"].ToString() is { Length: > 0 } number)
        {
            shipments = shipments.Where(s => Str(s["orderNumber"])?.StartsWith(number, StringComparison.Ordinal) == true);
        }

        if (query["orderId"].ToString() is { Length: > 0 } orderId)
        {
            shipments = shipments.Where(s => Long(s["orderId"])?.ToString(CultureInfo.InvariantCulture) == orderId);
        }

        if (query["trackingNumber"].ToString() is { Length: > 0 } tracking)
        {
            shipments = shipments.Where(s => Str(s["trackingNumber"]) == tracking);
        }

        if (query["storeId"].ToString() is { Length: > 0 } store)
        {
            if (!long.TryParse(store, CultureInfo.InvariantCulture, out var storeId))
            {
                return Reply.Empty(400);
            }

            shipments = shipments.Where(s => Long(s["advancedOptions"]?["storeId"]) == storeId);
        }

        // https://docs.shipstation.com/apis/shipstation-v1/docs/shipments/list: createDate, shipDate and voidDate ranges.
        if (WithinDates(query, shipments, ("createDateStart", "createDate", true), ("createDateEnd", "createDate", false), ("shipDateStart", "shipDate", true), ("shipDateEnd", "shipDate", false), ("voidDateStart", "voidDate", true), ("voidDateEnd", "voidDate", false)) is not { } dated)
        {
            return Reply.Empty(400);
        }

        return Page(query, "shipments", dated);
    }

    private Reply ListFulfillments(IQueryCollection query)
    {
        IEnumerable<JsonObject> fulfillments = _fulfillments.Values;
        foreach (var (parameter, field) in new[] { ("fulfillmentId", "fulfillmentId"), ("orderId", "orderId") })
        {
            if (query[parameter].ToString() is { Length: > 0 } text)
            {
                if (!long.TryParse(text, CultureInfo.InvariantCulture, out var id))
                {
                    return Reply.Empty(400);
                }

                fulfillments = fulfillments.Where(f => Long(f[field]) == id);
            }
        }

        if (query["orderNumber"].ToString() is { Length: > 0 } number)
        {
            fulfillments = fulfillments.Where(f => Str(f["orderNumber"]) == number);
        }

        if (query["trackingNumber"].ToString() is { Length: > 0 } tracking)
        {
            fulfillments = fulfillments.Where(f => Str(f["trackingNumber"]) == tracking);
        }

        if (query["recipientName"].ToString() is { Length: > 0 } recipient)
        {
            fulfillments = fulfillments.Where(f => string.Equals(Str(f["shipTo"]?["name"]), recipient, StringComparison.OrdinalIgnoreCase));
        }

        if (WithinDates(query, fulfillments, ("createDateStart", "createDate", true), ("createDateEnd", "createDate", false), ("shipDateStart", "shipDate", true), ("shipDateEnd", "shipDate", false)) is not { } dated)
        {
            return Reply.Empty(400);
        }

        fulfillments = dated;

        var sortField = query["sortBy"].ToString() switch
        {
            "" or "CreateDate" => "createDate",
            "ShipDate" => "shipDate",
            _ => null,
        };
        if (sortField is null)
        {
            return Reply.Empty(400);
        }

        var descending = string.Equals(query["sortDir"], "DESC", StringComparison.OrdinalIgnoreCase);
        fulfillments = descending
            ? fulfillments.OrderByDescending(f => FromPacific(Str(f[sortField]))).ThenByDescending(f => f["fulfillmentId"]!.GetValue<long>())
            : fulfillments.OrderBy(f => FromPacific(Str(f[sortField]))).ThenBy(f => f["fulfillmentId"]!.GetValue<long>());
        return Page(query, "fulfillments", fulfillments);
    }

    /// <summary>Applies inclusive date-range filters (Pacific wall-clock values); null when a bound is unreadable (ShipStation answers 400).</summary>
    private static IEnumerable<JsonObject>? WithinDates(IQueryCollection query, IEnumerable<JsonObject> source, params (string Parameter, string Field, bool IsStart)[] filters)
    {
        foreach (var (parameter, field, isStart) in filters)
        {
            if (query[parameter].ToString() is { Length: > 0 } text)
            {
                if (FromPacific(text) is not { } bound)
                {
                    return null;
                }

                source = source.Where(d => FromPacific(Str(d[field])) is { } value && (isStart ? value >= bound : value <= bound));
            }
        }

        return source;
    }

    private static Reply Page(IQueryCollection query, string name, IEnumerable<JsonObject> source)
    {
        var page = query["page"].ToString() is { Length: > 0 } p ? (int.TryParse(p, CultureInfo.InvariantCulture, out var pv) ? pv : -1) : 1;
        var pageSize = query["pageSize"].ToString() is { Length: > 0 } s ? (int.TryParse(s, CultureInfo.InvariantCulture, out var sv) ? sv : -1) : 100;
        if (page < 1 || pageSize < 1 || pageSize > MaxPageSize)
        {
            return Reply.Empty(400);
        }

        var all = source.ToList();
        var items = all.Skip((page - 1) * pageSize).Take(pageSize).Select(o => o.DeepClone());
        return Reply.Json(200, new JsonObject
        {
            [name] = new JsonArray([.. items]),
            ["total"] = all.Count,
            ["page"] = page,
            ["pages"] = (all.Count + pageSize - 1) / pageSize,
        });
    }

    private Reply Subscribe(string? body)
    {
        var json = SimulatorJson.ParseObject(body);

        var target = Str(json?["target_url"]);
        var hookType = Str(json?["event"]);
        if (json is null || !Uri.TryCreate(target, UriKind.Absolute, out var targetUrl) || hookType is null || !ShipStationHookTypes.All.Contains(hookType))
        {
            return Reply.Empty(400);
        }

        var id = _nextWebhookId++;
        _v1Webhooks.Add(new V1Subscription(id, hookType, targetUrl, Long(json["store_id"]), Str(json["friendly_name"])));
        return Reply.Json(200, new JsonObject { ["id"] = id });
    }

    private Reply ListWebhooks() => Reply.Json(200, new JsonObject
    {
        ["webhooks"] = new JsonArray([.. _v1Webhooks.Select(w => (JsonNode)new JsonObject
        {
            ["IsLabelAPIHook"] = false,
            ["WebHookID"] = w.Id,
            ["SellerID"] = 100000,
            ["StoreID"] = w.StoreId,
            ["HookType"] = w.HookType,
            ["MessageFormat"] = "Json",
            ["Url"] = w.Url.AbsoluteUri,
            ["Name"] = w.Name,
            ["BulkCopyBatchID"] = null,
            ["BulkCopyRecordID"] = null,
            ["Active"] = true,
            ["WebhookLogs"] = new JsonArray(),
            ["Seller"] = null,
            ["Store"] = null,
        })]),
    });

    private Reply HandleV2(HttpRequest request, string path, string? body)
    {
        bool known;
        lock (_lock)
        {
            known = request.Headers.TryGetValue("api-key", out var key) && _v2Keys.Contains(key.ToString());
        }

        if (!known)
        {
            return V2Error(401, "security", "unauthorized", "The request is not authorized.");
        }

        lock (_lock)
        {
            if (_faults.TryDequeue(out var fault))
            {
                return V2Error((int)fault, "system", "unspecified", "Simulated failure.");
            }

            var segments = path.Trim('/').Split('/');
            return (request.Method, segments) switch
            {
                ("GET", ["v2", "environment", "webhooks"]) => Reply.Json(200, new JsonArray([.. _v2Webhooks.Select(w => (JsonNode)V2Json(w))])),
                ("POST", ["v2", "environment", "webhooks"]) => CreateV2Webhook(body),
                ("DELETE", ["v2", "environment", "webhooks", var id]) => _v2Webhooks.RemoveAll(w => w.Id == id) > 0 ? Reply.Empty(204) : V2Error(404, "validation", "invalid_identifier", "The webhook does not exist."),
                _ => V2Error(404, "validation", "invalid_identifier", "Not found."),
            };
        }
    }

    private Reply CreateV2Webhook(string? body)
    {
        var json = SimulatorJson.ParseObject(body);

        var webhookEvent = Str(json?["event"]);
        if (json is null || !Uri.TryCreate(Str(json["url"]), UriKind.Absolute, out var url) || webhookEvent is null || !V2Events.Contains(webhookEvent))
        {
            return V2Error(400, "validation", "invalid_field_value", "event and url are required.");
        }

        if (_v2Webhooks.Any(w => w.Event == webhookEvent))
        {
            return V2Error(409, "validation", "webhook_event_type_conflict", "A webhook for this event already exists.");
        }

        var subscription = new V2Subscription("se-" + _nextWebhookId++.ToString(CultureInfo.InvariantCulture), webhookEvent, url);
        _v2Webhooks.Add(subscription);
        return Reply.Json(200, V2Json(subscription));
    }

    private static JsonObject V2Json(V2Subscription subscription) => new()
    {
        ["webhook_id"] = subscription.Id,
        ["url"] = subscription.Url.AbsoluteUri,
        ["event"] = subscription.Event,
        ["headers"] = new JsonArray(),
    };

    private static Reply V2Error(int status, string type, string code, string message) => Reply.Json(status, new JsonObject
    {
        ["request_id"] = Guid.NewGuid().ToString(),
        ["errors"] = new JsonArray(new JsonObject { ["error_source"] = "ShipStation", ["error_type"] = type, ["error_code"] = code, ["message"] = message }),
    });

    private sealed record V1Subscription(long Id, string HookType, Uri Url, long? StoreId, string? Name);

    private sealed record V2Subscription(string Id, string Event, Uri Url);

    private sealed record Reply(int Status, JsonNode? Content)
    {
        public static Reply Empty(int status) => new(status, null);

        public static Reply Json(int status, JsonNode content) => new(status, content);
    }
}

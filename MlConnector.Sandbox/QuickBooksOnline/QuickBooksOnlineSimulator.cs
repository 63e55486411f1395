using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MlConnector.Sandbox.QuickBooksOnline;

/// <summary>
/// A stateful QuickBooks Online Accounting API v3 on loopback Kestrel (<c>http://127.0.0.1:{free port}</c>), for tests and
/// the demo. Point a connection's <c>qbo.baseUrl</c> at <see cref="BaseAddress"/>.
/// </summary>
/// <remarks>
/// <para>Per realm it keeps <see cref="EntityNames"/> as JSON objects in QBO's own shape (element names from Finance.xsd /
/// IntuitNamesTypes.xsd / IntuitBaseTypes.xsd) with <c>Id</c>, <c>SyncToken</c> (<c>"0"</c> on create, +1 on every update)
/// and <c>MetaData.CreateTime</c>/<c>LastUpdatedTime</c>.</para>
/// <list type="bullet">
/// <item><c>POST /v3/company/{realmId}/{entity}</c>: create (no <c>Id</c>), or update (with <c>Id</c> and <c>SyncToken</c>;
/// <c>"sparse": true</c> changes only the elements sent, otherwise the entity is replaced). A stale SyncToken answers 400
/// ValidationFault 5010 "Stale Object Error" (PROTOCOL-NOTES §2).</item>
/// <item><c>GET …/{entity}/{id}</c>: read; an unknown id answers 400 ValidationFault 610 "Object Not Found".</item>
/// <item><c>GET …/query?query=…</c>: see <see cref="QboSimulatorQuery"/>; answers
/// <c>{"QueryResponse":{"Invoice":[…],"startPosition":1,"maxResults":n},"time":…}</c>, <c>{"QueryResponse":{},…}</c> when nothing
/// matches, <c>{"QueryResponse":{"totalCount":n},…}</c> for <c>count(*)</c>. Rows come in Id order.</item>
/// <item><c>requestid</c> on a POST: a repeat answers the first response again and changes nothing
/// (blogs.intuit.com/2015/04/06/15346).</item>
/// <item>6240 "Duplicate Name Exists Error" for a second Customer or Vendor with the same DisplayName (the names are shared,
/// compared exactly), or a second Item or Account with the same Name; 2500 "Invalid Reference Id" for a
/// <c>CustomerRef</c>/<c>ItemRef</c>/<c>VendorRef</c>/<c>AccountRef</c>… to nothing.</item>
/// <item>Bearer tokens are checked by the validator given to <see cref="StartAsync"/> (tests wire
/// <c>OAuthServerSimulator.IsAccessTokenValid</c>); otherwise 401 AuthenticationFault.</item>
/// <item>Limits per realm (limits-and-throttles page): <see cref="RequestsPerMinute"/>, <see cref="RequestsPerSecond"/> and
/// <see cref="MaxConcurrentRequests"/> in flight; beyond them HTTP 429. Intuit documents only the status; the body here
/// is a Fault carrying the <c>ThrottleExceeded</c> message third parties report.</item>
/// <item><c>POST …/batch</c>: <c>BatchItemRequest</c> items (per-item <c>bId</c>, <c>operation</c> create/update/delete with
/// one entity, or a <c>Query</c>) answered by <c>BatchItemResponse</c> items carrying the entity, the <c>QueryResponse</c> or a
/// per-item <c>Fault</c>; at most <see cref="MaxBatchItems"/> items and <see cref="BatchRequestsPerMinute"/> batch requests per
/// realm and minute (429 beyond). <see cref="FailNextBatchItem"/> faults one item; <see cref="DropNextResponseWhere"/> loses
/// one committed response.</item>
/// <item>Transactions: lines get <c>Id</c>/<c>LineNum</c>, a missing <c>Amount</c> is Qty × UnitPrice, <c>TotalAmt</c> is
/// the sum, and invoices get QBO's trailing <c>SubTotalLineDetail</c> line. An invoice's <c>LinkedTxn</c> to a Closed or
/// Rejected Estimate is dropped (Finance.xsd, <c>LinkedTxn.TxnId</c>: "Closed and Rejected estimates will be ignored").</item>
/// </list>
/// <para>Change data capture and webhooks (PROTOCOL-NOTES.md §2): every create, update and delete, through the API
/// (<c>POST …/{entity}?operation=delete</c> with <c>Id</c> and <c>SyncToken</c> deletes) or the seeding helpers, is
/// logged per realm (<see cref="GetChanges"/>). <c>GET …/cdc?entities=A,B&amp;changedSince=…</c> answers
/// <c>{"CDCResponse":[{"QueryResponse":[{"A":[…],"startPosition":1,"maxResults":n},…]}],"time":…}</c> (the XSD's
/// <c>CDCResponse</c> → <c>QueryResponse</c>, unbounded), deleted entities as <c>{"status":"Deleted","Id",…}</c>, at most
/// <see cref="MaxCdcObjects"/> objects, refusing a look-back beyond 30 days. <see cref="ConfigureWebhooks"/> and
/// <see cref="SendWebhooksAsync"/> deliver the pending changes, signed with the verifier token, in the legacy or CloudEvents
/// format; <see cref="RedeliverAsync"/> sends a delivery again byte for byte.</para>
/// <para>Codes and messages not taken from Intuit's pages (malformed JSON 2010, missing required value 2020, query
/// parse error 4000) are the simulator's choice and marked as such in the Fault detail.</para>
/// </remarks>
public sealed partial class QuickBooksOnlineSimulator : IAsyncDisposable
{
    /// <summary>The entities the simulator stores.</summary>
    public static readonly IReadOnlyList<string> EntityNames = ["Customer", "Invoice", "Item", "Account", "Vendor", "PurchaseOrder", "Bill", "JournalEntry", "Estimate"];

    private const string FinanceNamespace = "http://schema.intuit.com/finance/v3";
    private const int DefaultPageSize = 100;

    private static readonly Dictionary<string, string> EntityByPath =
        EntityNames.ToDictionary(e => e.ToLowerInvariant(), e => e, StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<string, string> ReferenceTargets = new(StringComparer.Ordinal)
    {
        ["CustomerRef"] = "Customer",
        ["ItemRef"] = "Item",
        ["VendorRef"] = "Vendor",
        ["AccountRef"] = "Account",
        ["IncomeAccountRef"] = "Account",
        ["ExpenseAccountRef"] = "Account",
        ["AssetAccountRef"] = "Account",
        ["APAccountRef"] = "Account",
    };

    private static readonly HashSet<string> Transactions = new(StringComparer.Ordinal) { "Invoice", "PurchaseOrder", "Bill", "JournalEntry", "Estimate" };

    private readonly WebApplication _app;
    private readonly TimeProvider _time;
    private readonly Func<string, bool> _accessTokenValidator;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, RealmState> _realms = new(StringComparer.Ordinal);
    private readonly List<QboSimulatorRequest> _requests = [];
    private readonly Queue<QboSimulatorFault> _injectedFaults = new();
    private readonly HttpClient _webhookHttp = new();
    private readonly List<Task> _autoDeliveries = [];
    private long _changeSequence;
    private Uri? _webhookTarget;
    private string? _verifierToken;
    private int _responsesToDrop;
    private readonly List<(Func<JsonObject, bool> Match, QboSimulatorFault Fault)> _batchItemFaults = [];
    private readonly List<Func<string, bool>> _responseDrops = [];
    private int _batchThrottled;
    private bool _inBatch;
    private int _throttled;
    private int _maxConcurrentObserved;

    private QuickBooksOnlineSimulator(WebApplication app, TimeProvider time, Func<string, bool> accessTokenValidator)
    {
        _app = app;
        _time = time;
        _accessTokenValidator = accessTokenValidator;
    }

    /// <summary>The server's base address, for example <c>http://127.0.0.1:41234/</c>: a connection's <c>qbo.baseUrl</c>.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Random faults on the API (5xx, 429, lost responses, stale SyncTokens); off until enabled.</summary>
    public SimulatorFaults Faults { get; } = new();

    /// <summary>Requests accepted per realm in any 60 s. Default 500 (Intuit).</summary>
    public int RequestsPerMinute { get; set; } = 500;

    /// <summary>Requests accepted per realm in any 1 s. Default 10 (Intuit).</summary>
    public int RequestsPerSecond { get; set; } = 10;

    /// <summary>Requests per realm being processed at once. Default 10 (Intuit).</summary>
    public int MaxConcurrentRequests { get; set; } = 10;

    /// <summary>Batch requests (<c>POST …/batch</c>) accepted per realm in any 60 s. Default 40 (Intuit, limits-and-throttles).</summary>
    public int BatchRequestsPerMinute { get; set; } = 40;

    /// <summary>The most <c>BatchItemRequest</c>s one batch request may carry. Default 30 (Intuit, limits-and-throttles).</summary>
    public int MaxBatchItems { get; set; } = 30;

    /// <summary>How long (real time) each request is held while counted as in flight. Default zero.</summary>
    public TimeSpan ResponseLatency { get; set; } = TimeSpan.Zero;

    /// <summary>When true, Faults are answered as XML <c>IntuitResponse</c> documents even when JSON was asked for, as QBO sometimes does.</summary>
    public bool FaultsAsXml { get; set; }

    /// <summary>The largest MAXRESULTS honoured. Default 1000.</summary>
    public int MaxPageSize { get; set; } = 1000;

    /// <summary>The most objects one CDC response holds. Default 1000 (Intuit).</summary>
    public int MaxCdcObjects { get; set; } = 1000;

    /// <summary>When set, the pending changes are delivered with these options after every change made through the API.</summary>
    public QboSimulatorWebhookOptions? AutoDeliverWebhooks { get; set; }

    /// <summary>How many requests were answered 429.</summary>
    public int ThrottledCount
    {
        get
        {
            lock (_lock)
            {
                return _throttled;
            }
        }
    }

    /// <summary>How many batch requests were answered 429 for exceeding <see cref="BatchRequestsPerMinute"/>.</summary>
    public int BatchThrottledCount
    {
        get
        {
            lock (_lock)
            {
                return _batchThrottled;
            }
        }
    }

    /// <summary>The most requests one realm had in flight at once.</summary>
    public int MaxConcurrentObserved
    {
        get
        {
            lock (_lock)
            {
                return _maxConcurrentObserved;
            }
        }
    }

    /// <summary>Starts the simulator on a free loopback port.</summary>
    /// <param name="accessTokenValidator">Decides whether a bearer token is accepted.</param>
    /// <param name="timeProvider">The clock for rate windows and entity times; the system clock when null.</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    /// <returns>The running simulator.</returns>
    public static async Task<QuickBooksOnlineSimulator> StartAsync(Func<string, bool> accessTokenValidator, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accessTokenValidator);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var simulator = new QuickBooksOnlineSimulator(app, timeProvider ?? TimeProvider.System, accessTokenValidator);
        app.Use(simulator.Faults.InvokeAsync);
        app.Map("/v3/company/{realmId}/{**rest}", simulator.HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel reported no listening address.");
        simulator.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return simulator;
    }

    /// <summary>The demo catalog in QBO's query-response format: income, expense, asset and A/P accounts, shipping items and product items with SKUs.</summary>
    /// <returns>The JSON document.</returns>
    public static string LoadDemoCatalogJson()
    {
        using var stream = typeof(QuickBooksOnlineSimulator).Assembly.GetManifestResourceStream("MlConnector.Sandbox.QuickBooksOnline.demo-catalog.json")
            ?? throw new InvalidOperationException("The demo catalog resource is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// Seeds a realm from vendor-format JSON: a query response (<c>{"QueryResponse":{"Item":[…],"Account":[…]}}</c>), an entity
    /// response (<c>{"Item":{…}}</c>), or an array of either. Ids and SyncTokens are kept when given; no validation is done.
    /// </summary>
    /// <param name="realmId">The realm.</param>
    /// <param name="vendorJson">The JSON.</param>
    /// <returns>How many entities were stored.</returns>
    public int Seed(string realmId, string vendorJson)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(realmId);
        var root = JsonNode.Parse(vendorJson) ?? throw new ArgumentException("The seed is empty.", nameof(vendorJson));
        var documents = root is JsonArray array ? [.. array.OfType<JsonObject>()] : new List<JsonObject> { root.AsObject() };
        var count = 0;
        lock (_lock)
        {
            var realm = GetRealm(realmId);
            foreach (var document in documents)
            {
                var holder = document["QueryResponse"] as JsonObject ?? document;
                foreach (var (name, value) in holder)
                {
                    if (!EntityNames.Contains(name))
                    {
                        continue;
                    }

                    var entities = value is JsonArray list ? list.OfType<JsonObject>() : value is JsonObject single ? [single] : [];
                    foreach (var entity in entities)
                    {
                        StoreSeed(realm, name, entity.DeepClone().AsObject());
                        count++;
                    }
                }
            }
        }

        return count;
    }

    /// <summary>Seeds a realm with <see cref="LoadDemoCatalogJson"/>.</summary>
    /// <param name="realmId">The realm.</param>
    /// <returns>How many entities were stored.</returns>
    public int SeedDemoCatalog(string realmId) => Seed(realmId, LoadDemoCatalogJson());

    /// <summary>Copies of a realm's entities of one kind, in Id order.</summary>
    /// <param name="realmId">The realm.</param>
    /// <param name="entity">The entity name, for example <c>Invoice</c>.</param>
    /// <returns>The entities.</returns>
    public IReadOnlyList<JsonObject> GetEntities(string realmId, string entity)
    {
        lock (_lock)
        {
            return _realms.TryGetValue(realmId, out var realm) && realm.Entities.TryGetValue(entity, out var table)
                ? [.. table.Values.Select(e => e.DeepClone().AsObject())]
                : [];
        }
    }

    /// <summary>How many creates or updates of a realm, single or batch items, were answered 6240 Duplicate Name.</summary>
    /// <param name="realmId">The realm.</param>
    /// <returns>The count.</returns>
    public int CountDuplicateNameFaults(string realmId)
    {
        lock (_lock)
        {
            return _realms.TryGetValue(realmId, out var realm) ? realm.DuplicateNames : 0;
        }
    }

    /// <summary>A copy of one entity, or null.</summary>
    /// <param name="realmId">The realm.</param>
    /// <param name="entity">The entity name.</param>
    /// <param name="id">The Id.</param>
    /// <returns>The entity.</returns>
    public JsonObject? GetEntity(string realmId, string entity, string id)
    {
        lock (_lock)
        {
            return TryFind(realmId, entity, id, out var found) ? found.DeepClone().AsObject() : null;
        }
    }

    /// <summary>How many entities of one kind a realm holds.</summary>
    /// <param name="realmId">The realm.</param>
    /// <param name="entity">The entity name.</param>
    /// <returns>The count.</returns>
    public int Count(string realmId, string entity)
    {
        lock (_lock)
        {
            return _realms.TryGetValue(realmId, out var realm) && realm.Entities.TryGetValue(entity, out var table) ? table.Count : 0;
        }
    }

    /// <summary>
    /// Changes an entity as if a QuickBooks user had edited it: applies <paramref name="edit"/>, increments the SyncToken and
    /// sets <c>MetaData.LastUpdatedTime</c>.
    /// </summary>
    /// <param name="realmId">The realm.</param>
    /// <param name="entity">The entity name.</param>
    /// <param name="id">The Id.</param>
    /// <param name="edit">The user's change, if any.</param>
    /// <returns>The new SyncToken.</returns>
    /// <exception cref="KeyNotFoundException">When the entity does not exist.</exception>
    public string TouchEntity(string realmId, string entity, string id, Action<JsonObject>? edit = null)
    {
        lock (_lock)
        {
            if (!TryFind(realmId, entity, id, out var found))
            {
                throw new KeyNotFoundException($"{entity} {id} does not exist in realm {realmId}.");
            }

            edit?.Invoke(found);
            Bump(found, Now());
            Record(GetRealm(realmId), entity, id, "Update", found);
            return (string)found["SyncToken"]!;
        }
    }

    /// <summary>Requests received so far, oldest first.</summary>
    /// <returns>A snapshot.</returns>
    public IReadOnlyList<QboSimulatorRequest> GetRequests()
    {
        lock (_lock)
        {
            return [.. _requests];
        }
    }

    /// <summary>The next authenticated, unthrottled request is answered with <paramref name="fault"/> and changes nothing.</summary>
    /// <param name="fault">The fault.</param>
    public void FailNextRequest(QboSimulatorFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        lock (_lock)
        {
            _injectedFaults.Enqueue(fault);
        }
    }

    /// <summary>
    /// The next POST is processed (and remembered under its requestid) but its connection is aborted before the response,
    /// as when a response is lost on the network.
    /// </summary>
    public void DropNextResponse()
    {
        lock (_lock)
        {
            _responsesToDrop++;
        }
    }

    /// <summary>
    /// The next POST whose raw body satisfies <paramref name="bodyMatches"/> is processed (and remembered under its
    /// requestid) but its connection is aborted before the response: a lost response of one particular request, for
    /// example the batch that creates invoices.
    /// </summary>
    /// <param name="bodyMatches">Chooses the request by its body.</param>
    public void DropNextResponseWhere(Func<string, bool> bodyMatches)
    {
        ArgumentNullException.ThrowIfNull(bodyMatches);
        lock (_lock)
        {
            _responseDrops.Add(bodyMatches);
        }
    }

    /// <summary>
    /// The next <c>BatchItemRequest</c> that <paramref name="match"/> accepts (it sees the item as sent, for example
    /// <c>{"bId":"3","operation":"create","Invoice":{…}}</c>) is answered with <paramref name="fault"/> in its
    /// <c>BatchItemResponse</c> and changes nothing; the batch's other items are processed as usual.
    /// </summary>
    /// <param name="match">Chooses the item.</param>
    /// <param name="fault">The item's fault (its status code is not used: a batch answers 200).</param>
    public void FailNextBatchItem(Func<JsonObject, bool> match, QboSimulatorFault fault)
    {
        ArgumentNullException.ThrowIfNull(match);
        ArgumentNullException.ThrowIfNull(fault);
        lock (_lock)
        {
            _batchItemFaults.Add((match, fault));
        }
    }

    /// <summary>Sets where webhooks go and the verifier token that signs them (the Intuit app's, one for every realm).</summary>
    /// <param name="targetUrl">The receiver, for example <c>http://127.0.0.1:5000/api/webhooks/qbo</c>.</param>
    /// <param name="verifierToken">The verifier token.</param>
    public void ConfigureWebhooks(Uri targetUrl, string verifierToken)
    {
        ArgumentNullException.ThrowIfNull(targetUrl);
        ArgumentException.ThrowIfNullOrEmpty(verifierToken);
        lock (_lock)
        {
            _webhookTarget = targetUrl;
            _verifierToken = verifierToken;
        }
    }

    /// <summary>A realm's change log, oldest first.</summary>
    /// <param name="realmId">The realm.</param>
    /// <returns>A snapshot.</returns>
    public IReadOnlyList<QboSimulatorChange> GetChanges(string realmId)
    {
        lock (_lock)
        {
            return _realms.TryGetValue(realmId, out var realm) ? [.. realm.Changes] : [];
        }
    }

    /// <summary>Changes not yet delivered (or dropped) by a webhook, every realm, oldest first.</summary>
    /// <returns>A snapshot.</returns>
    public IReadOnlyList<QboSimulatorChange> GetPendingWebhookChanges()
    {
        lock (_lock)
        {
            return [.. _realms.Values.SelectMany(r => r.Pending).OrderBy(c => c.Sequence)];
        }
    }

    /// <summary>
    /// Delivers every pending change to the configured receiver, in as many deliveries as <paramref name="options"/> asks,
    /// and clears them (dropped ones included).
    /// </summary>
    /// <param name="options">Format, signature, drops and bundling; legacy, signed, nothing dropped when null.</param>
    /// <param name="cancellationToken">Cancels the deliveries.</param>
    /// <returns>The deliveries sent, with the receiver's answers.</returns>
    /// <exception cref="InvalidOperationException">When <see cref="ConfigureWebhooks"/> was not called.</exception>
    public async Task<IReadOnlyList<QboSimulatorWebhookDelivery>> SendWebhooksAsync(QboSimulatorWebhookOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new QboSimulatorWebhookOptions();
        List<QboSimulatorChange> pending;
        lock (_lock)
        {
            pending = [.. _realms.Values.SelectMany(r => r.Pending).OrderBy(c => c.Sequence)];
            foreach (var realm in _realms.Values)
            {
                realm.Pending.Clear();
            }
        }

        var toSend = pending.Where(c => options.Drop is null || !options.Drop(c)).ToList();
        var groups = options.OneRealmPerDelivery ? toSend.GroupBy(c => c.RealmId).Select(g => g.ToList()).ToList() : [toSend];
        var deliveries = new List<QboSimulatorWebhookDelivery>();
        foreach (var group in groups)
        {
            foreach (var chunk in group.Chunk(Math.Max(1, options.MaxEventsPerDelivery)))
            {
                var body = options.Format == QboSimulatorWebhookFormat.CloudEvents ? CloudEventsBody(chunk) : LegacyBody(chunk);
                var contentType = options.Format == QboSimulatorWebhookFormat.CloudEvents ? "application/cloudevents+json" : "application/json";
                var signature = options.Signature switch
                {
                    QboSimulatorWebhookSignature.Valid => Sign(WebhookToken(), body),
                    QboSimulatorWebhookSignature.Forged => Sign("forged-" + WebhookToken(), body),
                    _ => null,
                };
                deliveries.Add(await PostWebhookAsync(new QboSimulatorWebhookDelivery(options.Format, body, contentType, signature, chunk, 0, string.Empty), cancellationToken));
            }
        }

        return deliveries;
    }

    /// <summary>Sends a delivery again, byte for byte and with the same signature, as Intuit may.</summary>
    /// <param name="delivery">A delivery <see cref="SendWebhooksAsync"/> returned.</param>
    /// <param name="cancellationToken">Cancels the delivery.</param>
    /// <returns>The redelivery with the receiver's new answer.</returns>
    public Task<QboSimulatorWebhookDelivery> RedeliverAsync(QboSimulatorWebhookDelivery delivery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return PostWebhookAsync(delivery, cancellationToken);
    }

    /// <summary>Deletes an entity as if a QuickBooks user had deleted it (logged as a <c>Delete</c> change).</summary>
    /// <param name="realmId">The realm.</param>
    /// <param name="entity">The entity name.</param>
    /// <param name="id">The Id.</param>
    /// <exception cref="KeyNotFoundException">When the entity does not exist.</exception>
    public void DeleteEntity(string realmId, string entity, string id)
    {
        lock (_lock)
        {
            if (!TryFind(realmId, entity, id, out _))
            {
                throw new KeyNotFoundException($"{entity} {id} does not exist in realm {realmId}.");
            }

            Remove(GetRealm(realmId), entity, id);
        }
    }

    /// <summary>Stops the server.</summary>
    /// <returns>A task that completes when stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        Task[] deliveries;
        lock (_lock)
        {
            deliveries = [.. _autoDeliveries];
        }

        await Task.WhenAll(deliveries);
        _webhookHttp.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static JsonObject Envelope(string name, JsonNode? value, string time) => new() { [name] = value, ["time"] = time };

    private static QboSimulatorFault ValidationFault(string code, string message, string detail, string? element = null) =>
        new(StatusCodes.Status400BadRequest, "ValidationFault", code, message, detail, element);

    private static QboSimulatorFault ObjectNotFound(string entity, string id) =>
        ValidationFault("610", "Object Not Found", $"Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees. ({entity} {id})");

    private static QboSimulatorFault DuplicateName(string element) =>
        ValidationFault("6240", "Duplicate Name Exists Error", "The name supplied already exists. : Another customer, vendor or employee is already using this name. Please use a different name.", element);

    private static string? GetString(JsonObject entity, string name) =>
        entity[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static decimal? GetDecimal(JsonNode? node) =>
        node is JsonValue value && (value.TryGetValue<decimal>(out var number) || (value.TryGetValue<string>(out var text)
            && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out number)))
            ? number
            : null;

    private static string? ScalarOf(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag ? "true" : "false",
        JsonValue value => value.ToJsonString(),
        JsonObject obj => ScalarOf(obj["Address"] ?? obj["value"] ?? obj["FreeFormNumber"] ?? obj["URI"]),
        _ => null,
    };

    private static bool Matches(JsonObject entity, QboSimulatorCondition condition)
    {
        JsonNode? node = entity;
        foreach (var part in condition.Property.Split('.'))
        {
            node = node is JsonObject obj ? obj.FirstOrDefault(p => string.Equals(p.Key, part, StringComparison.OrdinalIgnoreCase)).Value : null;
        }

        var actual = ScalarOf(node);
        if (actual is null)
        {
            return false;
        }

        return condition.Values.Any(expected => string.Equals(actual, expected, StringComparison.Ordinal)
            || (decimal.TryParse(actual, NumberStyles.Number, CultureInfo.InvariantCulture, out var a)
                && decimal.TryParse(expected, NumberStyles.Number, CultureInfo.InvariantCulture, out var e) && a == e));
    }

    private static void Bump(JsonObject entity, string now)
    {
        var current = long.TryParse(GetString(entity, "SyncToken"), NumberStyles.None, CultureInfo.InvariantCulture, out var token) ? token : 0;
        entity["SyncToken"] = (current + 1).ToString(CultureInfo.InvariantCulture);
        var meta = entity["MetaData"] as JsonObject ?? new JsonObject();
        meta["LastUpdatedTime"] = now;
        entity["MetaData"] = meta;
    }

    private static void DropIgnoredEstimateLinks(RealmState realm, string entityName, JsonObject entity)
    {
        if (entityName != "Invoice" || entity["LinkedTxn"] is not JsonArray links || !realm.Entities.TryGetValue("Estimate", out var estimates))
        {
            return;
        }

        foreach (var link in links.OfType<JsonObject>().ToList())
        {
            if (GetString(link, "TxnType") == "Estimate"
                && long.TryParse(GetString(link, "TxnId"), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                && estimates.TryGetValue(id, out var estimate)
                && GetString(estimate, "TxnStatus") is "Closed" or "Rejected")
            {
                links.Remove(link);
            }
        }
    }

    private static void Normalize(string entityName, JsonObject entity, string today)
    {
        if (!Transactions.Contains(entityName))
        {
            if (entity["Active"] is null)
            {
                entity["Active"] = true;
            }

            return;
        }

        entity["TxnDate"] ??= today;
        if (entity["Line"] is not JsonArray lines)
        {
            return;
        }

        // Recompute QBO's derived line fields: drop an old subtotal line, number the lines, fill Amount, total them.
        foreach (var subtotal in lines.OfType<JsonObject>().Where(l => GetString(l, "DetailType") == "SubTotalLineDetail").ToList())
        {
            lines.Remove(subtotal);
        }

        decimal total = 0;
        var number = 0;
        foreach (var line in lines.OfType<JsonObject>())
        {
            number++;
            line["Id"] = number.ToString(CultureInfo.InvariantCulture);
            line["LineNum"] = number;
            if (line["Amount"] is null && line["SalesItemLineDetail"] is JsonObject detail
                && GetDecimal(detail["Qty"]) is { } qty && GetDecimal(detail["UnitPrice"]) is { } price)
            {
                line["Amount"] = qty * price;
            }

            if (entityName != "JournalEntry")
            {
                total += GetDecimal(line["Amount"]) ?? 0;
            }
        }

        if (entityName == "JournalEntry")
        {
            return;
        }

        entity["TotalAmt"] = total;
        if (entityName is "Invoice" or "Bill")
        {
            entity["Balance"] = total;
        }

        if (entityName == "Invoice")
        {
            lines.Add(new JsonObject { ["Amount"] = total, ["DetailType"] = "SubTotalLineDetail", ["SubTotalLineDetail"] = new JsonObject() });
        }
    }

    private string Now() => _time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private string Time() => _time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    private RealmState GetRealm(string realmId)
    {
        if (!_realms.TryGetValue(realmId, out var realm))
        {
            realm = new RealmState(realmId);
            _realms[realmId] = realm;
        }

        return realm;
    }

    private bool TryFind(string realmId, string entity, string id, out JsonObject found)
    {
        found = null!;
        return _realms.TryGetValue(realmId, out var realm)
            && realm.Entities.TryGetValue(entity, out var table)
            && long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var key)
            && table.TryGetValue(key, out found!);
    }

    private void StoreSeed(RealmState realm, string entityName, JsonObject entity)
    {
        var table = realm.Table(entityName);
        if (!long.TryParse(GetString(entity, "Id"), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            id = realm.NextId(entityName);
            entity["Id"] = id.ToString(CultureInfo.InvariantCulture);
        }

        realm.ReserveId(entityName, id);
        entity["SyncToken"] ??= "0";
        entity["MetaData"] ??= new JsonObject { ["CreateTime"] = Now(), ["LastUpdatedTime"] = Now() };
        entity["domain"] ??= "QBO";
        entity["sparse"] ??= false;
        Normalize(entityName, entity, _time.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        table[id] = entity;
        Record(realm, entityName, id.ToString(CultureInfo.InvariantCulture), "Create", entity);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var realmId = request.RouteValues["realmId"] as string ?? string.Empty;
        var rest = request.RouteValues["rest"] as string ?? string.Empty;
        string? body = null;
        if (HttpMethods.IsPost(request.Method))
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }

        var authorization = request.Headers.Authorization.ToString();
        var token = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : null;
        var requestId = request.Query["requestid"].ToString() is { Length: > 0 } rid ? rid : null;
        var receivedAt = _time.GetUtcNow();

        Reply reply;
        var drop = false;
        var entered = false;
        if (token is null || !_accessTokenValidator(token))
        {
            reply = FaultReply(new QboSimulatorFault(StatusCodes.Status401Unauthorized, "AuthenticationFault", "100", "General Authentication Error", "AuthenticationErrorGeneral: SRV-110-Authentication Failure , statusCode: 401"));
        }
        else if (IsBatch(request.Method, rest) && !TryEnterBatch(realmId))
        {
            reply = FaultReply(new QboSimulatorFault(StatusCodes.Status429TooManyRequests, "SystemFault", "3001", "message=ThrottleExceeded; errorCode=003001; statusCode=429", $"Too Many Requests: more than {BatchRequestsPerMinute} batch requests in a minute."));
        }
        else if (!TryEnter(realmId))
        {
            reply = FaultReply(new QboSimulatorFault(StatusCodes.Status429TooManyRequests, "SystemFault", "3001", "message=ThrottleExceeded; errorCode=003001; statusCode=429", "Too Many Requests"));
        }
        else
        {
            entered = true;
            try
            {
                if (ResponseLatency > TimeSpan.Zero)
                {
                    await Task.Delay(ResponseLatency, context.RequestAborted);
                }

                lock (_lock)
                {
                    reply = Process(realmId, request.Method, rest, request.Query, requestId, body);
                    if (HttpMethods.IsPost(request.Method) && _responsesToDrop > 0)
                    {
                        _responsesToDrop--;
                        drop = true;
                    }
                    else if (HttpMethods.IsPost(request.Method) && _responseDrops.FindIndex(d => d(body ?? string.Empty)) is >= 0 and var dropAt)
                    {
                        _responseDrops.RemoveAt(dropAt);
                        drop = true;
                    }
                }
            }
            finally
            {
                Exit(realmId);
            }
        }

        lock (_lock)
        {
            _requests.Add(new QboSimulatorRequest(
                request.Method,
                request.Path.Value ?? string.Empty,
                request.QueryString.Value ?? string.Empty,
                realmId,
                request.Query["minorversion"].ToString() is { Length: > 0 } minor ? minor : null,
                requestId,
                request.Query["query"].ToString() is { Length: > 0 } statement ? statement : null,
                body,
                token is not null,
                request.Headers.Accept.ToString(),
                drop ? 0 : reply.Status,
                receivedAt));
            if (reply.Status == StatusCodes.Status429TooManyRequests && !entered)
            {
                _throttled++;
            }
        }

        if (drop)
        {
            context.Abort();
            return;
        }

        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = reply.ContentType;
        context.Response.Headers["intuit_tid"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();
        await context.Response.WriteAsync(reply.Body, Encoding.UTF8, context.RequestAborted);
        if (HttpMethods.IsPost(request.Method) && reply.Status == StatusCodes.Status200OK && AutoDeliverWebhooks is { } auto)
        {
            lock (_lock)
            {
                _autoDeliveries.RemoveAll(t => t.IsCompleted);
                _autoDeliveries.Add(Task.Run(() => SendWebhooksAsync(auto, CancellationToken.None)));
            }
        }
    }

    private bool TryEnter(string realmId)
    {
        lock (_lock)
        {
            var realm = GetRealm(realmId);
            var now = _time.GetUtcNow();
            while (realm.Minute.Count > 0 && realm.Minute.Peek() <= now - TimeSpan.FromMinutes(1))
            {
                realm.Minute.Dequeue();
            }

            while (realm.Second.Count > 0 && realm.Second.Peek() <= now - TimeSpan.FromSeconds(1))
            {
                realm.Second.Dequeue();
            }

            if (realm.InFlight >= MaxConcurrentRequests || realm.Minute.Count >= RequestsPerMinute || realm.Second.Count >= RequestsPerSecond)
            {
                return false;
            }

            realm.InFlight++;
            _maxConcurrentObserved = Math.Max(_maxConcurrentObserved, realm.InFlight);
            realm.Minute.Enqueue(now);
            realm.Second.Enqueue(now);
            return true;
        }
    }

    private void Exit(string realmId)
    {
        lock (_lock)
        {
            GetRealm(realmId).InFlight--;
        }
    }

    private Reply Process(string realmId, string method, string rest, IQueryCollection query, string? requestId, string? body)
    {
        var realm = GetRealm(realmId);
        if (HttpMethods.IsPost(method) && requestId is not null && realm.Replies.TryGetValue(requestId, out var remembered))
        {
            return remembered;
        }

        if (_injectedFaults.TryDequeue(out var injected))
        {
            return FaultReply(injected);
        }

        var segments = rest.Split('/', StringSplitOptions.RemoveEmptyEntries);
        Reply reply;
        if (HttpMethods.IsGet(method) && segments is ["query"])
        {
            reply = Query(realm, query["query"].ToString());
        }
        else if (HttpMethods.IsGet(method) && segments is ["companyinfo", var companyId])
        {
            // GET /v3/company/{realmId}/companyinfo/{realmId}: the company's own record (Intuit CompanyInfo reference; Finance.xsd CompanyInfo).
            reply = string.Equals(companyId, realmId, StringComparison.Ordinal)
                ? JsonReply(StatusCodes.Status200OK, Envelope("CompanyInfo", new JsonObject { ["Id"] = realmId, ["CompanyName"] = "Sandbox Company " + realmId, ["SyncToken"] = "0" }, Time()))
                : FaultReply(ObjectNotFound("CompanyInfo", companyId));
        }
        else if (TryCurrencyReply(realmId, method, segments, query, out var currencyReply))
        {
            reply = currencyReply;
        }
        else if (IsBatch(method, rest))
        {
            reply = Batch(realm, realmId, body);
        }
        else if (HttpMethods.IsGet(method) && segments is ["cdc"])
        {
            reply = ChangeDataCapture(realm, query["entities"].ToString(), query["changedSince"].ToString());
        }
        else if (HttpMethods.IsPost(method) && segments.Length == 1 && EntityByPath.TryGetValue(segments[0], out var deleteEntity)
            && string.Equals(query["operation"].ToString(), "delete", StringComparison.OrdinalIgnoreCase))
        {
            reply = Delete(realm, realmId, deleteEntity, body);
        }
        else if (HttpMethods.IsGet(method) && segments.Length == 2 && EntityByPath.TryGetValue(segments[0], out var readEntity))
        {
            reply = TryFind(realmId, readEntity, segments[1], out var found)
                ? JsonReply(StatusCodes.Status200OK, Envelope(readEntity, found.DeepClone(), Time()))
                : FaultReply(ObjectNotFound(readEntity, segments[1]));
        }
        else if (HttpMethods.IsPost(method) && segments.Length == 1 && EntityByPath.TryGetValue(segments[0], out var writeEntity)
            && string.IsNullOrEmpty(query["operation"].ToString()))
        {
            reply = Write(realm, realmId, writeEntity, body);
        }
        else
        {
            reply = FaultReply(ValidationFault("4001", "Unsupported Operation", $"The simulator does not support {method} {rest}."));
        }

        if (HttpMethods.IsPost(method) && requestId is not null)
        {
            realm.Replies[requestId] = reply;
        }

        return reply;
    }

    private static bool IsBatch(string method, string rest) =>
        HttpMethods.IsPost(method) && string.Equals(rest.Trim('/'), "batch", StringComparison.OrdinalIgnoreCase);

    private bool TryEnterBatch(string realmId)
    {
        lock (_lock)
        {
            var realm = GetRealm(realmId);
            var now = _time.GetUtcNow();
            while (realm.BatchMinute.Count > 0 && realm.BatchMinute.Peek() <= now - TimeSpan.FromMinutes(1))
            {
                realm.BatchMinute.Dequeue();
            }

            if (realm.BatchMinute.Count >= BatchRequestsPerMinute)
            {
                _batchThrottled++;
                return false;
            }

            realm.BatchMinute.Enqueue(now);
            return true;
        }
    }

    /// <summary>
    /// <c>POST …/batch</c> with <c>{"BatchItemRequest":[{"bId","operation":"create|update|delete","Customer":{…}}, {"bId","Query":"select …"}]}</c>:
    /// the items run one after another, each as its own create, update, delete or query would, and the answer is
    /// <c>{"BatchItemResponse":[{"bId","Customer":{…}} | {"bId","QueryResponse":{…}} | {"bId","Fault":{…}}],"time"}</c>, always 200
    /// (IntuitRestServiceDef.xsd <c>BatchItemRequest</c>/<c>BatchItemResponse</c>; developer.intuit.com/app/developer/qbo/docs/learn/explore-the-quickbooks-online-api/batch).
    /// Items run serially, in order (developer.intuit.com/hub/blog/2017/07/27/batch-operations-important). Faults inside a
    /// batch are always JSON, whatever <see cref="FaultsAsXml"/> says.
    /// </summary>
    private Reply Batch(RealmState realm, string realmId, string? body)
    {
        var items = SimulatorJson.ParseObject(body)?["BatchItemRequest"] as JsonArray;

        if (items is null || items.Count == 0)
        {
            return FaultReply(ValidationFault("2010", "Request has invalid or unsupported property", "A batch needs a non-empty BatchItemRequest array (simulator code)."));
        }

        if (items.Count > MaxBatchItems)
        {
            return FaultReply(ValidationFault("2010", "Request has invalid or unsupported property", $"A batch carries at most {MaxBatchItems} BatchItemRequest items; this one has {items.Count} (simulator code)."));
        }

        var responses = new JsonArray();
        _inBatch = true;
        try
        {
            foreach (var node in items)
            {
                var item = node as JsonObject ?? [];
                var response = new JsonObject { ["bId"] = item["bId"]?.DeepClone() };
                foreach (var (name, value) in BatchItem(realm, realmId, item))
                {
                    response[name] = value?.DeepClone();
                }

                responses.Add(response);
            }
        }
        finally
        {
            _inBatch = false;
        }

        return JsonReply(StatusCodes.Status200OK, new JsonObject { ["BatchItemResponse"] = responses, ["time"] = Time() });
    }

    /// <summary>One batch item's answer: the entity or <c>QueryResponse</c> of its own request, or its <c>Fault</c>.</summary>
    private JsonObject BatchItem(RealmState realm, string realmId, JsonObject item)
    {
        var injected = _batchItemFaults.FindIndex(f => f.Match(item));
        if (injected >= 0)
        {
            var fault = _batchItemFaults[injected].Fault;
            _batchItemFaults.RemoveAt(injected);
            return ToBatchAnswer(FaultReply(fault));
        }

        if (item["Query"] is JsonValue query && query.TryGetValue<string>(out var statement))
        {
            return ToBatchAnswer(Query(realm, statement));
        }

        var entityName = EntityNames.FirstOrDefault(n => item[n] is JsonObject);
        var operation = item["operation"] is JsonValue op && op.TryGetValue<string>(out var text) ? text : null;
        if (entityName is null || operation is null)
        {
            return ToBatchAnswer(FaultReply(ValidationFault("2010", "Request has invalid or unsupported property", "A BatchItemRequest carries an operation and one entity, or a Query (simulator code).")));
        }

        var entityBody = item[entityName]!.ToJsonString();
        var reply = operation.ToLowerInvariant() switch
        {
            "create" => JsonNode.Parse(entityBody)?["Id"] is null ? Write(realm, realmId, entityName, entityBody) : FaultReply(ValidationFault("2010", "Request has invalid or unsupported property", "A create must not carry an Id (simulator code).")),
            "update" => Write(realm, realmId, entityName, entityBody),
            "delete" => Delete(realm, realmId, entityName, entityBody),
            _ => FaultReply(ValidationFault("4001", "Unsupported Operation", $"The simulator does not support the batch operation '{operation}'.")),
        };
        return ToBatchAnswer(reply);
    }

    /// <summary>The body of a single request's reply without its <c>time</c>: <c>{"Invoice":{…}}</c>, <c>{"QueryResponse":{…}}</c> or <c>{"Fault":{…}}</c>.</summary>
    private static JsonObject ToBatchAnswer(Reply reply)
    {
        var parsed = JsonNode.Parse(reply.Body)!.AsObject();
        parsed.Remove("time");
        return parsed;
    }

    private Reply Write(RealmState realm, string realmId, string entityName, string? body)
    {
        var input = SimulatorJson.ParseObject(body);

        if (input is null)
        {
            return FaultReply(ValidationFault("2010", "Request has invalid or unsupported property", "The request body is not a JSON object (simulator code)."));
        }

        var now = Now();
        var today = _time.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var id = GetString(input, "Id");
        if (id is null)
        {
            return Create(realm, entityName, input, now, today);
        }

        if (!TryFind(realmId, entityName, id, out var existing))
        {
            return FaultReply(ObjectNotFound(entityName, id));
        }

        var syncToken = GetString(input, "SyncToken");
        if (syncToken is null)
        {
            return FaultReply(ValidationFault("2020", "Required param missing, need to supply the required value for the API", "Required parameter SyncToken is missing in the request (simulator code).", "SyncToken"));
        }

        if (syncToken == GetString(existing, "SyncToken") && Faults.TryConcurrentEdit())
        {
            // A QuickBooks user saved the entity between the caller's read and this write.
            Bump(existing, now);
            Record(realm, entityName, id, "Update", existing);
        }

        if (syncToken != GetString(existing, "SyncToken"))
        {
            return FaultReply(ValidationFault(
                "5010",
                "Stale Object Error",
                $"Stale Object Error : You and QuickBooks User were working on this at the same time. QuickBooks User finished before you did, so your work was not saved. ({entityName} {id} is at SyncToken {GetString(existing, "SyncToken")}, the request sent {syncToken})"));
        }

        var sparse = input["sparse"] is JsonValue flag && flag.TryGetValue<bool>(out var isSparse) && isSparse;
        JsonObject updated;
        if (sparse)
        {
            updated = existing.DeepClone().AsObject();
            foreach (var (name, value) in input)
            {
                if (name is not ("Id" or "SyncToken" or "sparse" or "MetaData" or "domain"))
                {
                    updated[name] = value?.DeepClone();
                }
            }
        }
        else
        {
            updated = input.DeepClone().AsObject();
            updated["MetaData"] = existing["MetaData"]?.DeepClone();
            updated["domain"] = "QBO";
        }

        updated["sparse"] = false;
        updated["SyncToken"] = syncToken;
        if (Validate(realm, entityName, updated, id) is { } problem)
        {
            return FaultReply(problem);
        }

        DropIgnoredEstimateLinks(realm, entityName, updated);
        Normalize(entityName, updated, today);
        Bump(updated, now);
        realm.Table(entityName)[long.Parse(id, CultureInfo.InvariantCulture)] = updated;
        Record(realm, entityName, id, "Update", updated);
        return JsonReply(StatusCodes.Status200OK, Envelope(entityName, updated.DeepClone(), Time()));
    }

    private Reply Create(RealmState realm, string entityName, JsonObject input, string now, string today)
    {
        var entity = input.DeepClone().AsObject();
        foreach (var readOnly in new[] { "SyncToken", "MetaData", "sparse", "domain", "status" })
        {
            entity.Remove(readOnly);
        }

        if (entityName is "Customer" or "Vendor" && GetString(entity, "DisplayName") is null)
        {
            var derived = string.Join(' ', new[] { GetString(entity, "GivenName"), GetString(entity, "FamilyName") }.Where(n => !string.IsNullOrWhiteSpace(n)));
            derived = derived.Length > 0 ? derived : GetString(entity, "CompanyName") ?? string.Empty;
            if (derived.Length == 0)
            {
                return FaultReply(ValidationFault("2020", "Required param missing, need to supply the required value for the API", "A DisplayName, a name or a company name is required (simulator code).", "DisplayName"));
            }

            entity["DisplayName"] = derived;
        }

        if (entityName is "Item" or "Account" && string.IsNullOrWhiteSpace(GetString(entity, "Name")))
        {
            return FaultReply(ValidationFault("2020", "Required param missing, need to supply the required value for the API", "Name is required (simulator code).", "Name"));
        }

        if (Validate(realm, entityName, entity, selfId: null) is { } problem)
        {
            return FaultReply(problem);
        }

        var id = realm.NextId(entityName);
        var created = new JsonObject { ["Id"] = id.ToString(CultureInfo.InvariantCulture), ["SyncToken"] = "0" };
        foreach (var (name, value) in entity)
        {
            if (name != "Id")
            {
                created[name] = value?.DeepClone();
            }
        }

        created["MetaData"] = new JsonObject { ["CreateTime"] = now, ["LastUpdatedTime"] = now };
        created["domain"] = "QBO";
        created["sparse"] = false;
        DropIgnoredEstimateLinks(realm, entityName, created);
        Normalize(entityName, created, today);
        realm.Table(entityName)[id] = created;
        Record(realm, entityName, id.ToString(CultureInfo.InvariantCulture), "Create", created);
        return JsonReply(StatusCodes.Status200OK, Envelope(entityName, created.DeepClone(), Time()));
    }

    private static QboSimulatorFault? Validate(RealmState realm, string entityName, JsonObject entity, string? selfId)
    {
        var (nameField, namespaces) = entityName switch
        {
            "Customer" or "Vendor" => ("DisplayName", new[] { "Customer", "Vendor" }),
            "Item" => ("Name", new[] { "Item" }),
            "Account" => ("Name", new[] { "Account" }),
            _ => (null, Array.Empty<string>()),
        };
        if (nameField is not null && GetString(entity, nameField) is { } name)
        {
            foreach (var other in namespaces)
            {
                if (realm.Entities.TryGetValue(other, out var table)
                    && table.Values.Any(e => GetString(e, nameField) == name && !(other == entityName && GetString(e, "Id") == selfId)))
                {
                    realm.DuplicateNames++;
                    return DuplicateName(nameField);
                }
            }
        }

        return CheckReferences(realm, entity);
    }

    private static QboSimulatorFault? CheckReferences(RealmState realm, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    if (ReferenceTargets.TryGetValue(name, out var target) && value is JsonObject reference)
                    {
                        var id = reference["value"] is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;
                        var exists = id is not null && realm.Entities.TryGetValue(target, out var table)
                            && long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var key) && table.ContainsKey(key);
                        if (!exists)
                        {
                            return ValidationFault("2500", "Invalid Reference Id", $"Invalid Reference Id : {target} {id ?? "(none)"} referenced by {name} does not exist.", name);
                        }
                    }
                    else if (CheckReferences(realm, value) is { } problem)
                    {
                        return problem;
                    }
                }

                return null;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (CheckReferences(realm, item) is { } problem)
                    {
                        return problem;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private Reply Query(RealmState realm, string statement)
    {
        var parsed = QboSimulatorQuery.Parse(statement, out var error);
        if (parsed is null || !EntityNames.Contains(parsed.Entity))
        {
            return FaultReply(ValidationFault("4000", "Error parsing query", $"QueryParserError: {(parsed is null ? error : $"Invalid context declaration: {parsed.Entity}")}"));
        }

        var rows = realm.Entities.TryGetValue(parsed.Entity, out var table)
            ? table.Values.Where(e => parsed.Conditions.All(c => Matches(e, c))).ToList()
            : [];
        var response = new JsonObject();
        if (parsed.IsCount)
        {
            response["totalCount"] = rows.Count;
        }
        else
        {
            var size = Math.Min(parsed.MaxResults ?? DefaultPageSize, MaxPageSize);
            var page = rows.Skip(parsed.StartPosition - 1).Take(size).ToList();
            if (page.Count > 0)
            {
                response[parsed.Entity] = new JsonArray([.. page.Select(e => e.DeepClone())]);
                response["startPosition"] = parsed.StartPosition;
                response["maxResults"] = page.Count;
            }
        }

        return JsonReply(StatusCodes.Status200OK, Envelope("QueryResponse", response, Time()));
    }

    private static Reply JsonReply(int status, JsonObject body) => new(status, "application/json;charset=UTF-8", body.ToJsonString());

    private Reply FaultReply(QboSimulatorFault fault)
    {
        if (!_inBatch && (fault.AsXml ?? FaultsAsXml))
        {
            XNamespace ns = FinanceNamespace;
            var document = new XDocument(
                new XDeclaration("1.0", "UTF-8", "yes"),
                new XElement(
                    ns + "IntuitResponse",
                    new XAttribute("time", Time()),
                    new XElement(
                        ns + "Fault",
                        new XAttribute("type", fault.Type),
                        new XElement(
                            ns + "Error",
                            new XAttribute("code", fault.Code),
                            new XAttribute("element", fault.Element ?? string.Empty),
                            new XElement(ns + "Message", fault.Message),
                            new XElement(ns + "Detail", fault.Detail ?? fault.Message)))));
            return new Reply(fault.StatusCode, "application/xml", document.Declaration + document.ToString(SaveOptions.DisableFormatting));
        }

        var error = new JsonObject
        {
            ["Message"] = fault.Message,
            ["Detail"] = fault.Detail ?? fault.Message,
            ["code"] = fault.Code,
            ["element"] = fault.Element ?? string.Empty,
        };
        var body = new JsonObject
        {
            ["Fault"] = new JsonObject { ["Error"] = new JsonArray(error), ["type"] = fault.Type },
            ["time"] = Time(),
        };
        return JsonReply(fault.StatusCode, body);
    }

    private static string Sign(string key, string body) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(body)));

    private static string LegacyBody(IReadOnlyList<QboSimulatorChange> changes) =>
        new JsonObject
        {
            ["eventNotifications"] = new JsonArray([.. changes.GroupBy(c => c.RealmId).Select(realm => (JsonNode)new JsonObject
            {
                ["realmId"] = realm.Key,
                ["dataChangeEvent"] = new JsonObject
                {
                    ["entities"] = new JsonArray([.. realm.Select(c => (JsonNode)new JsonObject
                    {
                        ["name"] = c.EntityName,
                        ["id"] = c.EntityId,
                        ["operation"] = c.Operation,
                        ["lastUpdated"] = c.LastUpdated,
                    })]),
                },
            })]),
        }.ToJsonString();

    private static string CloudEventsBody(IReadOnlyList<QboSimulatorChange> changes) =>
        new JsonArray([.. changes.Select(c => (JsonNode)new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = Guid.NewGuid().ToString(),
            ["source"] = "intuit.simulator",
            ["type"] = $"qbo.{c.EntityName.ToLowerInvariant()}.{PastTense(c.Operation)}.v1",
            ["datacontenttype"] = "application/json",
            ["time"] = DateTimeOffset.Parse(c.LastUpdated, CultureInfo.InvariantCulture).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["intuitentityid"] = c.EntityId,
            ["intuitaccountid"] = c.RealmId,
            ["data"] = new JsonObject(),
        })]).ToJsonString();

    private static string PastTense(string operation) => operation switch
    {
        "Create" => "created",
        "Update" => "updated",
        "Delete" => "deleted",
        "Merge" => "merged",
        "Void" => "voided",
        _ => operation.ToLowerInvariant(),
    };

    private string WebhookToken()
    {
        lock (_lock)
        {
            return _verifierToken ?? throw new InvalidOperationException("Call ConfigureWebhooks first.");
        }
    }

    private async Task<QboSimulatorWebhookDelivery> PostWebhookAsync(QboSimulatorWebhookDelivery delivery, CancellationToken cancellationToken)
    {
        Uri target;
        lock (_lock)
        {
            target = _webhookTarget ?? throw new InvalidOperationException("Call ConfigureWebhooks first.");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new StringContent(delivery.Body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(delivery.ContentType) { CharSet = "utf-8" };
        if (delivery.SignatureHeader is not null)
        {
            request.Headers.TryAddWithoutValidation("intuit-signature", delivery.SignatureHeader);
        }

        using var response = await _webhookHttp.SendAsync(request, cancellationToken);
        return delivery with { StatusCode = (int)response.StatusCode, ResponseBody = await response.Content.ReadAsStringAsync(cancellationToken) };
    }

    private void Record(RealmState realm, string entityName, string id, string operation, JsonObject entity)
    {
        var lastUpdated = entity["MetaData"]?["LastUpdatedTime"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : Now();
        var change = new QboSimulatorChange(++_changeSequence, realm.RealmId, entityName, id, operation, lastUpdated);
        realm.Changes.Add(change);
        realm.Pending.Add(change);
    }

    private void Remove(RealmState realm, string entityName, string id)
    {
        var now = Now();
        realm.Table(entityName).Remove(long.Parse(id, CultureInfo.InvariantCulture));
        var tombstone = new JsonObject { ["domain"] = "QBO", ["status"] = "Deleted", ["Id"] = id, ["MetaData"] = new JsonObject { ["LastUpdatedTime"] = now } };
        if (!realm.Deleted.TryGetValue(entityName, out var deleted))
        {
            deleted = [];
            realm.Deleted[entityName] = deleted;
        }

        deleted.Add(tombstone);
        Record(realm, entityName, id, "Delete", tombstone);
    }

    private Reply Delete(RealmState realm, string realmId, string entityName, string? body)
    {
        var input = SimulatorJson.ParseObject(body);

        var id = input is null ? null : GetString(input, "Id");
        if (id is null || !TryFind(realmId, entityName, id, out var existing))
        {
            return FaultReply(ObjectNotFound(entityName, id ?? "(none)"));
        }

        if (GetString(input!, "SyncToken") != GetString(existing, "SyncToken"))
        {
            return FaultReply(ValidationFault("5010", "Stale Object Error", $"Stale Object Error : {entityName} {id} is at SyncToken {GetString(existing, "SyncToken")}."));
        }

        Remove(realm, entityName, id);
        return JsonReply(StatusCodes.Status200OK, Envelope(entityName, new JsonObject { ["domain"] = "QBO", ["status"] = "Deleted", ["Id"] = id }, Time()));
    }

    private Reply ChangeDataCapture(RealmState realm, string entities, string changedSince)
    {
        if (!DateTimeOffset.TryParse(changedSince, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since))
        {
            return FaultReply(ValidationFault("4000", "Error parsing query", "changedSince must be an ISO 8601 date-time (simulator code)."));
        }

        if (since < _time.GetUtcNow() - TimeSpan.FromDays(30))
        {
            return FaultReply(ValidationFault("4000", "Error parsing query", "changedSince must be within the past 30 days (simulator code)."));
        }

        static DateTimeOffset Updated(JsonObject e) =>
            e["MetaData"]?["LastUpdatedTime"] is JsonValue v && v.TryGetValue<string>(out var t) ? DateTimeOffset.Parse(t, CultureInfo.InvariantCulture) : DateTimeOffset.MinValue;

        var responses = new JsonArray();
        var budget = MaxCdcObjects;
        foreach (var requested in entities.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var queryResponse = new JsonObject();
            if (EntityByPath.TryGetValue(requested, out var entityName) && budget > 0)
            {
                var live = realm.Entities.TryGetValue(entityName, out var table) ? table.Values : Enumerable.Empty<JsonObject>();
                var gone = realm.Deleted.TryGetValue(entityName, out var deleted) ? deleted : Enumerable.Empty<JsonObject>();
                var changed = live.Concat(gone).Where(e => Updated(e) >= since).OrderBy(Updated).Take(budget).ToList();
                if (changed.Count > 0)
                {
                    budget -= changed.Count;
                    queryResponse[entityName] = new JsonArray([.. changed.Select(e => e.DeepClone())]);
                    queryResponse["startPosition"] = 1;
                    queryResponse["maxResults"] = changed.Count;
                }
            }

            responses.Add(queryResponse);
        }

        return JsonReply(StatusCodes.Status200OK, Envelope("CDCResponse", new JsonArray(new JsonObject { ["QueryResponse"] = responses }), Time()));
    }

    private sealed record Reply(int Status, string ContentType, string Body);

    private sealed class RealmState(string realmId)
    {
        private readonly Dictionary<string, long> _nextIds = new(StringComparer.Ordinal);

        public string RealmId { get; } = realmId;

        public List<QboSimulatorChange> Changes { get; } = [];

        public List<QboSimulatorChange> Pending { get; } = [];

        /// <summary>Tombstones for CDC: entity name → deleted entities in QBO's deleted shape.</summary>
        public Dictionary<string, List<JsonObject>> Deleted { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, SortedDictionary<long, JsonObject>> Entities { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, Reply> Replies { get; } = new(StringComparer.Ordinal);

        public Queue<DateTimeOffset> Minute { get; } = new();

        public Queue<DateTimeOffset> Second { get; } = new();

        public Queue<DateTimeOffset> BatchMinute { get; } = new();

        public int InFlight { get; set; }

        /// <summary>Creates or updates answered with 6240 Duplicate Name, batch items included.</summary>
        public int DuplicateNames { get; set; }

        public SortedDictionary<long, JsonObject> Table(string entity)
        {
            if (!Entities.TryGetValue(entity, out var table))
            {
                table = [];
                Entities[entity] = table;
            }

            return table;
        }

        public long NextId(string entity)
        {
            var next = _nextIds.GetValueOrDefault(entity, 1);
            _nextIds[entity] = next + 1;
            return next;
        }

        public void ReserveId(string entity, long id)
        {
            if (_nextIds.GetValueOrDefault(entity, 1) <= id)
            {
                _nextIds[entity] = id + 1;
            }
        }
    }
}

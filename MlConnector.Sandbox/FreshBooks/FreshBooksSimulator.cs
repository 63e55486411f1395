using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using MlConnector.Core.Connectors.FreshBooks;

namespace MlConnector.Sandbox.FreshBooks;

/// <summary>
/// A stateful FreshBooks API on loopback Kestrel: identity, accounting clients and invoices, webhook callbacks with the
/// verifier handshake, and signed form-encoded deliveries (PROTOCOL-NOTES §4). Response shapes follow the SDK fixtures in
/// <c>contracts/freshbooks/</c> field for field for what is modelled, and carry extra fields real documents have, so a
/// client that cannot tolerate unknown fields fails here too. Tokens come from <c>OAuthServerSimulator</c> (single-use,
/// rotating refresh tokens); bearer tokens are checked by the validator given to <see cref="StartAsync"/>.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Errors: an unknown client answers the old accounting shape (<c>response.errors[]</c>, errno 1012); an unknown
/// invoice the newer one (<c>code</c> 5 with a <c>google.rpc.ErrorInfo</c>); the events service answers
/// <c>{"errno":404|422,…}</c>; a missing or unknown token <c>{"error":"unauthenticated",…}</c> with 401.</item>
/// <item>Registering a callback POSTs <c>name=callback.verify&amp;object_id={callbackid}&amp;verifier={code}</c> to its URI
/// (the field names of the verify delivery are not in the stored contracts: the docs say only that "a verification
/// code" is sent); the callback is active once <c>PUT {"callback":{"callback_id","verifier"}}</c> confirms it.</item>
/// <item>Deliveries are form-encoded <c>name, object_id, account_id, business_id, identity_id, user_id</c> (the documented
/// example) signed with <see cref="FreshBooksWebhookSignature"/>, whose rendering is pinned by test vectors computed with
/// Python's <c>json.dumps</c>.</item>
/// </list>
/// </remarks>
public sealed class FreshBooksSimulator : IAsyncDisposable
{
    private const long IdentityId = 77001;
    private readonly WebApplication _app;
    private readonly Func<string, bool> _accessTokenValidator;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly Dictionary<long, JsonObject> _clients = [];
    private readonly Dictionary<long, JsonObject> _invoices = [];
    private readonly Dictionary<long, Callback> _callbacks = [];
    private readonly List<FreshBooksSimulatorRequest> _requests = [];
    private readonly List<Task> _pendingDeliveries = [];
    private readonly HttpClient _webhookClient = new() { Timeout = TimeSpan.FromSeconds(30) };
    private long _nextId = 1000;

    private FreshBooksSimulator(WebApplication app, Uri baseAddress, Func<string, bool> accessTokenValidator, TimeProvider time, SimulatorFaults faults)
    {
        _app = app;
        Faults = faults;
        BaseAddress = baseAddress;
        _accessTokenValidator = accessTokenValidator;
        _time = time;
    }

    /// <summary>The API base address, for example <c>http://127.0.0.1:41234/</c> (a connection's <c>freshbooks.baseUrl</c>).</summary>
    public Uri BaseAddress { get; }

    /// <summary>The simulated account's <c>account_id</c>.</summary>
    public string AccountId { get; } = "SIM" + Convert.ToHexString(RandomNumberGenerator.GetBytes(3));

    /// <summary>The simulated business's <c>business_id</c>.</summary>
    public long BusinessId { get; } = 439000;

    /// <summary>How long a <see cref="FreshBooksWebhookDelivery.Delayed"/> delivery waits. Default 2 s.</summary>
    public TimeSpan DeliveryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Random faults on the API (5xx, 429, lost responses after a committed write); off until enabled.</summary>
    public SimulatorFaults Faults { get; }

    /// <summary>Every request answered so far, in order.</summary>
    public IReadOnlyList<FreshBooksSimulatorRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Starts the simulator on a free loopback port.</summary>
    /// <param name="accessTokenValidator">Says whether a bearer token is current (wire <c>OAuthServerSimulator.IsAccessTokenValid</c>).</param>
    /// <param name="timeProvider">The clock for <c>updated</c> stamps; the system clock by default.</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    /// <returns>The running simulator.</returns>
    public static async Task<FreshBooksSimulator> StartAsync(Func<string, bool> accessTokenValidator, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accessTokenValidator);
        FreshBooksSimulator? simulator = null;
        var faults = new SimulatorFaults();
        var (app, address) = await LoopbackHost.StartAsync(
            a =>
            {
                a.Use(faults.InvokeAsync);
                a.Run(context => simulator!.HandleAsync(context));
            },
            cancellationToken);
        simulator = new FreshBooksSimulator(app, address, accessTokenValidator, timeProvider ?? TimeProvider.System, faults);
        return simulator;
    }

    /// <summary>Adds a client (the merchant's customer).</summary>
    /// <param name="organization">The organization.</param>
    /// <param name="email">The e-mail.</param>
    /// <param name="street">The shipping street (the <c>s_*</c> address).</param>
    /// <param name="city">The city.</param>
    /// <param name="province">The province or state code.</param>
    /// <param name="postalCode">The postal code.</param>
    /// <param name="country">The country name.</param>
    /// <param name="currencyCode">The client's currency.</param>
    /// <returns>The client id.</returns>
    public long AddClient(string organization, string email, string street, string city, string province, string postalCode, string country, string currencyCode = "USD")
    {
        lock (_lock)
        {
            var id = ++_nextId;
            _clients[id] = new JsonObject
            {
                ["id"] = id, ["userid"] = id, ["accounting_systemid"] = AccountId, ["organization"] = organization,
                ["fname"] = organization.Split(' ')[0], ["lname"] = "Buyer", ["email"] = email, ["currency_code"] = currencyCode,
                ["bus_phone"] = "555-0100", ["mob_phone"] = string.Empty, ["home_phone"] = null, ["fax"] = string.Empty,
                ["p_street"] = street, ["p_street2"] = string.Empty, ["p_city"] = city, ["p_province"] = province, ["p_code"] = postalCode, ["p_country"] = country,
                ["s_street"] = street, ["s_street2"] = string.Empty, ["s_city"] = city, ["s_province"] = province, ["s_code"] = postalCode, ["s_country"] = country,
                ["language"] = "en", ["vis_state"] = 0, ["updated"] = Stamp(), ["signup_date"] = Stamp(), ["uuid"] = Guid.NewGuid().ToString(),
            };
            return id;
        }
    }

    /// <summary>Changes a client's addresses (primary and shipping) as a person would in FreshBooks; FreshBooks fires no invoice event for it.</summary>
    /// <param name="clientId">The client.</param>
    /// <param name="street">The street.</param>
    /// <param name="city">The city.</param>
    /// <param name="province">The province or state code.</param>
    /// <param name="postalCode">The postal code.</param>
    /// <param name="country">The country name.</param>
    public void SetClientAddress(long clientId, string street, string city, string province, string postalCode, string country)
    {
        lock (_lock)
        {
            var client = _clients[clientId];
            foreach (var prefix in new[] { "p_", "s_" })
            {
                client[prefix + "street"] = street;
                client[prefix + "city"] = city;
                client[prefix + "province"] = province;
                client[prefix + "code"] = postalCode;
                client[prefix + "country"] = country;
            }

            client["updated"] = Stamp();
        }
    }

    /// <summary>Issues an invoice and fires <c>invoice.create</c>.</summary>
    /// <param name="clientId">The client.</param>
    /// <param name="lines">The lines: name, quantity, unit cost.</param>
    /// <param name="notes">The notes.</param>
    /// <param name="currencyCode">The currency.</param>
    /// <param name="delivery">How the event is delivered.</param>
    /// <param name="cancellationToken">Cancels the delivery.</param>
    /// <returns>The invoice id.</returns>
    public async Task<long> CreateInvoiceAsync(long clientId, IReadOnlyList<(string Name, decimal Quantity, decimal UnitCost)> lines, string notes = "", string currencyCode = "USD", FreshBooksWebhookDelivery delivery = FreshBooksWebhookDelivery.Once, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lines);
        long id;
        lock (_lock)
        {
            var client = _clients[clientId];
            id = ++_nextId;
            var invoice = new JsonObject
            {
                ["id"] = id, ["invoiceid"] = id, ["invoice_number"] = "INV" + id.ToString("D5", CultureInfo.InvariantCulture), ["accountid"] = AccountId,
                ["customerid"] = clientId, ["currency_code"] = currencyCode, ["notes"] = notes, ["terms"] = string.Empty, ["po_number"] = null,
                ["organization"] = client["organization"]!.GetValue<string>(), ["fname"] = client["fname"]!.GetValue<string>(), ["lname"] = client["lname"]!.GetValue<string>(),
                ["street"] = client["p_street"]!.GetValue<string>(), ["street2"] = string.Empty, ["city"] = client["p_city"]!.GetValue<string>(),
                ["province"] = client["p_province"]!.GetValue<string>(), ["code"] = client["p_code"]!.GetValue<string>(), ["country"] = client["p_country"]!.GetValue<string>(),
                ["create_date"] = _time.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["status"] = 2, ["v3_status"] = "sent",
                ["display_status"] = "sent", ["payment_status"] = "unpaid", ["vis_state"] = 0, ["ownerid"] = 1, ["uuid"] = Guid.NewGuid().ToString(),
                ["lines"] = new JsonArray([.. lines.Select((l, i) => (JsonNode)Line(id, i + 1, l.Name, l.Quantity, l.UnitCost, currencyCode))]),
            };
            Recalculate(invoice);
            _invoices[id] = invoice;
        }

        await FireAsync("invoice.create", id, delivery, cancellationToken);
        return id;
    }

    /// <summary>Changes an invoice as a person would in FreshBooks and fires <c>invoice.update</c>.</summary>
    /// <param name="invoiceId">The invoice.</param>
    /// <param name="notes">New notes, or null to keep them.</param>
    /// <param name="addLine">A line to add, or null.</param>
    /// <param name="delivery">How the event is delivered.</param>
    /// <param name="cancellationToken">Cancels the delivery.</param>
    /// <returns>A task that completes when the event was delivered (or scheduled).</returns>
    public async Task EditInvoiceAsync(long invoiceId, string? notes = null, (string Name, decimal Quantity, decimal UnitCost)? addLine = null, FreshBooksWebhookDelivery delivery = FreshBooksWebhookDelivery.Once, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var invoice = _invoices[invoiceId];
            if (notes is not null)
            {
                invoice["notes"] = notes;
            }

            if (addLine is { } line)
            {
                var lines = invoice["lines"]!.AsArray();
                lines.Add(Line(invoiceId, lines.Count + 1, line.Name, line.Quantity, line.UnitCost, invoice["currency_code"]!.GetValue<string>()));
            }

            Recalculate(invoice);
        }

        await FireAsync("invoice.update", invoiceId, delivery, cancellationToken);
    }

    /// <summary>
    /// Delivers <paramref name="eventName"/> about <paramref name="objectId"/> once, signed, to every verified callback that
    /// listens for it, now, as FreshBooks does when it retries a delivery; the event need not be new.
    /// </summary>
    /// <param name="eventName">The event, for example <c>invoice.update</c>.</param>
    /// <param name="objectId">The invoice (or client) id.</param>
    /// <param name="cancellationToken">Cancels the deliveries.</param>
    /// <returns>Each callback's HTTP status, in registration order; null where the receiver could not be reached.</returns>
    public async Task<IReadOnlyList<int?>> RedeliverAsync(string eventName, long objectId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        var statuses = new List<int?>();
        foreach (var (target, form, signature) in Signed(eventName, objectId, forged: false))
        {
            statuses.Add(await PostFormAsync(target, form, signature, cancellationToken));
        }

        return statuses;
    }

    /// <summary>The invoice as stored now (a copy).</summary>
    /// <param name="invoiceId">The invoice.</param>
    /// <returns>The invoice JSON.</returns>
    public JsonObject GetInvoice(long invoiceId)
    {
        lock (_lock)
        {
            return (JsonObject)_invoices[invoiceId].DeepClone();
        }
    }

    /// <summary>Waits for delayed deliveries still in flight.</summary>
    /// <returns>A task that completes when every scheduled delivery was attempted.</returns>
    public Task DrainDeliveriesAsync()
    {
        lock (_lock)
        {
            return Task.WhenAll([.. _pendingDeliveries]);
        }
    }

    /// <summary>Stops the simulator.</summary>
    /// <returns>A task that completes when Kestrel stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await DrainDeliveriesAsync();
        _webhookClient.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static JsonObject Line(long invoiceId, int lineId, string name, decimal quantity, decimal unitCost, string currency, string description = "") => new()
    {
        ["lineid"] = lineId, ["invoiceid"] = invoiceId, ["type"] = 0, ["name"] = name, ["description"] = description,
        ["qty"] = quantity.ToString(CultureInfo.InvariantCulture), ["taxName1"] = string.Empty, ["taxAmount1"] = "0", ["compounded_tax"] = false,
        ["unit_cost"] = Money(unitCost, currency), ["amount"] = Money(quantity * unitCost, currency), ["expenseid"] = 0, ["basecampid"] = 0,
    };

    private static JsonObject Money(decimal amount, string currency) => new() { ["amount"] = amount.ToString("0.00", CultureInfo.InvariantCulture), ["code"] = currency };

    private static decimal ReadDecimal(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.String => decimal.Parse(node.GetValue<string>(), CultureInfo.InvariantCulture),
        JsonValueKind.Number => node.GetValue<decimal>(),
        _ => 0m,
    };

    private static IResult Envelope(JsonObject result) => Results.Json(new JsonObject { ["response"] = new JsonObject { ["result"] = result } });

    private static IResult OldNotFound(string entity, string field, string value) => Results.Json(
        new JsonObject { ["response"] = new JsonObject { ["errors"] = new JsonArray(new JsonObject { ["errno"] = 1012, ["field"] = field, ["message"] = $"{entity} not found.", ["object"] = entity.ToLowerInvariant(), ["value"] = value }) } },
        statusCode: StatusCodes.Status404NotFound);

    private static IResult NewNotFound(string entity, string field, string value) => Results.Json(
        new JsonObject
        {
            ["code"] = 5,
            ["message"] = "Request failed with status_code: 404",
            ["details"] = new JsonArray(new JsonObject
            {
                ["@type"] = "type.googleapis.com/google.rpc.ErrorInfo", ["reason"] = "1012", ["domain"] = "accounting.api.freshbooks.com",
                ["metadata"] = new JsonObject { ["object"] = entity.ToLowerInvariant(), ["message"] = $"{entity} not found.", ["value"] = value, ["field"] = field },
            }),
        },
        statusCode: StatusCodes.Status404NotFound);

    private static IResult EventsError(int errno, string message, params string[] details) => Results.Json(
        new JsonObject { ["errno"] = errno, ["message"] = message, ["details"] = new JsonArray([.. details.Select(d => (JsonNode)JsonValue.Create(d))]) },
        statusCode: errno);

    private void Recalculate(JsonObject invoice)
    {
        var total = invoice["lines"]!.AsArray().Sum(l => ReadDecimal(l!["amount"]!["amount"]));
        var currency = invoice["currency_code"]!.GetValue<string>();
        invoice["amount"] = Money(total, currency);
        invoice["outstanding"] = Money(total, currency);
        invoice["updated"] = Stamp();
    }

    private string Stamp() => _time.GetUtcNow().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        string? body = null;
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }

        var result = Route(request.Method, request.Path.Value ?? "/", request.Query, request.Headers.Authorization.ToString(), body);
        await result.ExecuteAsync(context);
        lock (_lock)
        {
            _requests.Add(new FreshBooksSimulatorRequest(request.Method, request.Path + request.QueryString, context.Response.StatusCode, body));
        }
    }

    private IResult Route(string method, string path, IQueryCollection query, string authorization, string? body)
    {
        var token = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : null;
        if (token is null || !_accessTokenValidator(token))
        {
            return Results.Json(new JsonObject { ["error"] = "unauthenticated", ["error_description"] = "This action requires authentication to continue." }, statusCode: StatusCodes.Status401Unauthorized);
        }

        var segments = path.Trim('/').Split('/');
        if (path.TrimEnd('/') == "/auth/api/v1/users/me" && method == "GET")
        {
            return Me();
        }

        if (segments.Length >= 5 && segments[0] == "accounting" && segments[1] == "account" && segments[2] == AccountId)
        {
            lock (_lock)
            {
                return Accounting(method, segments[3..], query, body);
            }
        }

        if (segments.Length >= 5 && segments[0] == "events" && segments[1] == "account" && segments[2] == AccountId && segments[3] == "events" && segments[4] == "callbacks")
        {
            return Callbacks(method, segments.Length > 5 ? segments[5] : null, query, body);
        }

        return EventsError(404, "Requested resource could not be found.");
    }

    private IResult Me() => Results.Json(new JsonObject
    {
        ["response"] = new JsonObject
        {
            ["id"] = IdentityId, ["identity_id"] = IdentityId, ["identity_uuid"] = "sim-identity", ["first_name"] = "Sim", ["last_name"] = "Owner",
            ["email"] = "owner@sandbox.example", ["language"] = "en", ["setup_complete"] = true,
            ["business_memberships"] = new JsonArray(new JsonObject
            {
                ["id"] = 140130, ["role"] = "owner", ["unacknowledged_change"] = false,
                ["business"] = new JsonObject { ["id"] = BusinessId, ["business_uuid"] = "sim-business", ["name"] = "Sandbox Outfitters", ["account_id"] = AccountId, ["date_format"] = "mm/dd/yyyy" },
            }),
            ["permissions"] = new JsonObject(), ["groups"] = new JsonArray(),
        },
    });

    private IResult Accounting(string method, string[] rest, IQueryCollection query, string? body)
    {
        if (rest is ["users", "clients", var clientId] && method == "GET")
        {
            return long.TryParse(clientId, out var id) && _clients.TryGetValue(id, out var client)
                ? Envelope(new JsonObject { ["client"] = client.DeepClone() })
                : OldNotFound("Client", "userid", clientId);
        }

        if (rest is ["invoices", "invoices"] && method == "GET")
        {
            var updatedMin = query["search[updated_min]"].ToString();
            var page = int.TryParse(query["page"], out var p) && p > 0 ? p : 1;
            var perPage = Math.Min(100, int.TryParse(query["per_page"], out var pp) && pp > 0 ? pp : 15);
            var matching = _invoices.Values
                .Where(i => string.IsNullOrEmpty(updatedMin) || string.CompareOrdinal(i["updated"]!.GetValue<string>()[..10], updatedMin) >= 0)
                .OrderBy(i => i["id"]!.GetValue<long>())
                .ToList();
            var pages = Math.Max(1, (matching.Count + perPage - 1) / perPage);
            return Envelope(new JsonObject
            {
                ["invoices"] = new JsonArray([.. matching.Skip((page - 1) * perPage).Take(perPage).Select(i => i.DeepClone())]),
                ["page"] = page, ["pages"] = pages, ["per_page"] = perPage, ["total"] = matching.Count,
            });
        }

        if (rest is ["invoices", "invoices", var invoiceId])
        {
            if (!long.TryParse(invoiceId, out var id) || !_invoices.TryGetValue(id, out var invoice))
            {
                return NewNotFound("Invoice", "invoiceid", invoiceId);
            }

            if (method == "GET")
            {
                return Envelope(new JsonObject { ["invoice"] = invoice.DeepClone() });
            }

            if (method == "PUT")
            {
                return UpdateInvoice(invoice, body);
            }
        }

        return EventsError(404, "Requested resource could not be found.");
    }

    private IResult UpdateInvoice(JsonObject invoice, string? body)
    {
        if (JsonNode.Parse(body ?? "null")?["invoice"] is not JsonObject changes)
        {
            return Results.Json(new JsonObject { ["response"] = new JsonObject { ["errors"] = new JsonArray(new JsonObject { ["errno"] = 2001, ["field"] = "invoice", ["message"] = "Missing invoice.", ["object"] = "invoice" }) } }, statusCode: StatusCodes.Status400BadRequest);
        }

        if (changes["notes"] is JsonValue notes)
        {
            invoice["notes"] = notes.GetValue<string>();
        }

        if (changes["lines"] is JsonArray lines)
        {
            var currency = invoice["currency_code"]!.GetValue<string>();
            var id = invoice["id"]!.GetValue<long>();
            invoice["lines"] = new JsonArray([.. lines.Select((l, i) => (JsonNode)Line(id, i + 1, l!["name"]?.GetValue<string>() ?? string.Empty, ReadDecimal(l["qty"]), ReadDecimal(l["unit_cost"]?["amount"]), currency, l["description"]?.GetValue<string>() ?? string.Empty))]);
        }

        Recalculate(invoice);
        return Envelope(new JsonObject { ["invoice"] = invoice.DeepClone() });
    }

    private IResult Callbacks(string method, string? callbackId, IQueryCollection query, string? body)
    {
        if (callbackId is null && method == "POST")
        {
            var changes = JsonNode.Parse(body ?? "null")?["callback"];
            var eventName = changes?["event"]?.GetValue<string>();
            var uri = changes?["uri"]?.GetValue<string>();
            if (eventName is not ("invoice.create" or "invoice.update" or "invoice.delete" or "client.create" or "client.update") || !Uri.TryCreate(uri, UriKind.Absolute, out var target))
            {
                return EventsError(422, "The request was well-formed but was unable to be followed due to semantic errors.", "event: Value error, Unrecognized event.");
            }

            Callback callback;
            lock (_lock)
            {
                callback = new Callback(++_nextId, eventName, target, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant());
                _callbacks[callback.Id] = callback;
            }

            Track(SendVerifierAsync(callback));
            return Envelope(new JsonObject { ["callback"] = CallbackJson(callback) });
        }

        if (callbackId is null && method == "GET")
        {
            lock (_lock)
            {
                return Envelope(new JsonObject
                {
                    ["callbacks"] = new JsonArray([.. _callbacks.Values.OrderBy(c => c.Id).Select(c => (JsonNode)CallbackJson(c))]),
                    ["page"] = 1, ["pages"] = 1, ["per_page"] = 100, ["total"] = _callbacks.Count,
                });
            }
        }

        Callback? found;
        lock (_lock)
        {
            found = long.TryParse(callbackId, out var id) && _callbacks.TryGetValue(id, out var c) ? c : null;
        }

        if (found is null)
        {
            return EventsError(404, "Requested resource could not be found.");
        }

        switch (method)
        {
            case "GET":
                return Envelope(new JsonObject { ["callback"] = CallbackJson(found) });
            case "DELETE":
                lock (_lock)
                {
                    _callbacks.Remove(found.Id);
                }

                return Results.NoContent();
            case "PUT":
                var changes = JsonNode.Parse(body ?? "null")?["callback"];
                if (changes?["resend"]?.GetValue<bool>() == true)
                {
                    Track(SendVerifierAsync(found));
                    return Envelope(new JsonObject { ["callback"] = CallbackJson(found) });
                }

                if (changes?["verifier"]?.GetValue<string>() is not { } verifier || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(verifier), Encoding.UTF8.GetBytes(found.Verifier)))
                {
                    return EventsError(422, "The request was well-formed but was unable to be followed due to semantic errors.", "verifier: Invalid verifier.");
                }

                found.Verified = true;
                return Envelope(new JsonObject { ["callback"] = CallbackJson(found) });
            default:
                return EventsError(404, "Requested resource could not be found.");
        }
    }

    private JsonObject CallbackJson(Callback callback) => new()
    {
        ["callbackid"] = callback.Id, ["verified"] = callback.Verified, ["uri"] = callback.Uri.AbsoluteUri, ["event"] = callback.Event,
        ["updated_at"] = _time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
    };

    private void Track(Task delivery)
    {
        lock (_lock)
        {
            _pendingDeliveries.RemoveAll(t => t.IsCompleted);
            _pendingDeliveries.Add(delivery);
        }
    }

    private async Task SendVerifierAsync(Callback callback)
    {
        await Task.Yield();
        var form = $"name=callback.verify&object_id={callback.Id}&verifier={Uri.EscapeDataString(callback.Verifier)}&account_id={Uri.EscapeDataString(AccountId)}&business_id={BusinessId}&identity_id={IdentityId}&user_id=1";
        await PostFormAsync(callback.Uri, form, signature: null, CancellationToken.None);
    }

    private async Task FireAsync(string eventName, long objectId, FreshBooksWebhookDelivery delivery, CancellationToken cancellationToken)
    {
        if (delivery == FreshBooksWebhookDelivery.Drop)
        {
            return;
        }

        foreach (var (target, form, signature) in Signed(eventName, objectId, forged: delivery == FreshBooksWebhookDelivery.Forged))
        {
            if (delivery == FreshBooksWebhookDelivery.Delayed)
            {
                Track(DelayThenPostAsync(target, form, signature));
                continue;
            }

            await PostFormAsync(target, form, signature, cancellationToken);
            if (delivery == FreshBooksWebhookDelivery.Twice)
            {
                await PostFormAsync(target, form, signature, cancellationToken);
            }
        }
    }

    /// <summary>The delivery of an event to each verified callback listening for it: target, form and signature.</summary>
    private List<(Uri Target, string Form, string Signature)> Signed(string eventName, long objectId, bool forged)
    {
        List<Callback> targets;
        lock (_lock)
        {
            targets = [.. _callbacks.Values.Where(c => c.Verified && c.Event == eventName).OrderBy(c => c.Id)];
        }

        var form = $"name={Uri.EscapeDataString(eventName)}&object_id={objectId}&account_id={Uri.EscapeDataString(AccountId)}&business_id={BusinessId}&identity_id={IdentityId}&user_id=1";
        var message = FreshBooksWebhookSignature.SignedMessage(FreshBooksWebhookSignature.ParseForm(form));
        return [.. targets.Select(t => (t.Uri, form, FreshBooksWebhookSignature.Compute(forged ? "not-the-verifier" : t.Verifier, message)))];
    }

    private async Task DelayThenPostAsync(Uri target, string form, string signature)
    {
        await Task.Delay(DeliveryDelay, _time);
        await PostFormAsync(target, form, signature, CancellationToken.None);
    }

    private async Task<int?> PostFormAsync(Uri target, string form, string? signature, CancellationToken cancellationToken)
    {
        using var content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded");
        using var message = new HttpRequestMessage(HttpMethod.Post, target) { Content = content };
        if (signature is not null)
        {
            message.Headers.TryAddWithoutValidation(FreshBooksWebhookSignature.HeaderName, signature);
        }

        try
        {
            using var response = await _webhookClient.SendAsync(message, cancellationToken);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            // Like FreshBooks, an unreachable receiver just misses the delivery.
            return null;
        }
    }

    private sealed class Callback(long id, string eventName, Uri uri, string verifier)
    {
        public long Id => id;

        public string Event => eventName;

        public Uri Uri => uri;

        public string Verifier => verifier;

        public bool Verified { get; set; }
    }
}

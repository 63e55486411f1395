using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using MlConnector.Core.Connectors.SpsCommerce.Rsx;

namespace MlConnector.Sandbox.SpsCommerce;

/// <summary>
/// A stateful SPS Commerce on loopback Kestrel: the Auth0 token endpoint (client credentials as a JSON body, audience
/// checked, issuance throttled) and the Transaction API v5 (PROTOCOL-NOTES §6): cursor-paged listing of <c>data/out/</c>,
/// download, delete, upload to <c>data/in/</c> (<c>application/octet-stream</c> only, validated against SPS's RSX 7.7
/// schemas, a bad document refused with 400), history, and 429 or 5xx on demand. Trading partners can be set to reject
/// invoices after SPS accepted them, or (the chaos run) to reject a share of 810s and 856s at random.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Listing and error shapes: the listing follows <c>contracts/sps-commerce/api-fixtures/transactions.json</c>; errors are
/// RFC 7807 <c>application/problem+json</c> with <c>title, status, detail, instance, requestId</c> and, for a bad upload,
/// <c>context[{field, message}]</c> (SPS API standard errors.html). The cursor is opaque (the name of the last file listed,
/// base64url), so deleting files between pages skips nothing.</item>
/// <item>Not in any stored contract, so chosen here: the upload answer (<c>201 {"path","type":"file"}</c>), the history
/// shape (<c>{"results":[{"path","direction","status","tradingPartnerId","documentNumber","detail"}]}</c>) and how a
/// partner rejection shows (a history entry with <c>status</c> <c>rejected</c>).</item>
/// <item>Random faults (<see cref="Faults"/>: 5xx, 429 with Retry-After, a lost response after the commit) apply to the
/// Transaction API only. The token endpoint is left out: it is Auth0's, not the Transaction API, it keeps its own
/// throttle (429 <c>too_many_requests</c> past <see cref="TokenIssuanceLimit"/>), and the run's token fault classes
/// (expiry, refused refresh) are injected by the shared OAuth server.</item>
/// <item>Auth0's throttled issuance answers 429 <c>{"error":"too_many_requests"}</c>; a wrong audience 403
/// <c>{"error":"access_denied"}</c>; wrong credentials 401 <c>{"error":"access_denied"}</c>.</item>
/// </list>
/// </remarks>
public sealed class SpsCommerceSimulator : IAsyncDisposable
{
    private const string DataPrefix = "/transactions/v5/data/";
    private readonly WebApplication _app;
    private readonly TimeProvider _time;
    private readonly RsxSchemaValidator _validator = new();
    private readonly Lock _lock = new();
    private readonly Dictionary<string, string> _clients = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _tokens = new(StringComparer.Ordinal);
    private readonly List<DateTimeOffset> _issued = [];
    private readonly SortedDictionary<string, byte[]> _outbox = new(StringComparer.Ordinal);
    private readonly List<SpsUploadedDocument> _inbox = [];
    private readonly List<JsonObject> _history = [];
    private readonly List<SpsPartnerRejection> _rejections = [];
    private readonly HashSet<string> _rejectingPartners = new(StringComparer.Ordinal);
    private readonly Queue<(int Status, TimeSpan? RetryAfter)> _faults = new();
    private readonly List<SpsSimulatorRequest> _requests = [];
    private int _uploadResponsesToLose;
    private Random _rejectionRandom = new(0);
    private double _rejectionRate;

    private SpsCommerceSimulator(WebApplication app, Uri baseAddress, TimeProvider time, string audience)
    {
        _app = app;
        BaseAddress = baseAddress;
        _time = time;
        Audience = audience;
    }

    /// <summary>The API base address, for example <c>http://127.0.0.1:41234/</c> (a connection's <c>sps.baseUrl</c>).</summary>
    public Uri BaseAddress { get; }

    /// <summary>Random faults on the Transaction API (the chaos run); off until <see cref="SimulatorFaults.Enable"/>.</summary>
    public SimulatorFaults Faults { get; } = new() { Applies = request => request.Path.StartsWithSegments("/transactions", StringComparison.Ordinal) };

    /// <summary>The token endpoint (<c>OAuth:Providers:sps:TokenEndpoint</c>).</summary>
    public Uri TokenEndpoint => new(BaseAddress, "oauth/token");

    /// <summary>The audience a token request must name.</summary>
    public string Audience { get; }

    /// <summary>How long an issued token lives (<c>expires_in</c>). Default 3600 s.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Most tokens issued per client within <see cref="TokenIssuanceWindow"/>; more are refused with 429. Default 5.</summary>
    public int TokenIssuanceLimit { get; set; } = 5;

    /// <summary>The window of <see cref="TokenIssuanceLimit"/>. Default 1 minute.</summary>
    public TimeSpan TokenIssuanceWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Tokens issued so far.</summary>
    public int TokensIssued
    {
        get
        {
            lock (_lock)
            {
                return _issued.Count;
            }
        }
    }

    /// <summary>Every request answered so far, in order.</summary>
    public IReadOnlyList<SpsSimulatorRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>The documents accepted into <c>data/in/</c>, in order.</summary>
    public IReadOnlyList<SpsUploadedDocument> Uploaded
    {
        get
        {
            lock (_lock)
            {
                return [.. _inbox];
            }
        }
    }

    /// <summary>The names still waiting in <c>data/out/</c>.</summary>
    public IReadOnlyList<string> Outbox
    {
        get
        {
            lock (_lock)
            {
                return [.. _outbox.Keys];
            }
        }
    }

    /// <summary>The partner rejections recorded so far.</summary>
    public IReadOnlyList<SpsPartnerRejection> Rejections
    {
        get
        {
            lock (_lock)
            {
                return [.. _rejections];
            }
        }
    }

    /// <summary>Starts the simulator on a free loopback port.</summary>
    /// <param name="timeProvider">The clock for token expiry and issuance windows; the system clock by default.</param>
    /// <param name="audience">The audience token requests must name; default SPS's new <c>https://spscommerce.com</c>.</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    /// <returns>The running simulator.</returns>
    public static async Task<SpsCommerceSimulator> StartAsync(TimeProvider? timeProvider = null, string audience = "https://spscommerce.com", CancellationToken cancellationToken = default)
    {
        SpsCommerceSimulator? simulator = null;
        var (app, address) = await LoopbackHost.StartAsync(
            a =>
            {
                a.Use((context, next) => simulator!.Faults.InvokeAsync(context, next));
                a.Run(context => simulator!.HandleAsync(context));
            },
            cancellationToken);
        simulator = new SpsCommerceSimulator(app, address, timeProvider ?? TimeProvider.System, audience);
        return simulator;
    }

    /// <summary>The SPS sample 850s of <c>contracts/sps-commerce/samples/Orders(850)</c>, byte for byte (BOM and CRLF kept), by file name.</summary>
    /// <returns>File name → bytes.</returns>
    public static IReadOnlyDictionary<string, byte[]> SampleOrders()
    {
        var assembly = typeof(SpsCommerceSimulator).Assembly;
        const string prefix = "MlConnector.Sandbox.SpsCommerce.Orders.";
        var samples = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            samples[name[prefix.Length..]] = copy.ToArray();
        }

        return samples;
    }

    /// <summary>Registers an API client (an SPS app's client id and secret).</summary>
    /// <param name="clientId">The client id.</param>
    /// <param name="clientSecret">The client secret.</param>
    public void RegisterClient(string clientId, string clientSecret)
    {
        lock (_lock)
        {
            _clients[clientId] = clientSecret;
        }
    }

    /// <summary>Puts a document into <c>data/out/</c>, as a trading partner's document arriving at SPS.</summary>
    /// <param name="name">The file name.</param>
    /// <param name="content">The bytes.</param>
    public void AddOutboxDocument(string name, byte[] content)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(content);
        lock (_lock)
        {
            _outbox[name] = content;
        }
    }

    /// <summary>Makes the next <paramref name="count"/> Transaction API requests fail with <paramref name="status"/> (429, 500, 503…).</summary>
    /// <param name="status">The status to answer.</param>
    /// <param name="count">How many requests.</param>
    /// <param name="retryAfter">A <c>Retry-After</c> to send, if any.</param>
    public void FailNext(HttpStatusCode status, int count = 1, TimeSpan? retryAfter = null)
    {
        lock (_lock)
        {
            for (var i = 0; i < count; i++)
            {
                _faults.Enqueue(((int)status, retryAfter));
            }
        }
    }

    /// <summary>
    /// Makes the next <paramref name="count"/> accepted uploads lose their response: the document is stored (and listed in
    /// the history) but the connection is aborted before the answer, as when a network fails after SPS took the file.
    /// </summary>
    /// <param name="count">How many uploads.</param>
    public void LoseNextUploadResponses(int count = 1)
    {
        lock (_lock)
        {
            _uploadResponsesToLose += count;
        }
    }

    /// <summary>Makes a trading partner reject every invoice (810) after SPS accepted it.</summary>
    /// <param name="tradingPartnerId">The partner.</param>
    public void RejectInvoicesFrom(string tradingPartnerId)
    {
        lock (_lock)
        {
            _rejectingPartners.Add(tradingPartnerId);
        }
    }

    /// <summary>
    /// Makes every trading partner reject a share of the 810s and 856s SPS accepts, chosen at random (seeded), until called
    /// again with 0. Each rejection is recorded in <see cref="Rejections"/> and in the history as status <c>rejected</c>.
    /// </summary>
    /// <param name="rate">Share of accepted 810s and 856s rejected (0–1); 0 lifts the fault.</param>
    /// <param name="seed">The seed of the rolls.</param>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="rate"/> is outside 0–1.</exception>
    public void RejectAtRandom(double rate, int seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rate);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rate, 1d);
        lock (_lock)
        {
            (_rejectionRate, _rejectionRandom) = (rate, new Random(seed));
        }
    }

    /// <summary>Makes a trading partner accept invoices again (it stops rejecting them).</summary>
    /// <param name="tradingPartnerId">The partner.</param>
    public void AcceptInvoicesFrom(string tradingPartnerId)
    {
        lock (_lock)
        {
            _rejectingPartners.Remove(tradingPartnerId);
        }
    }

    /// <summary>Accepts a bearer token without a token request, for hosts whose token manager is not under test.</summary>
    /// <param name="token">The token.</param>
    /// <param name="lifetime">How long it is valid; a day by default.</param>
    public void AcceptToken(string token, TimeSpan? lifetime = null)
    {
        lock (_lock)
        {
            _tokens[token] = _time.GetUtcNow() + (lifetime ?? TimeSpan.FromDays(1));
        }
    }

    /// <summary>Revokes every issued token, so the next call answers 401.</summary>
    public void RevokeTokens()
    {
        lock (_lock)
        {
            _tokens.Clear();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static IResult Problem(int status, string title, string detail, string instance, JsonArray? context = null)
    {
        var body = new JsonObject
        {
            ["title"] = title,
            ["status"] = status,
            ["detail"] = detail,
            ["instance"] = instance,
            ["requestId"] = Guid.NewGuid().ToString("N"),
        };
        if (context is not null)
        {
            body["context"] = context;
        }

        return Results.Text(body.ToJsonString(), "application/problem+json", Encoding.UTF8, status);
    }

    private static string Cursor(string name) => Convert.ToBase64String(Encoding.UTF8.GetBytes(name)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string? FromCursor(string cursor)
    {
        var padded = cursor.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(padded));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static (RsxDocumentType Type, string Partner, string Number)? Recognise(JsonNode? document)
    {
        var header = document?["Header"];
        if (header?["InvoiceHeader"] is { } invoice)
        {
            return (RsxDocumentType.Invoice, Text(invoice["TradingPartnerId"]), Text(invoice["InvoiceNumber"]));
        }

        if (header?["ShipmentHeader"] is { } shipment)
        {
            return (RsxDocumentType.Shipment, Text(shipment["TradingPartnerId"]), Text(shipment["ShipmentIdentification"]));
        }

        if (header?["OrderHeader"] is { } order)
        {
            var isAck = document!["LineItem"] is JsonArray lines && lines.Any(l => l?["LineItemAcknowledgement"] is not null)
                || order["AcknowledgementType"] is not null;
            return (isAck ? RsxDocumentType.OrderAck : RsxDocumentType.Order, Text(order["TradingPartnerId"]), Text(order["PurchaseOrderNumber"]));
        }

        return null;
    }

    private static string Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : string.Empty;

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var result = await RouteAsync(context);
        await result.ExecuteAsync(context);
        lock (_lock)
        {
            _requests.Add(new SpsSimulatorRequest(request.Method, request.Path + request.QueryString, context.Response.StatusCode, request.ContentType, request.Headers["sps-meta-description"].FirstOrDefault()));
        }
    }

    private async Task<IResult> RouteAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        if (path == "/oauth/token" && HttpMethods.IsPost(request.Method))
        {
            return await IssueTokenAsync(request);
        }

        if (!path.StartsWith("/transactions/v5/", StringComparison.Ordinal))
        {
            return Problem(404, "Not Found", "No such resource.", path);
        }

        if (!Authorized(request))
        {
            return Problem(401, "Unauthorized", "The access token is missing, expired or revoked.", path);
        }

        lock (_lock)
        {
            if (_faults.TryDequeue(out var fault))
            {
                if (fault.RetryAfter is { } wait)
                {
                    context.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                return Problem(fault.Status, fault.Status == 429 ? "Too Many Requests" : "Service Unavailable", "Injected by the simulator.", path);
            }
        }

        if (path == "/transactions/v5/history" && HttpMethods.IsGet(request.Method))
        {
            lock (_lock)
            {
                return Results.Json(new JsonObject { ["results"] = new JsonArray([.. _history.Select(h => (JsonNode)h.DeepClone())]) });
            }
        }

        if (!path.StartsWith(DataPrefix, StringComparison.Ordinal))
        {
            return Problem(404, "Not Found", "No such resource.", path);
        }

        var relative = Uri.UnescapeDataString(path[DataPrefix.Length..]);
        if (relative == "out/" && HttpMethods.IsGet(request.Method))
        {
            return List(request, path);
        }

        if (relative.StartsWith("out/", StringComparison.Ordinal) && HttpMethods.IsGet(request.Method))
        {
            lock (_lock)
            {
                return _outbox.TryGetValue(relative[4..], out var bytes)
                    ? Results.Bytes(bytes, "application/octet-stream")
                    : Problem(404, "Not Found", $"No file {relative}.", path);
            }
        }

        if (relative.StartsWith("out/", StringComparison.Ordinal) && HttpMethods.IsDelete(request.Method))
        {
            lock (_lock)
            {
                return _outbox.Remove(relative[4..]) ? Results.NoContent() : Problem(404, "Not Found", $"No file {relative}.", path);
            }
        }

        if (relative.StartsWith("in/", StringComparison.Ordinal) && relative.Length > 3 && HttpMethods.IsPost(request.Method))
        {
            return await UploadAsync(request, relative[3..], path);
        }

        return Problem(405, "Method Not Allowed", $"{request.Method} is not supported on {relative}.", path);
    }

    private IResult List(HttpRequest request, string path)
    {
        var limit = 1000;
        if (request.Query.TryGetValue("limit", out var limitText)
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 1000))
        {
            return Problem(400, "Bad Request", "limit must be between 1 and 1000.", path, [new JsonObject { ["field"] = "limit", ["message"] = "out of range" }]);
        }

        string? after = null;
        if (request.Query.TryGetValue("cursor", out var cursor) && (after = FromCursor(cursor.ToString())) is null)
        {
            return Problem(400, "Bad Request", "The cursor is not valid.", path, [new JsonObject { ["field"] = "cursor", ["message"] = "invalid" }]);
        }

        lock (_lock)
        {
            var names = _outbox.Keys.Where(n => after is null || string.CompareOrdinal(n, after) > 0).Take(limit + 1).ToList();
            var page = names.Take(limit).ToList();
            var results = new JsonArray([.. page.Select(n => (JsonNode)new JsonObject
            {
                ["path"] = "/out/" + n,
                ["type"] = "file",
                ["url"] = new Uri(BaseAddress, "transactions/v5/data/out/" + Uri.EscapeDataString(n)).AbsoluteUri,
            })]);
            var paging = new JsonObject { ["limit"] = limit };
            if (names.Count > limit)
            {
                var next = Cursor(page[^1]);
                paging["next"] = new JsonObject
                {
                    ["cursor"] = next,
                    ["url"] = new Uri(BaseAddress, $"transactions/v5/data/out/?limit={limit}&cursor={next}").AbsoluteUri,
                };
            }

            return Results.Json(new JsonObject { ["results"] = results, ["paging"] = paging });
        }
    }

    private async Task<IResult> UploadAsync(HttpRequest request, string name, string path)
    {
        if (!string.Equals(request.ContentType, "application/octet-stream", StringComparison.OrdinalIgnoreCase))
        {
            return Problem(415, "Unsupported Media Type", "The only allowed Content-Type is application/octet-stream.", path);
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var bytes = buffer.ToArray();
        var text = Encoding.UTF8.GetString(bytes.AsSpan().StartsWith((byte[])[0xEF, 0xBB, 0xBF]) ? bytes.AsSpan(3) : bytes);
        JsonNode? document;
        try
        {
            document = JsonNode.Parse(text);
        }
        catch (JsonException ex)
        {
            return Problem(400, "Bad Request", "The document is not JSON: " + ex.Message, path, [new JsonObject { ["field"] = "(document)", ["message"] = "not JSON" }]);
        }

        if (Recognise(document) is not { } kind)
        {
            return Problem(400, "Bad Request", "The document is not an RSX Order, OrderAck, Invoice or Shipment.", path, [new JsonObject { ["field"] = "Header", ["message"] = "unknown document type" }]);
        }

        var errors = await _validator.ValidateAsync(kind.Type, text);
        if (errors.Count > 0)
        {
            var context = new JsonArray([.. errors.Take(20).Select(e => (JsonNode)new JsonObject { ["field"] = e.Path, ["message"] = e.Problem })]);
            return Problem(400, "Bad Request", $"The {kind.Type} breaks the RSX 7.7 schema ({errors.Count} errors).", path, context);
        }

        var description = request.Headers["sps-meta-description"].FirstOrDefault();
        lock (_lock)
        {
            _inbox.Add(new SpsUploadedDocument(name, kind.Type, kind.Partner, kind.Number, description, bytes));
            _history.Add(HistoryEntry(name, kind.Partner, kind.Number, "accepted", null));
            var reason = kind.Type == RsxDocumentType.Invoice && _rejectingPartners.Contains(kind.Partner)
                ? "Invoice rejected by the trading partner: the invoice does not match the partner's purchase order terms."
                : kind.Type is RsxDocumentType.Invoice or RsxDocumentType.Shipment && _rejectionRate > 0 && _rejectionRandom.NextDouble() < _rejectionRate
                ? $"{(kind.Type == RsxDocumentType.Invoice ? "Invoice" : "Ship notice")} rejected by the trading partner: it does not match the partner's purchase order terms."
                : null;
            if (reason is not null)
            {
                _rejections.Add(new SpsPartnerRejection(name, kind.Partner, kind.Number, reason));
                _history.Add(HistoryEntry(name, kind.Partner, kind.Number, "rejected", reason));
            }
        }

        lock (_lock)
        {
            if (_uploadResponsesToLose > 0)
            {
                _uploadResponsesToLose--;
                request.HttpContext.Abort();
                return Results.Empty;
            }
        }

        return Results.Json(new JsonObject { ["path"] = "/in/" + name, ["type"] = "file" }, statusCode: 201);
    }

    private JsonObject HistoryEntry(string name, string partner, string number, string status, string? detail) => new()
    {
        ["path"] = "/in/" + name,
        ["direction"] = "in",
        ["status"] = status,
        ["tradingPartnerId"] = partner,
        ["documentNumber"] = number,
        ["detail"] = detail,
        ["timestamp"] = _time.GetUtcNow().ToString("o", CultureInfo.InvariantCulture),
    };

    private bool Authorized(HttpRequest request)
    {
        var header = request.Headers.Authorization.FirstOrDefault();
        if (header is null || !header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return false;
        }

        lock (_lock)
        {
            return _tokens.TryGetValue(header[7..], out var expires) && expires > _time.GetUtcNow();
        }
    }

    private async Task<IResult> IssueTokenAsync(HttpRequest request)
    {
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(request.Body);
        }
        catch (JsonException)
        {
            return Results.Json(new JsonObject { ["error"] = "invalid_request", ["error_description"] = "The body must be JSON." }, statusCode: 400);
        }

        var grant = Text(body?["grant_type"]);
        var clientId = Text(body?["client_id"]);
        var secret = Text(body?["client_secret"]);
        var audience = Text(body?["audience"]);
        if (grant != "client_credentials")
        {
            return Results.Json(new JsonObject { ["error"] = "unsupported_grant_type", ["error_description"] = "Only client_credentials is supported here." }, statusCode: 403);
        }

        lock (_lock)
        {
            if (!_clients.TryGetValue(clientId, out var known)
                || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(known), Encoding.UTF8.GetBytes(secret)))
            {
                return Results.Json(new JsonObject { ["error"] = "access_denied", ["error_description"] = "Unauthorized" }, statusCode: 401);
            }

            if (!string.Equals(audience, Audience, StringComparison.Ordinal))
            {
                return Results.Json(new JsonObject { ["error"] = "access_denied", ["error_description"] = $"Service not enabled within domain: {audience}" }, statusCode: 403);
            }

            var now = _time.GetUtcNow();
            if (_issued.Count(t => t > now - TokenIssuanceWindow) >= TokenIssuanceLimit)
            {
                return Results.Json(new JsonObject { ["error"] = "too_many_requests", ["error_description"] = "Global limit has been reached" }, statusCode: 429);
            }

            var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
            _tokens[token] = now + TokenLifetime;
            _issued.Add(now);
            return Results.Json(new JsonObject
            {
                ["access_token"] = token,
                ["token_type"] = "Bearer",
                ["expires_in"] = (long)TokenLifetime.TotalSeconds,
            });
        }
    }
}

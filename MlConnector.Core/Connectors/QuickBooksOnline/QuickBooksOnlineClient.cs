using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.QuickBooksOnline.Wire;
using MlConnector.Core.Errors;
using MlConnector.Core.Resilience;

namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>
/// The QuickBooks Online Accounting API v3 client (see <see cref="IQuickBooksOnlineClient"/>), a typed
/// <see cref="HttpClient"/> registered by <see cref="QuickBooksOnlineServiceCollectionExtensions.AddQuickBooksOnlineConnector"/>:
/// connector resilience, then <see cref="QuickBooksOnlineAuthHandler"/>, then the rate governor (budget <c>qbo</c> per
/// realm). Requests go through the shared <see cref="ConnectorHttp"/>; QBO's own JSON envelopes are in <c>Wire/</c>.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>URLs: <c>{base}/v3/company/{realmId}/{entity}</c>, <c>…/{entity}/{id}</c> and <c>…/query?query=…</c>, each with
/// <c>minorversion</c> (PROTOCOL-NOTES §2). <c>Accept: application/json</c>; bodies are JSON.</item>
/// <item>Queries page with <c>STARTPOSITION</c>/<c>MAXRESULTS</c> until a page comes back shorter than
/// <see cref="QuickBooksOnlineOptions.QueryPageSize"/> (data-queries page, developer.intuit.com).</item>
/// <item>Creates and updates carry <c>requestid</c> (at most <see cref="MaxRequestIdLength"/> characters): QBO answers a
/// repeated request id with the original response instead of doing the work twice (blogs.intuit.com/2015/04/06/15346),
/// so those requests are marked retry-safe for the resilience pipeline.</item>
/// <item>Any non-2xx response, and a 2xx whose body is a Fault (JSON or XML) or no JSON at all, goes through
/// <see cref="HttpErrorMapper"/> with <see cref="QuickBooksOnlineErrorClassifier"/>.</item>
/// </list>
/// </remarks>
/// <param name="httpClient">The typed client (resilience, auth and rate-governor handlers are in its pipeline).</param>
/// <param name="connections">Where the connection's <c>qbo.realmId</c>, <c>qbo.environment</c> and <c>qbo.baseUrl</c> live.</param>
/// <param name="errorMapper">Maps failures to the error taxonomy.</param>
/// <param name="options">Hosts, minor version and page size.</param>
/// <param name="governors">The shared rate governors; a batch waits for the realm's <see cref="BatchBudget"/> before it is sent.</param>
/// <param name="logger">The logger.</param>
public sealed partial class QuickBooksOnlineClient(
    HttpClient httpClient,
    IConnectionStore connections,
    HttpErrorMapper errorMapper,
    IOptions<QuickBooksOnlineOptions> options,
    RateGovernorRegistry governors,
    ILogger<QuickBooksOnlineClient> logger) : IQuickBooksOnlineClient
{
    /// <summary>The longest <c>requestid</c> QBO accepts outside batch operations (blogs.intuit.com/2015/04/06/15346).</summary>
    public const int MaxRequestIdLength = 50;

    /// <summary>
    /// The most items any batch request may carry, the upper bound of <see cref="QuickBooksOnlineOptions.BatchMaxItems"/>
    /// (Intuit, limits-and-throttles: "Recommended maximum number of payloads in a single batch request is 30.").
    /// </summary>
    public const int MaxBatchItems = 30;

    /// <summary>The rate budget every batch request spends on top of the realm's: <see cref="QuickBooksOnlineRatePolicies.Batch"/>.</summary>
    public const string BatchBudget = "qbo-batch";

    /// <summary>
    /// The longest a batch waits for the realm's batch budget (45 s): three waits of a chunk's attempts stay inside the
    /// ledger's 3-minute claim timeout, so no other run takes over a claim while its holder is still about to write.
    /// </summary>
    public static readonly TimeSpan MaxBatchBudgetWait = TimeSpan.FromSeconds(45);

    /// <summary>The connector code: error mapping, rate budget and resilience options (<c>Resilience:qbo</c>).</summary>
    public const string Connector = "qbo";

    /// <summary>The response header carrying Intuit's transaction id of a request (logged with every call; quote it to Intuit support).</summary>
    private const string IntuitTidHeader = "intuit_tid";

    private readonly ConnectorHttp _http = new(httpClient, errorMapper, Connector, logger, IntuitTidHeader);
    private readonly QuickBooksOnlineOptions _options = options.Value;

    /// <inheritdoc />
    public async Task<IReadOnlyList<QboCustomer>> FindCustomersByEmailAsync(string connectionId, string email, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        var company = await ResolveAsync(connectionId, cancellationToken);
        var address = email.Trim();
        var found = await QueryAllAsync(company, "Customer", QboQuery.SelectAll("Customer", ("PrimaryEmailAddr", address)), q => q.Customer, cancellationToken);
        return [.. found.Where(c => c.Active && string.Equals(c.PrimaryEmailAddr?.Address?.Trim(), address, StringComparison.OrdinalIgnoreCase))];
    }

    /// <inheritdoc />
    public async Task<QboCustomer?> FindCustomerByDisplayNameAsync(string connectionId, string displayName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(displayName);
        var company = await ResolveAsync(connectionId, cancellationToken);
        var found = await QueryAllAsync(company, "Customer", QboQuery.SelectAll("Customer", ("DisplayName", displayName)), q => q.Customer, cancellationToken);
        return found.FirstOrDefault();
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">When the customer has an Id, or <paramref name="requestId"/> is empty or longer than <see cref="MaxRequestIdLength"/>.</exception>
    public async Task<QboCustomer> CreateCustomerAsync(string connectionId, QboCustomer customer, string requestId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customer);
        ValidateRequestId(requestId);
        if (customer.Id is not null)
        {
            throw new ArgumentException("A customer to create must not have an Id.", nameof(customer));
        }

        var company = await ResolveAsync(connectionId, cancellationToken);
        var body = JsonSerializer.SerializeToUtf8Bytes(customer, QuickBooksOnlineJsonContext.Default.QboCustomer);
        var response = await SendAsync(company, HttpMethod.Post, "customer", query: null, requestId, body, cancellationToken);
        var created = response.Customer ?? throw MissingEntity(company, "Customer");
        logger.EntityCreated("Customer", created.Id, company.RealmId, requestId);
        return created;
    }

    /// <inheritdoc />
    public async Task<QboInvoice?> FindInvoiceByDocNumberAsync(string connectionId, string docNumber, CancellationToken cancellationToken = default)
    {
        return await FindByDocNumberAsync(connectionId, Entities.Invoice, docNumber, q => q.Invoice, filter: null, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<QboInvoice>> FindInvoicesByDocNumbersAsync(string connectionId, IReadOnlyCollection<string> docNumbers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(docNumbers);
        return await QueryInAsync(connectionId, Entities.Invoice.Name, "DocNumber", docNumbers, q => q.Invoice, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<QboCustomer>> FindCustomersInAsync(string connectionId, string propertyName, IReadOnlyCollection<string> values, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        return await QueryInAsync(connectionId, "Customer", propertyName, values, q => q.Customer, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<QboInvoice?> GetInvoiceAsync(string connectionId, string invoiceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(invoiceId);
        var company = await ResolveAsync(connectionId, cancellationToken);
        return await ReadEntityAsync(company, Entities.Invoice, invoiceId, cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">When the invoice has an Id, or <paramref name="requestId"/> is empty or longer than <see cref="MaxRequestIdLength"/>.</exception>
    public async Task<QboInvoice> CreateInvoiceAsync(string connectionId, QboInvoice invoice, string requestId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        return await CreateEntityAsync(connectionId, Entities.Invoice, invoice, invoice.Id, requestId, QuickBooksOnlineJsonContext.Default.QboInvoice, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<QboInvoice> UpdateInvoiceAsync(string connectionId, string invoiceId, Func<QboInvoice, QboInvoiceUpdate> buildUpdate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(buildUpdate);
        return await SparseUpdateAsync(
            connectionId,
            Entities.Invoice,
            invoiceId,
            buildUpdate,
            update => update is { ShipDate: null, TrackingNum: null, ShipMethodRef: null, CustomerMemo: null, PrivateNote: null },
            (current, syncToken, update) => InvoiceSparseUpdateWire.From(current.Id ?? invoiceId, syncToken, update),
            QuickBooksOnlineJsonContext.Default.InvoiceSparseUpdateWire,
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<QboPurchaseOrder?> GetPurchaseOrderAsync(string connectionId, string purchaseOrderId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(purchaseOrderId);
        var company = await ResolveAsync(connectionId, cancellationToken);
        return await ReadEntityAsync(company, Entities.PurchaseOrder, purchaseOrderId, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<QboCompanyInfo> GetCompanyInfoAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        var company = await ResolveAsync(connectionId, cancellationToken);
        return await ReadEntityAsync(company, Entities.CompanyInfo, company.RealmId, cancellationToken)
            ?? throw new ConnectorException(Connector, ErrorKind.NotFound, $"QBO has no CompanyInfo for realm {company.RealmId}.");
    }

    /// <inheritdoc />
    public async Task<QboPreferences> GetPreferencesAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        var company = await ResolveAsync(connectionId, cancellationToken);
        var response = await SendAsync(company, HttpMethod.Get, "preferences", query: null, requestId: null, body: null, cancellationToken);
        return response.Preferences ?? throw MissingEntity(company, "Preferences");
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">When <paramref name="sourceCurrencyCode"/> is not three ASCII letters.</exception>
    public async Task<QboExchangeRate?> GetExchangeRateAsync(string connectionId, string sourceCurrencyCode, DateOnly asOfDate, CancellationToken cancellationToken = default)
    {
        if (sourceCurrencyCode is not { Length: 3 } || !sourceCurrencyCode.All(char.IsAsciiLetter))
        {
            throw new ArgumentException("A currency code is three ASCII letters.", nameof(sourceCurrencyCode));
        }

        var company = await ResolveAsync(connectionId, cancellationToken);
        var path = "exchangerate?sourcecurrencycode=" + sourceCurrencyCode.ToUpperInvariant() + "&asofdate=" + asOfDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        try
        {
            var response = await SendAsync(company, HttpMethod.Get, path, query: null, requestId: null, body: null, cancellationToken);
            return response.ExchangeRate is { Rate: > 0 } rate ? rate : null;
        }
        catch (ConnectorException ex) when (ex.Kind == ErrorKind.NotFound)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task<QboVendor?> GetVendorAsync(string connectionId, string vendorId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(vendorId);
        var company = await ResolveAsync(connectionId, cancellationToken);
        return await ReadEntityAsync(company, Entities.Vendor, vendorId, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<QboBill?> FindBillByDocNumberAsync(string connectionId, string vendorId, string docNumber, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(vendorId);
        return await FindByDocNumberAsync(connectionId, Entities.Bill, docNumber, q => q.Bill, b => string.Equals(b.VendorRef.Value, vendorId, StringComparison.Ordinal), cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">When the bill has an Id, or <paramref name="requestId"/> is empty or too long.</exception>
    public async Task<QboBill> CreateBillAsync(string connectionId, QboBill bill, string requestId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bill);
        return await CreateEntityAsync(connectionId, Entities.Bill, bill, bill.Id, requestId, QuickBooksOnlineJsonContext.Default.QboBill, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<QboBill> UpdateBillAsync(string connectionId, string billId, Func<QboBill, QboBillUpdate> buildUpdate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(buildUpdate);
        return await SparseUpdateAsync(
            connectionId,
            Entities.Bill,
            billId,
            buildUpdate,
            update => update is { PrivateNote: null, Line: null },
            (current, syncToken, update) => new BillSparseUpdateWire { Id = current.Id ?? billId, SyncToken = syncToken, VendorRef = current.VendorRef, PrivateNote = update.PrivateNote, Line = update.Line },
            QuickBooksOnlineJsonContext.Default.BillSparseUpdateWire,
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<QboJournalEntry?> FindJournalEntryByDocNumberAsync(string connectionId, string docNumber, CancellationToken cancellationToken = default)
    {
        return await FindByDocNumberAsync(connectionId, Entities.JournalEntry, docNumber, q => q.JournalEntry, filter: null, cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">When the entry has an Id, or <paramref name="requestId"/> is empty or too long.</exception>
    public async Task<QboJournalEntry> CreateJournalEntryAsync(string connectionId, QboJournalEntry entry, string requestId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return await CreateEntityAsync(connectionId, Entities.JournalEntry, entry, entry.Id, requestId, QuickBooksOnlineJsonContext.Default.QboJournalEntry, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<QboJournalEntry> UpdateJournalEntryAsync(string connectionId, string journalEntryId, Func<QboJournalEntry, QboJournalEntryUpdate> buildUpdate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(buildUpdate);
        return await SparseUpdateAsync(
            connectionId,
            Entities.JournalEntry,
            journalEntryId,
            buildUpdate,
            update => update is { PrivateNote: null, Line: null },
            (current, syncToken, update) => new JournalEntrySparseUpdateWire { Id = current.Id ?? journalEntryId, SyncToken = syncToken, PrivateNote = update.PrivateNote, Line = update.Line },
            QuickBooksOnlineJsonContext.Default.JournalEntrySparseUpdateWire,
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<QboItem>> ListItemsAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        var company = await ResolveAsync(connectionId, cancellationToken);
        return await QueryAllAsync(company, "Item", QboQuery.SelectAll("Item"), q => q.Item, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<QboAccount>> ListAccountsAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        var company = await ResolveAsync(connectionId, cancellationToken);
        return await QueryAllAsync(company, "Account", QboQuery.SelectAll("Account"), q => q.Account, cancellationToken);
    }

    /// <inheritdoc />
    public int BatchMaxItems => _options.BatchMaxItems;

    /// <inheritdoc />
    /// <exception cref="ArgumentException">When there are no items, more than <see cref="BatchMaxItems"/>, or two share a batch id.</exception>
    public async Task<IReadOnlyList<QboBatchItemResult>> BatchAsync(string connectionId, IReadOnlyList<QboBatchItem> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0 || items.Count > BatchMaxItems)
        {
            throw new ArgumentException($"A QBO batch carries 1 to {BatchMaxItems} items (Connectors:QuickBooksOnline:BatchMaxItems); this one has {items.Count}.", nameof(items));
        }

        if (items.Select(i => i.BId).Distinct(StringComparer.Ordinal).Count() != items.Count)
        {
            throw new ArgumentException("Two items of the batch share a batch id (bId).", nameof(items));
        }

        var company = await ResolveAsync(connectionId, cancellationToken);

        // The batch budget is waited for here, before the request enters the HTTP pipeline, so the pipeline's attempt
        // timeout measures QBO and not the queue for batch budget (minutes when many chunks wait); the realm's request
        // budget is still spent inside the pipeline like any request's.
        var batchGovernor = governors.GetGovernor(BatchBudget, company.RealmId);
        IntuitResponseWire response;
        string? intuitTid;
        using (await AcquireBatchBudgetAsync(batchGovernor, company, cancellationToken))
        {
            try
            {
                (response, intuitTid) = await SendCoreAsync(company, HttpMethod.Post, "batch", query: null, requestId: null, WriteBatch(items), cancellationToken);
            }
            catch (ConnectorRateLimitedException ex)
            {
                batchGovernor.PauseFor(ex.RetryAfter ?? batchGovernor.Policy.ThrottlePause);
                throw;
            }
        }

        var answers = new Dictionary<string, BatchItemResponseWire>(StringComparer.Ordinal);
        foreach (var answer in response.BatchItemResponse ?? [])
        {
            if (answer.BId is { } bId)
            {
                answers.TryAdd(bId, answer);
            }
        }

        var results = new List<QboBatchItemResult>(items.Count);
        foreach (var item in items)
        {
            var what = $"batch item {item.BId} ({(item.Query is null ? $"{item.Operation} {item.EntityName}" : "query")}) on realm {company.RealmId}";
            if (!answers.TryGetValue(item.BId, out var answer))
            {
                results.Add(new QboBatchItemResult(item.BId) { Error = new ConnectorException(Connector, ErrorKind.Unknown, $"QuickBooks Online answered the batch without {what}.", requestId: intuitTid) });
            }
            else if (answer.Fault is { ValueKind: JsonValueKind.Object } fault)
            {
                var body = "{\"Fault\":" + fault.GetRawText() + "}";
                results.Add(new QboBatchItemResult(item.BId) { Error = errorMapper.MapEmbeddedFault(Connector, HttpStatusCode.BadRequest, body, what, intuitTid) });
            }
            else
            {
                results.Add(new QboBatchItemResult(item.BId)
                {
                    Customer = answer.Customer,
                    Invoice = answer.Invoice,
                    Customers = answer.QueryResponse?.Customer ?? [],
                    Invoices = answer.QueryResponse?.Invoice ?? [],
                });
            }
        }

        var faults = results.Count(r => r.Error is not null);
        logger.BatchCompleted(company.RealmId, items.Count, faults, intuitTid);
        return results;
    }

    /// <summary>
    /// Waits for the realm's batch budget at most <see cref="MaxBatchBudgetWait"/>. A caller holds idempotency-ledger claims
    /// on the batch's items while it waits, and a claim older than <c>TableIdempotencyLedger.ClaimTimeout</c> (3 min) may be
    /// taken over by another run; so the wait is bounded and, past it, nothing has been sent and a transient error says so
    /// (the batched paths re-read and try again, at most three times, or release their claims for the workflow's retry).
    /// </summary>
    private static async Task<RateGovernorLease> AcquireBatchBudgetAsync(RateGovernor batchGovernor, QboCompany company, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(MaxBatchBudgetWait);
        try
        {
            return await batchGovernor.AcquireAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ConnectorException(Connector, ErrorKind.Transient, $"No QBO batch budget came free for realm {company.RealmId} within {MaxBatchBudgetWait.TotalSeconds:0} s; nothing was sent.");
        }
    }

    private static byte[] WriteBatch(IReadOnlyList<QboBatchItem> items)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("BatchItemRequest");
            foreach (var item in items)
            {
                writer.WriteStartObject();
                writer.WriteString("bId", item.BId);
                if (item.Query is { } statement)
                {
                    writer.WriteString("Query", statement);
                }
                else
                {
                    writer.WriteString("operation", item.Operation);
                    writer.WritePropertyName(item.EntityName!);
                    writer.WriteRawValue(item.EntityJson!, skipInputValidation: true);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void ValidateRequestId(string requestId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId);
        if (requestId.Length > MaxRequestIdLength)
        {
            throw new ArgumentException($"A QBO requestid has at most {MaxRequestIdLength} characters; this one has {requestId.Length}.", nameof(requestId));
        }
    }

    private static string NewRequestId() => Guid.NewGuid().ToString("N");

    private static ConnectorException MissingEntity(QboCompany company, string entity) =>
        new(Connector, ErrorKind.Unknown, $"QuickBooks Online company {company.RealmId} answered without the {entity}.");

    private static IntuitResponseWire? TryDeserialize(byte[] body)
    {
        var span = body.AsSpan().TrimStart(" \t\r\n"u8);
        if (span.IsEmpty || span[0] != (byte)'{')
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(span, QuickBooksOnlineJsonContext.Default.IntuitResponseWire);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task<QboCompany> ResolveAsync(string connectionId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionId);
        var connection = await connections.GetAsync(connectionId, cancellationToken)
            ?? throw new KeyNotFoundException($"Connection {connectionId} does not exist.");
        var realmId = connection.GetSetting(Connector, "realmId");
        if (string.IsNullOrWhiteSpace(realmId))
        {
            throw new ConnectorAuthException(Connector, $"Connection {connectionId} has no QuickBooks Online company (qbo.realmId): connect QuickBooks Online first.", vendorErrorCode: "realm_missing");
        }

        var environment = connection.GetSetting(Connector, "environment") ?? _options.DefaultEnvironment;
        var baseUrl = connection.GetBaseUrl(Connector, string.Equals(environment, "sandbox", StringComparison.OrdinalIgnoreCase) ? _options.SandboxBaseUrl : _options.ProductionBaseUrl);

        return new QboCompany(connectionId, realmId.Trim(), baseUrl);
    }

    private async Task<T?> ReadEntityAsync<T>(QboCompany company, QboEntity<T> entity, string id, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            var response = await SendAsync(company, HttpMethod.Get, entity.Path + "/" + Uri.EscapeDataString(id), query: null, requestId: null, body: null, cancellationToken);
            return entity.Pick(response) ?? throw MissingEntity(company, entity.Name);
        }
        catch (ConnectorException ex) when (ex.Kind == ErrorKind.NotFound)
        {
            return null;
        }
    }

    private async Task<T> CreateEntityAsync<T>(
        string connectionId,
        QboEntity<T> entity,
        T value,
        string? existingId,
        string requestId,
        JsonTypeInfo<T> typeInfo,
        CancellationToken cancellationToken)
        where T : class
    {
        ValidateRequestId(requestId);
        if (existingId is not null)
        {
            throw new ArgumentException($"A {entity.Name} to create must not have an Id.", nameof(value));
        }

        var company = await ResolveAsync(connectionId, cancellationToken);
        var body = JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);
        var response = await SendAsync(company, HttpMethod.Post, entity.Path, query: null, requestId, body, cancellationToken);
        var created = entity.Pick(response) ?? throw MissingEntity(company, entity.Name);
        var createdId = entity.IdOf(created);
        logger.EntityCreated(entity.Name, createdId, company.RealmId, requestId);
        return created;
    }

    /// <summary>
    /// The sparse update below for a caller's update builder (every public Update…Async): the builder sees the record as
    /// read; an update that <paramref name="changesNothing"/> sends nothing, any other goes out as the entity's sparse wire
    /// body.
    /// </summary>
    /// <exception cref="InvalidOperationException">When <paramref name="buildUpdate"/> returns null.</exception>
    private Task<T> SparseUpdateAsync<T, TUpdate, TWire>(
        string connectionId,
        QboEntity<T> entity,
        string id,
        Func<T, TUpdate> buildUpdate,
        Func<TUpdate, bool> changesNothing,
        Func<T, string, TUpdate, TWire> toWire,
        JsonTypeInfo<TWire> wireType,
        CancellationToken cancellationToken)
        where T : class
        where TUpdate : class =>
        SparseUpdateAsync(
            connectionId,
            entity,
            id,
            (current, syncToken) =>
            {
                var update = buildUpdate(current) ?? throw new InvalidOperationException($"The {entity.Name} update builder returned null.");
                return changesNothing(update) ? null : JsonSerializer.SerializeToUtf8Bytes(toWire(current, syncToken, update), wireType);
            },
            cancellationToken);

    /// <summary>
    /// Read, build a sparse body from what was read (null = nothing to change), send; on a Stale Object Error (5010) once
    /// more from a fresh read, then a clear Conflict.
    /// </summary>
    private async Task<T> SparseUpdateAsync<T>(
        string connectionId,
        QboEntity<T> entity,
        string id,
        Func<T, string, byte[]?> buildBody,
        CancellationToken cancellationToken)
        where T : class
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        var company = await ResolveAsync(connectionId, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var current = await ReadEntityAsync(company, entity, id, cancellationToken)
                ?? throw new ConnectorException(Connector, ErrorKind.NotFound, $"{entity.Name} {id} does not exist in QuickBooks Online company {company.RealmId}.", vendorErrorCode: QuickBooksOnlineErrorClassifier.ObjectNotFoundCode);
            var syncToken = entity.SyncTokenOf(current)
                ?? throw new ConnectorException(Connector, ErrorKind.Unknown, $"QuickBooks Online returned {entity.Name} {id} without a SyncToken.");
            var body = buildBody(current, syncToken);
            if (body is null)
            {
                return current;
            }

            try
            {
                // A fresh requestid per attempt: a resend of this exact request is answered from QBO's memory, while a
                // re-applied update after a stale read is a new request.
                var response = await SendAsync(company, HttpMethod.Post, entity.Path, query: null, NewRequestId(), body, cancellationToken);
                var updated = entity.Pick(response) ?? throw MissingEntity(company, entity.Name);
                var newSyncToken = entity.SyncTokenOf(updated);
                logger.EntityUpdated(entity.Name, id, company.RealmId, newSyncToken);
                return updated;
            }
            catch (ConnectorException ex) when (ex.Kind == ErrorKind.Conflict)
            {
                if (attempt == 1)
                {
                    logger.StaleEntityRetry(entity.Name, id, company.RealmId, syncToken);
                    continue;
                }

                logger.EntityUpdateConflict(entity.Name, id, company.RealmId);
                throw new ConnectorException(
                    Connector,
                    ErrorKind.Conflict,
                    $"{entity.Name} {id} in QuickBooks Online company {company.RealmId} was changed by someone else while ml-connector updated it, "
                        + $"again after a re-read (Stale Object Error 5010 at SyncToken {syncToken}); the update was not applied. Run the update again.",
                    ex.StatusCode,
                    ex.VendorErrorCode,
                    ex.VendorErrorBody,
                    ex.RequestId,
                    ex);
            }
        }
    }

    /// <summary>The entity with that DocNumber (and passing <paramref name="filter"/>); the oldest, with a warning, when several share it.</summary>
    private async Task<T?> FindByDocNumberAsync<T>(
        string connectionId,
        QboEntity<T> entity,
        string docNumber,
        Func<QueryResponseWire, List<T>?> rows,
        Func<T, bool>? filter,
        CancellationToken cancellationToken)
        where T : class
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(docNumber);
        var company = await ResolveAsync(connectionId, cancellationToken);
        var found = await QueryAllAsync(company, entity.Name, QboQuery.SelectAll(entity.Name, ("DocNumber", docNumber)), rows, cancellationToken);
        var matching = filter is null ? found : [.. found.Where(filter)];
        if (matching.Count <= 1)
        {
            return matching.FirstOrDefault();
        }

        var oldest = matching.OrderBy(e => long.TryParse(entity.IdOf(e), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : long.MaxValue).First();
        var oldestId = entity.IdOf(oldest);
        logger.DuplicateDocNumber(entity.Name, company.RealmId, matching.Count, docNumber, oldestId);
        return oldest;
    }

    private async Task<List<T>> QueryInAsync<T>(
        string connectionId,
        string entity,
        string property,
        IReadOnlyCollection<string> values,
        Func<QueryResponseWire, List<T>?> rows,
        CancellationToken cancellationToken)
    {
        var distinct = values.Where(v => !string.IsNullOrEmpty(v)).Distinct(StringComparer.Ordinal).ToList();
        var all = new List<T>();
        if (distinct.Count == 0)
        {
            return all;
        }

        var company = await ResolveAsync(connectionId, cancellationToken);
        foreach (var group in distinct.Chunk(QboQuery.MaxInValues))
        {
            all.AddRange(await QueryAllAsync(company, entity, QboQuery.SelectIn(entity, property, group), rows, cancellationToken));
        }

        return all;
    }

    private async Task<List<T>> QueryAllAsync<T>(
        QboCompany company,
        string entity,
        string statement,
        Func<QueryResponseWire, List<T>?> rows,
        CancellationToken cancellationToken)
    {
        var all = new List<T>();
        var pageSize = _options.QueryPageSize;
        var start = 1;
        var pages = 0;
        while (true)
        {
            var response = await SendAsync(company, HttpMethod.Get, "query", QboQuery.Page(statement, start, pageSize), requestId: null, body: null, cancellationToken);
            pages++;
            var page = response.QueryResponse is { } query ? rows(query) ?? [] : [];
            all.AddRange(page);
            if (page.Count < pageSize)
            {
                break;
            }

            start += page.Count;
        }

        logger.QueryPaged(entity, company.RealmId, all.Count, pages);
        return all;
    }

    private async Task<IntuitResponseWire> SendAsync(
        QboCompany company,
        HttpMethod method,
        string path,
        string? query,
        string? requestId,
        byte[]? body,
        CancellationToken cancellationToken) =>
        (await SendCoreAsync(company, method, path, query, requestId, body, cancellationToken)).Response;

    private async Task<(IntuitResponseWire Response, string? IntuitTid)> SendCoreAsync(
        QboCompany company,
        HttpMethod method,
        string path,
        string? query,
        string? requestId,
        byte[]? body,
        CancellationToken cancellationToken)
    {
        HttpContent? content = null;
        if (body is not null)
        {
            content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        using var request = _http.CreateRequest(method, BuildUri(company, path, query, requestId), company.ConnectionId, company.RealmId, content);
        if (requestId is not null)
        {
            request.MarkIdempotent();
        }

        using var response = await _http.SendAsync(request, company.ConnectionId, cancellationToken);
        var intuitTid = _http.VendorRequestId(response);
        var parsed = TryDeserialize(await response.Content.ReadAsByteArrayAsync(cancellationToken));
        if (parsed is null || parsed.Fault is not null || parsed.QueryResponse?.Fault is not null)
        {
            // An XML body (QBO's Fault format even when JSON was asked for), a Fault inside a 200, or no JSON at all.
            throw await errorMapper.MapAsync(Connector, response, cancellationToken);
        }

        return (parsed, intuitTid);
    }

    private Uri BuildUri(QboCompany company, string path, string? query, string? requestId)
    {
        var relative = new StringBuilder("v3/company/").Append(Uri.EscapeDataString(company.RealmId)).Append('/').Append(path).Append(path.Contains('?', StringComparison.Ordinal) ? '&' : '?');
        if (query is not null)
        {
            relative.Append("query=").Append(Uri.EscapeDataString(query)).Append('&');
        }

        if (requestId is not null)
        {
            relative.Append("requestid=").Append(Uri.EscapeDataString(requestId)).Append('&');
        }

        relative.Append("minorversion=").Append(_options.MinorVersion.ToString(CultureInfo.InvariantCulture));
        return new Uri(company.BaseUrl, relative.ToString());
    }

    /// <summary>The most objects one CDC response holds (PROTOCOL-NOTES.md §2, change-data-capture page).</summary>
    public const int MaxCdcObjects = 1000;

    /// <inheritdoc />
    public async Task<QboCdcChanges> GetChangesAsync(string connectionId, IReadOnlyList<string> entityNames, DateTimeOffset changedSinceUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entityNames);
        if (entityNames.Count == 0 || entityNames.Any(n => string.IsNullOrWhiteSpace(n) || n.Contains(',', StringComparison.Ordinal)))
        {
            throw new ArgumentException("CDC needs at least one entity name, none empty or containing a comma.", nameof(entityNames));
        }

        var company = await ResolveAsync(connectionId, cancellationToken);
        var since = changedSinceUtc.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        var path = "cdc?entities=" + Uri.EscapeDataString(string.Join(',', entityNames.Select(n => n.Trim()))) + "&changedSince=" + Uri.EscapeDataString(since);
        var response = await SendAsync(company, HttpMethod.Get, path, query: null, requestId: null, body: null, cancellationToken);
        var changes = new List<QboEntityChange>();
        var objects = 0;
        foreach (var cdc in response.CdcResponse ?? [])
        {
            if (cdc.Fault is { ValueKind: JsonValueKind.Object } fault)
            {
                throw new ConnectorException(Connector, ErrorKind.Validation, $"QuickBooks Online company {company.RealmId} refused the change data capture: {DescribeFault(fault)}");
            }

            foreach (var query in cdc.QueryResponse ?? [])
            {
                if (query.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                foreach (var property in query.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Array))
                {
                    foreach (var entity in property.Value.EnumerateArray())
                    {
                        objects++;
                        if (ToChange(company.RealmId, property.Name, entity) is { } change)
                        {
                            changes.Add(change);
                        }
                    }
                }
            }
        }

        DateTimeOffset? serverTime = Webhooks.QboTime.TryParse(response.Time, out var time) ? time : null;
        logger.ChangesCaptured(company.RealmId, objects, changedSinceUtc);
        return new QboCdcChanges(changes, serverTime, objects);
    }

    private static QboEntityChange? ToChange(string realmId, string entityName, JsonElement entity)
    {
        if (entity.ValueKind != JsonValueKind.Object || !entity.TryGetProperty("Id", out var idElement)
            || idElement.ValueKind != JsonValueKind.String || idElement.GetString() is not { Length: > 0 } id)
        {
            return null;
        }

        DateTimeOffset? created = null;
        DateTimeOffset? updated = null;
        if (entity.TryGetProperty("MetaData", out var meta) && meta.ValueKind == JsonValueKind.Object)
        {
            created = meta.TryGetProperty("CreateTime", out var c) && Webhooks.QboTime.TryParse(c.GetString(), out var ct) ? ct : null;
            updated = meta.TryGetProperty("LastUpdatedTime", out var u) && Webhooks.QboTime.TryParse(u.GetString(), out var ut) ? ut : null;
        }

        var deleted = entity.TryGetProperty("status", out var status) && string.Equals(status.GetString(), "Deleted", StringComparison.OrdinalIgnoreCase);
        var operation = deleted ? Webhooks.QboChangeOperations.Delete
            : created is not null && created == updated ? Webhooks.QboChangeOperations.Create
            : Webhooks.QboChangeOperations.Update;
        var name = Webhooks.QboEntityNames.Normalize(entityName);
        return new QboEntityChange(realmId, name, id, operation, updated, Webhooks.QboChangeOperations.EventIdFor(realmId, name, id, operation, updated));
    }

    private static string DescribeFault(JsonElement fault)
    {
        if (fault.TryGetProperty("Error", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
        {
            var first = errors[0];
            var code = first.TryGetProperty("code", out var c) ? c.GetString() : null;
            var message = first.TryGetProperty("Message", out var m) ? m.GetString() : null;
            return $"{code} {message}".Trim();
        }

        return "a fault without errors";
    }
}

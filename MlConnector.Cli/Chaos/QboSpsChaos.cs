using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using MlConnector.Cli.Demo;
using MlConnector.Cli.Operator;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.SpsCommerce.Rsx;
using MlConnector.Core.Integrations.QboSps;
using MlConnector.Sandbox;
using MlConnector.Sandbox.QuickBooksOnline;
using MlConnector.Sandbox.SpsCommerce;

namespace MlConnector.Cli.Chaos;

/// <summary>
/// QuickBooks Online ↔ SPS Commerce under chaos, on the demo's <c>qbo-sps</c> connection and company
/// (<see cref="QboSpsDemoCompany"/>). Phase 0: the two trading partners send 850 purchase orders (SPS's CrossDock and
/// MultiStore sample layouts, a PO number per record) to SPS in small batches, each batch sent one to three times under
/// new file names, as a partner re-sending a file does, and the host's own SPS poll (every 3 seconds here) picks them up.
/// Phase 1: the merchant invoices and ships every PO in QBO, and QBO's Invoice webhooks (batches of a few events, each
/// delivered one to three times, all shuffled) start the 810s and 856s; meanwhile the partners revise every fourth PO
/// (an 850 with <c>TsetPurposeCode</c> 05 and doubled quantities, sent one to three times), which the host applies to the
/// QBO purchase order with its SyncToken (<see cref="SpsOrderImporter"/>), so the run's concurrent edits in QBO make
/// those updates meet stale SyncTokens. SPS's own faults: 5xx, 429 with Retry-After and
/// lost responses after the commit on the Transaction API, and a trading partner rejecting a share of the accepted 810s
/// and 856s, which the poll finds in the SPS history and the host records as a <c>PartnerRejected</c> failure.
/// </summary>
/// <remarks>
/// A record (a partner's PO) is synced when the QBO company holds exactly one purchase order for it (DocNumber and the
/// partner/PO marker) ordering the PO's quantity (the revision's when it was revised: an update lost to a stale SyncToken
/// leaves the original's, and the record unaccounted) and, after phase 1, SPS's inbound store holds exactly one 810 and one 856 for its invoice that the
/// partner did not reject. It is duplicated when any of these is there more than once, and failed visibly when it is not
/// complete and an open failure of one of its workflows (850 import, 810, 856 or the partner rejection) says what to fix.
/// </remarks>
/// <param name="random">The run's random source (batch repeats, delivery order).</param>
internal sealed class QboSpsChaos(Random random) : IChaosIntegration
{
    /// <summary>Share of accepted 810s and 856s a trading partner rejects while the faults are on.</summary>
    public const double PartnerRejectionRate = 0.10;

    /// <summary>Every how many POs one is revised by its partner in phase 1.</summary>
    public const int RevisionEvery = 4;

    /// <summary>The fault-count key of the revisions sent (<see cref="CountFaults"/>).</summary>
    public const string Revisions = "poRevisions";

    private const string ConnectionId = QboSpsDemoPhase.ConnectionId;
    private const int BatchSize = 5;
    private const string CrossDock = "PO112853-1-v7.7-CrossDock.json";
    private const string MultiStore = "PO112855-1-v7.7-MultiStore.json";

    /// <summary>The most workflows <see cref="OutstandingAsync"/> asks the host about in one call.</summary>
    private const int MaxLookups = 50;

    private readonly List<ChaosPurchaseOrder> _orders = [];
    private readonly HashSet<string> _started = new(StringComparer.Ordinal);
    private DemoSandbox? _sandbox;
    private ChaosHost? _host;
    private string _realmId = string.Empty;
    private int _phasesPlanned;

    public string Integration => IntegrationKinds.QboSps;

    public IReadOnlyList<string> Connections { get; } = [ConnectionId];

    public int Records => _orders.Count;

    public int PhaseCount => 2;

    /// <summary>
    /// The host polls SPS every 3 seconds (the demo's yearly schedule would leave the 850s and rejections unread), or every
    /// minute for more than <see cref="FrequentPollRecords"/> records: each poll offers every file still in <c>data/out/</c>
    /// again, and a file held by the connection's running limit (<c>Admission:MaxActivePerConnection</c>) costs three storage
    /// calls per offer, so thousands of held files polled every 3 seconds would keep the storage busy with nothing but
    /// re-offers. A merchant's own schedule polls every 5–15 minutes (<c>Schedules:QboSpsOrderPoll</c>).
    /// </summary>
    public IReadOnlyDictionary<string, string?> HostSettings => new Dictionary<string, string?>
    {
        [$"Schedules:{QboSpsNames.OrderPollJobName}"] = _orders.Count > FrequentPollRecords ? "0 * * * * *" : "*/3 * * * * *",
    };

    /// <summary>The most records for which the host polls SPS every 3 seconds.</summary>
    public const int FrequentPollRecords = 500;

    private DemoSandbox Sandbox => _sandbox ?? throw new InvalidOperationException("Call SetUpAsync first.");

    public async Task SetUpAsync(DemoSandbox sandbox, int records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        _sandbox = sandbox;
        _realmId = await QboSpsDemoCompany.ConnectAsync(sandbox, cancellationToken);
        for (var i = 1; i <= records; i++)
        {
            var partner = i % 2 == 1 ? QboSpsDemoPhase.PartnerA : QboSpsDemoPhase.PartnerB;
            var number = "CH" + i.ToString("D5", CultureInfo.InvariantCulture);
            _orders.Add(new ChaosPurchaseOrder(partner, number, "INV-" + number, "1Z999AA1" + i.ToString("D10", CultureInfo.InvariantCulture)));
        }
    }

    public Task<IReadOnlyList<ChaosDelivery>> PlanPhaseAsync(int phase, ChaosHost host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        _host = host;
        _phasesPlanned = Math.Max(_phasesPlanned, phase + 1);
        return Task.FromResult(phase switch
        {
            0 => SendPurchaseOrders(),
            1 => InvoiceAndShip(),
            _ => throw new ArgumentOutOfRangeException(nameof(phase), phase, "qbo-sps has two phases."),
        });
    }

    /// <summary>
    /// The partners' 850 files still waiting in SPS <c>data/out/</c> for which the host started no import yet, plus the
    /// partner rejections in the SPS history for which it started no rejection workflow yet (both are found by its poll).
    /// </summary>
    /// <remarks>
    /// Asks the host about each such workflow by id (a point read), at most <see cref="MaxLookups"/> a call, and remembers
    /// the ones started, since a listing scans every instance of the task hub and stops at 1,000 (too few at 10,000
    /// records); those not asked about yet count as outstanding.
    /// </remarks>
    /// <summary>SPS files (850 orders in the outbox, partner rejections) whose workflow the host has not started yet.</summary>
    public string OutstandingKind => "SPS files no workflow has started for yet";

    public async ValueTask<int> OutstandingAsync(CancellationToken cancellationToken)
    {
        var sps = Sandbox.Sps;
        var unknown = sps.Outbox.Select(name => QboSpsOrderPollJob.InstanceId(ConnectionId, "/out/" + name))
            .Concat(sps.Rejections.Select(r => SpsPartnerRejectionHandler.InstanceId(ConnectionId, "in/" + r.Name)))
            .Where(id => !_started.Contains(id))
            .ToList();
        if (unknown.Count == 0 || _host is not { } host)
        {
            return unknown.Count;
        }

        var outstanding = Math.Max(0, unknown.Count - MaxLookups);
        foreach (var id in unknown.Take(MaxLookups))
        {
            try
            {
                await host.CallAsync(api => api.GetWorkflowAsync(id, cancellationToken), cancellationToken);
                _started.Add(id);
            }
            catch (OperatorApiException ex) when (ex.Status == StatusCodes.Status404NotFound)
            {
                outstanding++;
            }
        }

        return outstanding;
    }

    public void EnableFaults(ChaosOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Sandbox.Sps.Faults.Enable(options.ServerErrorRate, options.RateLimitRate, options.LostResponseRate, 0, options.Seed + 3, options.GuaranteedFaults);
        Sandbox.Sps.RejectAtRandom(PartnerRejectionRate, options.Seed + 4);
    }

    /// <inheritdoc />
    public IReadOnlyList<(string Simulator, SimulatorFaults Faults)> OwnSimulators => [("sps", Sandbox.Sps.Faults)];

    public void DisableFaults()
    {
        Sandbox.Sps.Faults.Disable();
        Sandbox.Sps.RejectAtRandom(0);
    }

    public IReadOnlyDictionary<string, int> CountFaults()
    {
        var sps = Sandbox.Sps;
        return new Dictionary<string, int>(StringComparer.Ordinal)
        {
            [ChaosFaultClasses.ServerErrors] = sps.Faults.ServerErrors,
            [ChaosFaultClasses.RateLimits] = sps.Faults.RateLimits,
            [ChaosFaultClasses.LostResponses] = sps.Faults.LostResponses,
            [ChaosFaultClasses.PartnerRejections] = sps.Rejections.Count,
            [Revisions] = _orders.Count(o => o.Revised),
        };
    }

    /// <summary>Consents the connection again to its own QBO company, waiting out a host that is restarting.</summary>
    public Task ReconsentAsync(ChaosHost host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        Sandbox.Idp.ConsentRealmId = _realmId;
        return host.ConsentAgainAsync(baseAddress => DemoSandbox.FollowConsentAsync(baseAddress, ConnectionId, cancellationToken), cancellationToken);
    }

    public IReadOnlyDictionary<string, (ChaosRecordState State, ChaosFailure? Failure)> Reconcile(IReadOnlyList<ChaosFailure> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        var open = failures.Where(f => f.BusinessKey is not null).ToList();
        var purchaseOrders = Sandbox.Qbo.GetEntities(_realmId, "PurchaseOrder");
        var rejected = Sandbox.Sps.Rejections.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var accepted = Sandbox.Sps.Uploaded.Where(u => !rejected.Contains(u.Name))
            .GroupBy(u => (u.Type, u.DocumentNumber))
            .ToDictionary(g => g.Key, g => g.Count());
        var states = new Dictionary<string, (ChaosRecordState, ChaosFailure?)>(StringComparer.Ordinal);
        foreach (var order in _orders)
        {
            var marker = QboSpsOrderMapper.Marker(order.Partner, order.Number);
            var mine = purchaseOrders.Where(p => (string?)p["DocNumber"] == order.Number && ((string?)p["PrivateNote"])?.Contains(marker, StringComparison.Ordinal) == true).ToList();
            var inQbo = mine.Count;
            var current = inQbo == 1 && OrderedQuantity(mine[0]) == order.Quantity;
            var (invoices, notices) = _phasesPlanned > 1
                ? (accepted.GetValueOrDefault((RsxDocumentType.Invoice, order.InvoiceNumber)), accepted.GetValueOrDefault((RsxDocumentType.Shipment, order.InvoiceNumber)))
                : (1, 1);
            var failure = open.FirstOrDefault(f => IsAbout(order, f.BusinessKey!));
            states[order.Key] = inQbo > 1 || invoices > 1 || notices > 1 ? (ChaosRecordState.Duplicated, failure)
                : current && invoices == 1 && notices == 1 ? (ChaosRecordState.Synced, failure)
                : failure is not null ? (ChaosRecordState.FailedVisibly, failure)
                : (ChaosRecordState.Unaccounted, null);
        }

        return states;
    }

    /// <summary>850 imports first (0), then the 810s and 856s that may need their PO (1), then partner rejections (2), whose replay resends.</summary>
    public int ReplayRank(ChaosFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure.BusinessKey switch
        {
            { } key when key.StartsWith("out/", StringComparison.Ordinal) => 0,
            { } key when key.StartsWith("in/", StringComparison.Ordinal) => 2,
            _ => 1,
        };
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>Whether an open failure's business key is one of this PO's workflows: its 850 files, its invoice's 810 or 856, or their rejection.</summary>
    private static bool IsAbout(ChaosPurchaseOrder order, string key) =>
        order.Files.Any(f => key == "out/" + f)
        || (order.InvoiceId is { } id && (key == id || key.StartsWith(id + "@", StringComparison.Ordinal)))
        || key.StartsWith("in/" + Path.GetFileNameWithoutExtension(SpsDocumentUploader.FileName("IN", order.Partner, order.InvoiceNumber)), StringComparison.Ordinal)
        || key.StartsWith("in/" + Path.GetFileNameWithoutExtension(SpsDocumentUploader.FileName("SH", order.Partner, order.InvoiceNumber)), StringComparison.Ordinal);

    /// <summary>The total quantity of an RSX 850 (<c>LineItem[].OrderLine.OrderQty</c>).</summary>
    private static decimal TotalQuantity(byte[] order) =>
        JsonNode.Parse(Encoding.UTF8.GetString(order).TrimStart('\uFEFF'))!["LineItem"]!.AsArray().Sum(l => (decimal?)l!["OrderLine"]!["OrderQty"] ?? 0m);

    /// <summary>The total quantity a QBO purchase order orders (its item lines' <c>Qty</c>).</summary>
    private static decimal OrderedQuantity(JsonObject purchaseOrder) =>
        purchaseOrder["Line"]?.AsArray().Sum(l => (decimal?)l?["ItemBasedExpenseLineDetail"]?["Qty"] ?? 0m) ?? 0m;

    /// <summary>
    /// Phase 1 (with the invoices): every <see cref="RevisionEvery"/>th PO revised by its partner, an 850 with purpose 05
    /// and doubled quantities, sent one to three times under new file names (the same bytes: applied once), shuffled.
    /// </summary>
    private List<ChaosDelivery> RevisePurchaseOrders(int sequence)
    {
        var samples = SpsCommerceSimulator.SampleOrders();
        var deliveries = new List<ChaosDelivery>();
        foreach (var order in _orders.Where((_, i) => i % RevisionEvery == RevisionEvery - 1))
        {
            var bytes = QboSpsDemoCompany.Order(samples[order.Partner == QboSpsDemoPhase.PartnerA ? CrossDock : MultiStore], order.Partner, order.Number, SpsOrderImporter.ReplacePurpose, quantityFactor: 2m, unmappedPart: null);
            (order.Revised, order.Quantity) = (true, TotalQuantity(bytes));
            var times = 1 + random.Next(3);
            for (var sent = 1; sent <= times; sent++)
            {
                var name = $"PO-{order.Partner}-{order.Number}-r{sent}.json";
                order.Files.Add(name);
                deliveries.Add(new ChaosDelivery(order.Key, sequence, _ =>
                {
                    Sandbox.Sps.AddOutboxDocument(name, bytes);
                    return Task.FromResult<int?>(200);
                }));
            }

            sequence++;
        }

        return deliveries;
    }

    /// <summary>Phase 0: the 850s, in batches each sent one to three times under new file names, shuffled.</summary>
    private IReadOnlyList<ChaosDelivery> SendPurchaseOrders()
    {
        var samples = SpsCommerceSimulator.SampleOrders();
        var deliveries = new List<ChaosDelivery>();
        var sequence = 0;
        foreach (var batch in _orders.Chunk(BatchSize))
        {
            var documents = batch.Select(o => (Order: o, Bytes: QboSpsDemoCompany.Order(samples[o.Partner == QboSpsDemoPhase.PartnerA ? CrossDock : MultiStore], o.Partner, o.Number, "00", quantityFactor: 1m, unmappedPart: null))).ToList();
            foreach (var (order, bytes) in documents)
            {
                order.Quantity = TotalQuantity(bytes);
            }

            var times = 1 + random.Next(3);
            for (var sent = 1; sent <= times; sent++)
            {
                var files = documents.Select(d => (d.Order, Name: $"PO-{d.Order.Partner}-{d.Order.Number}-{sent}.json", d.Bytes)).ToList();
                foreach (var (order, name, _) in files)
                {
                    order.Files.Add(name);
                }

                deliveries.Add(new ChaosDelivery(batch[0].Key, sequence, _ =>
                {
                    foreach (var (_, name, bytes) in files)
                    {
                        Sandbox.Sps.AddOutboxDocument(name, bytes);
                    }

                    return Task.FromResult<int?>(200);
                }));
            }

            sequence++;
        }

        return ChaosShuffle.Shuffle(deliveries, random);
    }

    /// <summary>
    /// Phase 1: an invoice per PO in QBO, shipped; QBO's Invoice webhooks in small deliveries, each made one to three times;
    /// and the partners' revisions (<see cref="RevisePurchaseOrders"/>); all shuffled.
    /// </summary>
    private IReadOnlyList<ChaosDelivery> InvoiceAndShip()
    {
        var qbo = Sandbox.Qbo;
        foreach (var order in _orders)
        {
            var customer = order.Partner == QboSpsDemoPhase.PartnerA ? "71" : "72";
            qbo.Seed(_realmId, QboSpsDemoCompany.InvoiceJson(order.InvoiceNumber, order.Partner, order.Number, customer, order.TrackingNumber));
        }

        var ids = qbo.GetEntities(_realmId, "Invoice").ToDictionary(i => (string?)i["DocNumber"] ?? string.Empty, i => (string)i["Id"]!, StringComparer.Ordinal);
        foreach (var order in _orders)
        {
            order.InvoiceId = ids[order.InvoiceNumber];
        }

        var deliveries = new List<ChaosDelivery>();
        var sequence = 0;
        foreach (var planned in qbo.TakeWebhookDeliveries(_realmId, new QboSimulatorWebhookOptions { Drop = c => c.EntityName != "Invoice", MaxEventsPerDelivery = BatchSize }))
        {
            var times = 1 + random.Next(3);
            for (var i = 0; i < times; i++)
            {
                deliveries.Add(new ChaosDelivery(planned.Changes[0].EntityId, sequence, async ct => (await qbo.RedeliverAsync(planned, ct)).StatusCode));
            }

            sequence++;
        }

        deliveries.AddRange(RevisePurchaseOrders(sequence));
        return ChaosShuffle.Shuffle(deliveries, random);
    }
}

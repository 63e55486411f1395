using MlConnector.Cli.Demo;
using MlConnector.Core.Connections;
using MlConnector.Sandbox.QuickBooksOnline;
using MlConnector.Sandbox.Ups;

namespace MlConnector.Cli.Chaos;

/// <summary>
/// QuickBooks Online ↔ UPS under chaos, on the demo's <c>qbo-ups</c> connection (<see cref="DemoSandbox.QboUpsConnectionId"/>,
/// its own QBO company <see cref="DemoSandbox.UpsRealmId"/>) and catalog (<see cref="QboUpsDemoCatalog"/>). Phase 0 creates
/// purchase orders in QBO and delivers their signed webhooks (legacy and CloudEvents, ten events a delivery), each one to
/// three times, all shuffled. Phase 1 has UPS deliver every package it holds and delivers the Track Alert pushes the same
/// way. The faults are the shared simulators', switched on by the run: UPS's (<see cref="UpsSimulator.Faults"/>: 5xx,
/// 429 with Retry-After, a Ship, Rate or subscription answer lost after UPS committed it), QBO's (the same plus stale
/// SyncTokens) and the OAuth server's (token expiry, a refused refresh).
/// </summary>
/// <remarks>
/// A record is a purchase order. It is synced when UPS holds exactly one shipment (label) with its reference
/// <c>PO {number}</c>, QBO holds exactly one bill <c>UPS-{number}</c> for that shipment's charge, and the bill's memo names
/// each of its packages once, as Delivered when a Track Alert push reported the delivery. Two shipments, two bills or a
/// package named twice in the memo is a duplicate. An open failure whose business key is the PO (<c>po:{Id}</c>) or one of
/// its packages (<c>track:{tracking number}:…</c>) makes it failed visibly; anything else is unaccounted. A package whose
/// PO failed before its Track Alert subscription gets no push (UPS pushes only subscribed numbers), so it is not expected
/// to read Delivered: in production the tracking poll finds it.
/// </remarks>
/// <param name="random">The run's random source (repeats and order of deliveries).</param>
internal sealed class QboUpsChaos(Random random) : IChaosIntegration
{
    private const string ConnectionId = DemoSandbox.QboUpsConnectionId;
    private const int EventsPerDelivery = 10;

    /// <summary>PO numbers start here, clear of the demo phase's 4101….</summary>
    private const int FirstNumber = 51001;

    private readonly List<(string DocNumber, string Id)> _orders = [];
    private readonly HashSet<string> _pushed = new(StringComparer.Ordinal);
    private DemoSandbox? _sandbox;
    private int _records;

    /// <inheritdoc />
    public string Integration => IntegrationKinds.QboUps;

    /// <inheritdoc />
    public IReadOnlyList<string> Connections { get; } = [ConnectionId];

    /// <inheritdoc />
    public int Records => _orders.Count;

    /// <inheritdoc />
    public int PhaseCount => 2;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string?> HostSettings { get; } = new Dictionary<string, string?>();

    private DemoSandbox Sandbox => _sandbox ?? throw new InvalidOperationException("SetUpAsync has not run.");

    /// <inheritdoc />
    /// <remarks>
    /// The demo sandbox already made the connection, its secrets, the QBO consent, the chart of accounts and the Track Alert
    /// webhook; this seeds the suppliers and items and drops the seeding's own change events, which are no records.
    /// </remarks>
    public Task SetUpAsync(DemoSandbox sandbox, int records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        ArgumentOutOfRangeException.ThrowIfNegative(records);
        _sandbox = sandbox;
        _records = records;
        sandbox.Qbo.Seed(sandbox.UpsRealmId, QboUpsDemoCatalog.SuppliersAndItemsJson());
        sandbox.Qbo.TakeWebhookDeliveries(sandbox.UpsRealmId);
        sandbox.Ups.HoldTrackAlertPushes = true;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ChaosDelivery>> PlanPhaseAsync(int phase, ChaosHost host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        return phase switch
        {
            0 => CreatePurchaseOrders(),
            1 => await DeliverPackagesAsync(cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(phase), phase, "qbo-ups has phases 0 and 1."),
        };
    }

    /// <inheritdoc />
    public ValueTask<int> OutstandingAsync(CancellationToken cancellationToken) => ValueTask.FromResult(0);

    /// <inheritdoc />
    /// <remarks>Nothing of its own: UPS is shared with <c>freshbooks-ups</c>, so its faults are the run's (<c>ChaosRun.SharedSimulators</c>).</remarks>
    public void EnableFaults(ChaosOptions options) => ArgumentNullException.ThrowIfNull(options);

    /// <inheritdoc />
    public void DisableFaults()
    {
    }

    /// <inheritdoc />
    /// <remarks>
    /// What the shared UPS simulator injected, under UPS's own keys (not <see cref="ChaosFaultClasses"/>, so the run's totals,
    /// which already count UPS as a shared simulator, do not count it twice): the row shows the UPS faults the QBO ↔ UPS
    /// records went through.
    /// </remarks>
    public IReadOnlyDictionary<string, int> CountFaults()
    {
        var faults = Sandbox.Ups.Faults;
        return new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["upsServerErrors"] = faults.ServerErrors,
            ["upsRateLimits"] = faults.RateLimits,
            ["upsLostResponses"] = faults.LostResponses,
        };
    }

    /// <inheritdoc />
    /// <remarks>The merchant consents again to the same QBO company (<see cref="DemoSandbox.UpsRealmId"/>).</remarks>
    public Task ReconsentAsync(ChaosHost host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        Sandbox.Idp.ConsentRealmId = Sandbox.UpsRealmId;
        return host.ConsentAgainAsync(baseAddress => DemoSandbox.FollowConsentAsync(baseAddress, ConnectionId, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, (ChaosRecordState State, ChaosFailure? Failure)> Reconcile(IReadOnlyList<ChaosFailure> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        var (qbo, ups, realmId) = (Sandbox.Qbo, Sandbox.Ups, Sandbox.UpsRealmId);
        var byKey = failures.Where(f => f.BusinessKey is not null).GroupBy(f => f.BusinessKey!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var shipments = ups.GetShipments().Where(s => !s.Voided).ToLookup(s => s.ReferenceNumber ?? string.Empty, StringComparer.Ordinal);
        var bills = qbo.GetEntities(realmId, "Bill").ToLookup(b => (string?)b["DocNumber"] ?? string.Empty, StringComparer.Ordinal);
        var states = new Dictionary<string, (ChaosRecordState, ChaosFailure?)>(StringComparer.Ordinal);
        foreach (var (docNumber, id) in _orders)
        {
            var shipped = shipments["PO " + docNumber].ToList();
            var billed = bills["UPS-" + docNumber].ToList();
            var packages = shipped.SelectMany(s => s.TrackingNumbers).ToList();
            var failure = byKey.GetValueOrDefault("po:" + id)
                ?? failures.FirstOrDefault(f => f.BusinessKey is { } key && packages.Any(t => key.StartsWith("track:" + t + ":", StringComparison.Ordinal)));
            var memo = billed.Count == 1 ? (string?)billed[0]["PrivateNote"] ?? string.Empty : string.Empty;
            var named = packages.Select(t => Occurrences(memo, t + ":")).ToList();
            var charge = shipped.Count == 1 ? shipped[0].NegotiatedCharge ?? shipped[0].TotalCharge : (decimal?)null;
            states[docNumber] = shipped.Count > 1 || billed.Count > 1 || named.Any(n => n > 1) ? (ChaosRecordState.Duplicated, failure)
                : shipped.Count == 1 && billed.Count == 1 && (decimal?)billed[0]["TotalAmt"] == charge && named.All(n => n == 1)
                    && packages.All(t => !_pushed.Contains(t) || memo.Contains(t + ": Delivered", StringComparison.Ordinal)) ? (ChaosRecordState.Synced, failure)
                : failure is not null ? (ChaosRecordState.FailedVisibly, failure)
                : (ChaosRecordState.Unaccounted, null);
        }

        return states;
    }

    /// <inheritdoc />
    public int ReplayRank(ChaosFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure.BusinessKey?.StartsWith("po:", StringComparison.Ordinal) == true ? 0 : 1;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static int Occurrences(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>Phase 0: the purchase orders, half announced in the legacy format and half as CloudEvents.</summary>
    private IReadOnlyList<ChaosDelivery> CreatePurchaseOrders()
    {
        var (qbo, realmId) = (Sandbox.Qbo, Sandbox.UpsRealmId);
        var orders = QboUpsDemoCatalog.PurchaseOrders(DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime), _records, FirstNumber);
        var deliveries = new List<ChaosDelivery>();
        var sequence = 0;
        foreach (var (half, format) in new[] { (orders.Take(orders.Count / 2), QboSimulatorWebhookFormat.Legacy), (orders.Skip(orders.Count / 2), QboSimulatorWebhookFormat.CloudEvents) })
        {
            foreach (var order in half)
            {
                _orders.Add((order.DocNumber, QboUpsDemoCatalog.Create(qbo, realmId, order)));
            }

            foreach (var delivery in qbo.TakeWebhookDeliveries(realmId, new QboSimulatorWebhookOptions { Format = format, MaxEventsPerDelivery = EventsPerDelivery }))
            {
                deliveries.AddRange(Repeat("PurchaseOrder webhook " + (sequence + 1), sequence++, async ct => (int?)(await qbo.RedeliverAsync(delivery, ct)).StatusCode));
            }
        }

        return ChaosShuffle.Shuffle(deliveries, random);
    }

    /// <summary>Phase 1: UPS delivers every package of the run's shipments; each subscribed package's push is held and planned.</summary>
    private async Task<IReadOnlyList<ChaosDelivery>> DeliverPackagesAsync(CancellationToken cancellationToken)
    {
        var (ups, callback) = (Sandbox.Ups, Sandbox.Webhooks.UpsTrackAlert);
        var references = _orders.Select(o => "PO " + o.DocNumber).ToHashSet(StringComparer.Ordinal);
        var deliveries = new List<ChaosDelivery>();
        var sequence = 0;
        foreach (var trackingNumber in ups.GetShipments().Where(s => !s.Voided && references.Contains(s.ReferenceNumber ?? string.Empty)).SelectMany(s => s.TrackingNumbers))
        {
            foreach (var push in await ups.DeliverAsync(trackingNumber, cancellationToken))
            {
                _pushed.Add(push.TrackingNumber);
                deliveries.AddRange(Repeat("Track Alert " + push.TrackingNumber, sequence++, async ct => (await ups.PushAgainAsync(push, callback, ct)).StatusCode));
            }
        }

        return ChaosShuffle.Shuffle(deliveries, random);
    }

    private List<ChaosDelivery> Repeat(string record, int sequence, Func<CancellationToken, Task<int?>> send) =>
        [.. Enumerable.Repeat(new ChaosDelivery(record, sequence, send), 1 + random.Next(3))];
}

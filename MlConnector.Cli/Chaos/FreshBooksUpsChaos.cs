using System.Text;
using MlConnector.Cli.Demo;
using MlConnector.Core.Connections;
using MlConnector.Sandbox;
using MlConnector.Sandbox.FreshBooks;
using MlConnector.Sandbox.Ups;

namespace MlConnector.Cli.Chaos;

/// <summary>
/// FreshBooks ↔ UPS under chaos, on the demo's FreshBooks account and <c>freshbooks-ups</c> connection
/// (<see cref="FreshBooksUpsDemoAccount"/>). Phase 0: invoices are issued in FreshBooks, most flagged for shipping (the
/// Shipping line), some flagged by a later update and some never; every <c>invoice.create</c> and <c>invoice.update</c>
/// is delivered one to three times, signed, all shuffled. Phase 1: UPS picks up and delivers every package of the shipped
/// invoices, and each Track Alert push is made one to three times, shuffled (so a Delivered push can come before the
/// pickup's). The FreshBooks simulator injects 5xx, 429 with Retry-After and lost responses after a committed write.
/// A record (an invoice) is synced when a flagged one has exactly one live UPS shipment referencing it and its notes show
/// each of its tracking numbers once (Delivered for the packages UPS delivered), and an unflagged one has none.
/// </summary>
/// <param name="random">The run's random source (delivery counts and order).</param>
internal sealed class FreshBooksUpsChaos(Random random) : IChaosIntegration
{
    private static readonly (string Name, decimal Quantity, decimal UnitCost)[] FlaggedLines = [("Mugs", 6m, 4m), ("Shipping", 1m, 12m)];
    private static readonly (string Name, decimal Quantity, decimal UnitCost)[] PlainLines = [("Mugs", 2m, 4m)];
    private static readonly (string Organization, string Street, string PostalCode)[] Clients =
    [
        ("Maple Goods", "12 Elm St", "30005"), ("Birch Co", "40 Oak Ave", "30005"), ("Cedar Ltd", "7 Pine Rd", "30009"), ("Elm LLC", "9 Birch Ln", "30022"),
    ];

    private readonly Dictionary<long, bool> _invoices = [];
    private readonly HashSet<string> _delivered = new(StringComparer.Ordinal);
    private DemoSandbox? _sandbox;
    private FreshBooksUpsDemoAccount? _account;
    private int _records;

    /// <inheritdoc />
    public string Integration => IntegrationKinds.FreshBooksUps;

    /// <inheritdoc />
    public IReadOnlyList<string> Connections { get; } = [FreshBooksUpsDemoAccount.ConnectionId];

    /// <inheritdoc />
    public int Records => _invoices.Count;

    /// <inheritdoc />
    public int PhaseCount => 2;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string?> HostSettings { get; private set; } = new Dictionary<string, string?>();

    private DemoSandbox Sandbox => _sandbox ?? throw new InvalidOperationException("SetUpAsync was not called.");

    private FreshBooksUpsDemoAccount Account => _account ?? throw new InvalidOperationException("SetUpAsync was not called.");

    /// <inheritdoc />
    public async Task SetUpAsync(DemoSandbox sandbox, int records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        _sandbox = sandbox;
        _records = records;
        _account = await FreshBooksUpsDemoAccount.StartAsync(sandbox, cancellationToken);
        HostSettings = FreshBooksUpsDemoPhase.HostSettings(sandbox.Idp, sandbox.Host.BaseAddress.AbsoluteUri);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ChaosDelivery>> PlanPhaseAsync(int phase, ChaosHost host, CancellationToken cancellationToken) => phase switch
    {
        0 => IssueInvoicesAsync(cancellationToken),
        1 => MovePackagesAsync(cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(phase), phase, "FreshBooks ↔ UPS has phases 0 and 1."),
    };

    /// <inheritdoc />
    public ValueTask<int> OutstandingAsync(CancellationToken cancellationToken) => ValueTask.FromResult(0);

    /// <inheritdoc />
    public void EnableFaults(ChaosOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Account.FreshBooks.Faults.Enable(options.ServerErrorRate, options.RateLimitRate, options.LostResponseRate, 0, options.Seed + 7, options.GuaranteedFaults);
    }

    /// <inheritdoc />
    public IReadOnlyList<(string Simulator, SimulatorFaults Faults)> OwnSimulators => [("freshbooks", Account.FreshBooks.Faults)];

    /// <inheritdoc />
    public void DisableFaults() => _account?.FreshBooks.Faults.Disable();

    /// <inheritdoc />
    public IReadOnlyDictionary<string, int> CountFaults()
    {
        var faults = Account.FreshBooks.Faults;
        return new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["serverErrors"] = faults.ServerErrors,
            ["rateLimits"] = faults.RateLimits,
            ["lostResponses"] = faults.LostResponses,
        };
    }

    /// <inheritdoc />
    public Task ReconsentAsync(ChaosHost host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        return host.ConsentAgainAsync(baseAddress => FreshBooksUpsDemoAccount.FollowConsentAsync(baseAddress, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, (ChaosRecordState State, ChaosFailure? Failure)> Reconcile(IReadOnlyList<ChaosFailure> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        var shipments = Sandbox.Ups.GetShipments().Where(s => !s.Voided && s.ReferenceNumber is not null)
            .GroupBy(s => s.ReferenceNumber!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var states = new Dictionary<string, (ChaosRecordState, ChaosFailure?)>(StringComparer.Ordinal);
        foreach (var (invoiceId, flagged) in _invoices)
        {
            var invoice = Account.FreshBooks.GetInvoice(invoiceId);
            var number = (string)invoice["invoice_number"]!;
            var notes = (string?)invoice["notes"] ?? string.Empty;
            var mine = shipments.GetValueOrDefault("Invoice " + number) ?? [];
            var tracking = mine.SelectMany(s => s.TrackingNumbers).ToList();
            var failure = failures.FirstOrDefault(f => f.BusinessKey == "invoice:" + invoiceId.ToString(CultureInfo.InvariantCulture))
                ?? failures.FirstOrDefault(f => tracking.Any(t => f.BusinessKey?.StartsWith($"track:{t}:", StringComparison.Ordinal) == true));
            var shown = tracking.Select(t => Occurrences(notes, t)).ToList();
            states[invoiceId.ToString(CultureInfo.InvariantCulture)] =
                mine.Count > 1 || shown.Any(n => n > 1) || (!flagged && mine.Count > 0) ? (ChaosRecordState.Duplicated, failure)
                : !flagged || (mine.Count == 1 && shown.All(n => n == 1) && tracking.All(t => !_delivered.Contains(t) || notes.Contains($"{t}: Delivered", StringComparison.Ordinal))) ? (ChaosRecordState.Synced, failure)
                : failure is not null ? (ChaosRecordState.FailedVisibly, failure)
                : (ChaosRecordState.Unaccounted, null);
        }

        return states;
    }

    /// <inheritdoc />
    public int ReplayRank(ChaosFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure.BusinessKey?.StartsWith("invoice:", StringComparison.Ordinal) == true ? 0 : 1;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _account?.DisposeAsync() ?? ValueTask.CompletedTask;

    private static int Occurrences(string text, string value) => (text.Length - text.Replace(value, string.Empty, StringComparison.Ordinal).Length) / value.Length;

    /// <summary>
    /// Issues the invoices with their own deliveries dropped (the run makes them): every eighth is never flagged, every
    /// fourth of the rest is issued without the Shipping line and flagged by an update; each event delivered 1–3 times.
    /// </summary>
    private async Task<IReadOnlyList<ChaosDelivery>> IssueInvoicesAsync(CancellationToken cancellationToken)
    {
        var freshBooks = Account.FreshBooks;
        var clients = Clients.Select(c => freshBooks.AddClient(c.Organization, $"buyer@{c.Organization.Split(' ')[0].ToLowerInvariant()}.example", c.Street, "Alpharetta", "GA", c.PostalCode, "United States")).ToList();
        var deliveries = new List<ChaosDelivery>();
        for (var i = 0; i < _records; i++)
        {
            var (never, later) = (i % 8 == 7, i % 4 == 1);
            var client = clients[i % clients.Count];
            var invoiceId = await freshBooks.CreateInvoiceAsync(client, never || later ? PlainLines : FlaggedLines, delivery: FreshBooksWebhookDelivery.Drop, cancellationToken: cancellationToken);
            _invoices[invoiceId] = !never;
            deliveries.AddRange(Repeat(invoiceId, "invoice.create", i));
            if (later)
            {
                await freshBooks.EditInvoiceAsync(invoiceId, addLine: ("Shipping", 1m, 12m), delivery: FreshBooksWebhookDelivery.Drop, cancellationToken: cancellationToken);
                deliveries.AddRange(Repeat(invoiceId, "invoice.update", i));
            }
        }

        return ChaosShuffle.Shuffle(deliveries, random);
    }

    /// <summary>UPS picks up and delivers every package of the invoices shipped so far; each push is made 1–3 times.</summary>
    private async Task<IReadOnlyList<ChaosDelivery>> MovePackagesAsync(CancellationToken cancellationToken)
    {
        var numbers = _invoices.Keys.ToDictionary(id => "Invoice " + (string)Account.FreshBooks.GetInvoice(id)["invoice_number"]!, id => id, StringComparer.Ordinal);
        var packages = Sandbox.Ups.GetShipments().Where(s => !s.Voided && s.ReferenceNumber is not null && numbers.ContainsKey(s.ReferenceNumber)).SelectMany(s => s.TrackingNumbers).ToList();
        var deliveries = new List<ChaosDelivery>();
        var sequence = 0;
        foreach (var tracking in packages)
        {
            foreach (var delivered in (bool[])[false, true])
            {
                var pushes = delivered ? await Sandbox.Ups.DeliverAsync(tracking, cancellationToken) : await Sandbox.Ups.AdvanceAsync(tracking, cancellationToken);
                foreach (var push in pushes)
                {
                    deliveries.AddRange(RepeatPush(tracking, push.Body, sequence));
                    if (delivered)
                    {
                        _delivered.Add(tracking); // a package without a Track Alert subscription is not pushed: its notes keep the label status
                    }
                }

                sequence++;
            }
        }

        return ChaosShuffle.Shuffle(deliveries, random);
    }

    private IEnumerable<ChaosDelivery> Repeat(long invoiceId, string eventName, int sequence)
    {
        var freshBooks = Account.FreshBooks;
        var times = 1 + random.Next(3);
        for (var i = 0; i < times; i++)
        {
            yield return new ChaosDelivery($"invoice {invoiceId} {eventName}", sequence, async cancellationToken =>
            {
                var statuses = await freshBooks.RedeliverAsync(eventName, invoiceId, cancellationToken);
                return statuses.Count == 0 ? null : statuses[0];
            });
        }
    }

    private IEnumerable<ChaosDelivery> RepeatPush(string tracking, string body, int sequence)
    {
        var target = Account.TrackAlertUri;
        var times = 1 + random.Next(3);
        for (var i = 0; i < times; i++)
        {
            yield return new ChaosDelivery("package " + tracking, sequence, async cancellationToken =>
            {
                using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
                using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                request.Headers.TryAddWithoutValidation("User-Agent", UpsSimulator.TrackAlertUserAgent);
                request.Headers.Add("x-api-key", DemoSandbox.UpsClientId);
                using var response = await http.SendAsync(request, cancellationToken);
                return (int)response.StatusCode;
            });
        }
    }
}

namespace MlConnector.Cli.Chaos;

/// <summary>What a chaos run is asked for.</summary>
/// <param name="Records">Source records driven through the integrations (split evenly among them).</param>
/// <param name="Kills">How many times the host process is killed with SIGKILL and restarted, at random moments.</param>
/// <param name="Seed">The seed of every random choice (fault rolls, delivery order, kill moments).</param>
internal sealed record ChaosOptions(int Records, int Kills, int Seed)
{
    /// <summary>The default of <see cref="DeliveryConcurrency"/>.</summary>
    public const int DefaultDeliveryConcurrency = 12;

    private readonly TimeSpan? _settleLimit;

    /// <summary>
    /// The host's <c>Retention:WorkflowHistory</c> for the run (default 2 minutes, the product's is 7 days): completed
    /// workflows are purged from the task hub soon after they finish, so it stays small over a long run (on Azurite every
    /// history query scans the whole History table), and the run shows that purged instances lose and duplicate nothing.
    /// </summary>
    public TimeSpan WorkflowRetention { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The host's <c>Schedules:WorkflowHistoryPurge</c> for the run (default every 30 seconds).</summary>
    public string WorkflowPurgeSchedule { get; init; } = "*/30 * * * * *";

    /// <summary>Share of vendor API requests answered 5xx.</summary>
    public double ServerErrorRate { get; init; } = 0.20;

    /// <summary>Share of vendor API requests answered 429 with Retry-After.</summary>
    public double RateLimitRate { get; init; } = 0.05;

    /// <summary>Share of vendor writes committed and then not answered.</summary>
    public double LostResponseRate { get; init; } = 0.02;

    /// <summary>Share of updates preceded by a concurrent edit (stale SyncToken / EditSequence).</summary>
    public double ConcurrentEditRate { get; init; } = 0.10;

    /// <summary>
    /// Faults of each class (5xx, 429, lost response, concurrent edit) with a rate above 0 that every simulator with
    /// <c>SimulatorFaults</c> injects on its first eligible requests before the rates take over. 0 in the command (the
    /// rates alone); the tests set 1 so a small run that asserts a class was injected cannot miss it.
    /// </summary>
    public int GuaranteedFaults { get; init; }

    /// <summary>
    /// How many deliveries (webhooks, Web Connector sessions, partner files) are in flight at once, as vendors deliver
    /// webhooks concurrently; default 12. Kills then land with requests in flight, which are retried until the restarted
    /// host accepts them. 1 makes them one after another.
    /// </summary>
    public int DeliveryConcurrency { get; init; } = DefaultDeliveryConcurrency;

    /// <summary>The integration kinds to drive (<see cref="ChaosIntegrations"/>); every registered one when null or empty.</summary>
    public IReadOnlyList<string>? Integrations { get; init; }

    /// <summary>Share of Web Connector updates with work that find QuickBooks closed and start a closure of three updates.</summary>
    public double QbdClosedRate { get; init; } = 0.05;

    /// <summary>Share of processed qbXML requests after which the Web Connector drops its session.</summary>
    public double QbwcDropRate { get; init; } = 0.03;

    /// <summary>The <c>mlconnector.dll</c> run as the host; this process's own by default.</summary>
    public string? ServeAssemblyPath { get; init; }

    /// <summary>An Azure Storage (Azurite) connection string to use instead of starting an in-memory Azurite.</summary>
    public string? StorageConnectionString { get; init; }

    /// <summary>The table, queue and task hub prefix on <see cref="StorageConnectionString"/>; the default when null.</summary>
    public string? StoragePrefix { get; init; }

    /// <summary>
    /// How long a (re)started host may take to answer <c>/api/health</c> before the run gives up. A restart on a machine
    /// whose cores are shared with other builds (load average 90 on 2 cores) took over 3 minutes, the earlier fixed limit.
    /// </summary>
    public TimeSpan HostStartLimit { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long the host may take to finish the work after each phase before the run reports what is left: by default
    /// 20 minutes or 0.72 s per record, whichever is longer (120 minutes at 10,000 records). A settle's work grows with the
    /// records; the 2,000-record run of 2026-12-07 took 15 minutes for its longest phase (docs/reliability.md "Measured"),
    /// so a fixed 20 minutes ran out at 10,000 records with the host still making progress.
    /// </summary>
    public TimeSpan SettleLimit
    {
        get => _settleLimit ?? TimeSpan.FromSeconds(Math.Max(20 * 60, Records * 0.72));
        init => _settleLimit = value;
    }

    /// <summary>
    /// How long the same workflows may stay running with nothing pending while failures are open before the run reports a
    /// stalled host instead of waiting out <see cref="SettleLimit"/> (longer than a shipment chunk's 2.5-minute wait for
    /// invoices in flight).
    /// </summary>
    public TimeSpan StallLimit { get; init; } = TimeSpan.FromMinutes(5);
}

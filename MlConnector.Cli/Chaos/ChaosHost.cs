using MlConnector.Cli.Operator;

namespace MlConnector.Cli.Chaos;

/// <summary>
/// The host under chaos: one <c>mlconnector serve</c> child process on a fixed loopback port (the vendors' webhooks and
/// the OAuth redirect point there), killed with SIGKILL and restarted on the same port and storage, and reached through
/// its operator API. Operator calls made while the process is down wait for it.
/// </summary>
internal sealed class ChaosHost(int port, IReadOnlyDictionary<string, string?> settings, string? assemblyPath, TimeSpan startLimit, Action<string> step) : IAsyncDisposable
{
    private ServeProcess? _process;
    private OperatorApiClient? _api;

    /// <summary>How often <see cref="WaitUntilSettledAsync"/> looks at the host.</summary>
    public static TimeSpan SettlePollInterval { get; } = TimeSpan.FromSeconds(5);

    public Uri BaseAddress { get; } = new($"http://127.0.0.1:{port}/");

    /// <summary>Instances per page of the settle's listings: null for the host's most (1,000); tests set fewer to list across pages.</summary>
    public int? ListPageSize { get; init; }

    /// <summary>Pages of workflow listings the settles asked for so far (each one scan of the task hub's Instances table on Azurite).</summary>
    public int ListingPages { get; private set; }

    /// <summary>SIGKILLs so far.</summary>
    public int Kills { get; private set; }

    /// <summary>Restarts after a kill that answered <c>/api/health</c>.</summary>
    public int Restarts { get; private set; }

    /// <summary>Consents given again through <see cref="ConsentAgainAsync"/>.</summary>
    public int Reconsents { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _process = await ServeProcess.StartAsync(port, settings, startLimit, assemblyPath);
        cancellationToken.ThrowIfCancellationRequested();
        _api?.Dispose();
        _api = new OperatorApiClient(BaseAddress, new OperatorCredential(_process.OperatorToken, null));
    }

    /// <summary>Kills the process at once (no shutdown code runs) and starts another on the same port and storage.</summary>
    public async Task KillAndRestartAsync(CancellationToken cancellationToken)
    {
        if (_process is not null)
        {
            _process.Kill();
            Kills++;
            await _process.DisposeAsync();
            _process = null;
        }

        step($"Host killed with SIGKILL ({Kills}); restarting it");
        await StartAsync(cancellationToken);
        Restarts++;
    }

    /// <summary>Runs an operator call, waiting out a host that is down or restarting (up to two minutes).</summary>
    public async Task<JsonElement> CallAsync(Func<OperatorApiClient, Task<JsonElement>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call(_api ?? throw new InvalidOperationException("The host is not started."));
            }
            catch (Exception ex) when (attempt < 240 && ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(500, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Walks the merchant's browser through a consent flow again (<paramref name="consent"/> gets the host's address),
    /// repeating it while the host is down or restarting (up to a minute), or when its page did not load in time (the
    /// browser's timeout: a merchant clicks the link again), and counts it.
    /// </summary>
    public async Task ConsentAgainAsync(Func<Uri, Task> consent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consent);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await consent(BaseAddress);
                Reconsents++;
                return;
            }
            catch (Exception ex) when (attempt < 120 && ex is HttpRequestException or InvalidOperationException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(500, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Waits until the host has nothing left to do for the connections of <paramref name="progress"/>: no webhook delivery
    /// waiting for dispatch, no workflow pending, running or held (admission), and nothing <paramref name="outstanding"/> (per integration kind,
    /// source records the host has not picked up yet), twice in a row. Gives up at <paramref name="limit"/> (<see cref="ChaosSettleOutcome.TimedOut"/>),
    /// or earlier when the host has stopped making progress: the same workflows running, nothing pending or outstanding,
    /// for <paramref name="stallLimit"/>, while open failures exist (work waiting on a failure nobody replays would otherwise
    /// hold the wait until the limit; <see cref="ChaosSettleOutcome.Stalled"/>). When it gives up it returns what it last saw
    /// (the running instances, and the counts it was waiting on) so the report can name what did not finish.
    /// </summary>
    /// <remarks>
    /// Each look costs the storage a scan of the task hub's instance table per status listed, and the table holds every
    /// instance of the run (tens of thousands at 10,000 records; Azurite scans in one Node.js thread that the host's own
    /// work needs too). So it looks every <see cref="SettlePollInterval"/> (or three times as long as the last look took),
    /// lists each status once for every connection (filtering here; every page of it, one scan per 1,000 instances in that
    /// status, so a 10,000-record run is counted whole), lists the running workflows only when no delivery or
    /// source record is waiting, and the pending ones only when they decide (nothing running, or the same as last time), and
    /// both every <see cref="ChaosSettleProgress.ReportInterval"/> so <paramref name="progress"/> can write what each
    /// integration waits on (two scans every 30 seconds more).
    /// </remarks>
    public async Task<(ChaosSettleOutcome Outcome, IReadOnlyList<string> Running, string Waiting)> WaitUntilSettledAsync(
        ChaosSettleProgress progress,
        Func<CancellationToken, ValueTask<IReadOnlyDictionary<string, int>>> outstanding,
        TimeSpan limit,
        TimeSpan stallLimit,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(outstanding);
        var connections = progress.Connections;
        var now = TimeProvider.System.GetUtcNow();
        var deadline = now + limit;
        var quiet = 0;
        var (unchangedSince, lastRunning) = (now, new SortedSet<string>(StringComparer.Ordinal));
        var seenWaiting = string.Empty;
        while ((now = TimeProvider.System.GetUtcNow()) < deadline)
        {
            var intake = await CallAsync(api => api.GetIntakeAsync(cancellationToken), cancellationToken);
            var (intakePending, reportedBy) = (intake.GetProperty("pending").GetInt32(), await outstanding(cancellationToken));
            var reported = reportedBy.Values.Sum();

            // A progress line is due: list both statuses whatever else waits, so it can say what each integration waits on.
            var full = progress.ReportDue(now);
            var running = intakePending + reported == 0 || full ? await ListAsync("Running", connections, cancellationToken) : null;
            var runningIds = running is null ? null : new SortedSet<string>(running.Select(w => w.InstanceId), StringComparer.Ordinal);

            // Pending decides only when nothing runs (quiet) or the same workflows still run (a stall); else skip its scan.
            var pending = running is not null && (full || running.Count == 0 || runningIds!.SetEquals(lastRunning)) ? await ListAsync("Pending", connections, cancellationToken) : null;
            seenWaiting = $"{intakePending} deliveries in the intake, {reported} outstanding as the integrations report it, {pending?.Count.ToString(CultureInfo.InvariantCulture) ?? "unlisted"} workflows pending, "
                + (running is null ? $"{lastRunning.Count} running when last listed" : $"{running.Count} running");

            // Work held beyond a connection's running limit (admission) would still start, so it is asked about when nothing
            // else waits, and for a progress line (each connection's health: a health read lists the connection's instances,
            // so not on every look). Only such a look can call an integration done.
            var otherwiseQuiet = intakePending + reported == 0 && running?.Count == 0 && pending?.Count == 0;
            var heldBy = otherwiseQuiet || (full && running is not null && pending is not null) ? await HeldAsync(connections, cancellationToken) : null;
            progress.Observe(now, intakePending, reportedBy, running, pending, heldBy);
            var held = heldBy?.Values.Sum() ?? 0;
            if (held > 0)
            {
                seenWaiting += $", {held} held by admission";
            }

            quiet = intakePending + reported + held == 0 && running?.Count == 0 && pending?.Count == 0 ? quiet + 1 : 0;
            if (quiet >= 2)
            {
                return (ChaosSettleOutcome.Settled, [], string.Empty);
            }

            if (intakePending + reported > 0 || runningIds is null || pending?.Count is not 0 || !runningIds.SetEquals(lastRunning))
            {
                (unchangedSince, lastRunning) = (now, runningIds ?? lastRunning);
            }
            else if (now - unchangedSince >= stallLimit && await HasOpenFailuresAsync(connections, cancellationToken))
            {
                return (ChaosSettleOutcome.Stalled, [.. runningIds], seenWaiting);
            }

            // A look that took long (the scans grow with the run) is made less often, so the run's own looks never take more
            // than about a quarter of the storage's time from the host.
            var look = TimeProvider.System.GetUtcNow() - now;
            await Task.Delay(look * 3 > SettlePollInterval ? look * 3 : SettlePollInterval, cancellationToken);
        }

        return (ChaosSettleOutcome.TimedOut, [.. lastRunning], seenWaiting);
    }

    /// <summary>
    /// The workflows in <paramref name="status"/> on any of <paramref name="connectionIds"/>: every page of one listing
    /// (each page one scan of the Instances table on Azurite; <see cref="ListPageSize"/> instances a page, the most the
    /// host gives, so a status with up to 1,000 instances costs one scan as before and one with more is listed whole, not
    /// cut at the first page as it was).
    /// </summary>
    /// <returns>The workflows seen, and how many pages (scans) the listing took.</returns>
    internal static async Task<(List<ChaosWorkflowSeen> Workflows, int Pages)> ListAsync(OperatorApiClient api, string status, IReadOnlySet<string> connectionIds, int? pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        var (list, pages) = await api.ListWorkflowsAsync(status, null, pageSize, cancellationToken);
        List<ChaosWorkflowSeen> seen =
        [
            .. list.EnumerateArray()
                .Where(w => w.TryGetProperty("connectionId", out var id) && id.GetString() is { } connectionId && connectionIds.Contains(connectionId))
                .Select(w => new ChaosWorkflowSeen(w.GetProperty("instanceId").GetString()!, w.GetProperty("connectionId").GetString()!, w.TryGetProperty("name", out var name) ? name.GetString() ?? "?" : "?")),
        ];
        return (seen, pages);
    }

    /// <summary>One listing for the settle (<see cref="ListAsync(OperatorApiClient, string, IReadOnlySet{string}, int?, CancellationToken)"/>), waiting out a host that is down.</summary>
    private async Task<List<ChaosWorkflowSeen>> ListAsync(string status, IReadOnlySet<string> connectionIds, CancellationToken cancellationToken)
    {
        List<ChaosWorkflowSeen>? seen = null;
        await CallAsync(
            async api =>
            {
                (seen, var pages) = await ListAsync(api, status, connectionIds, ListPageSize, cancellationToken);
                ListingPages += pages;
                return default;
            },
            cancellationToken);
        return seen!;
    }

    /// <summary>The work held for each of <paramref name="connectionIds"/> (the health document's <c>heldWork</c>): starts waiting for their connection's running limit, or its resume.</summary>
    private async Task<Dictionary<string, int>> HeldAsync(IReadOnlySet<string> connectionIds, CancellationToken cancellationToken)
    {
        var held = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var connectionId in connectionIds)
        {
            held[connectionId] = (await CallAsync(api => api.HealthAsync(connectionId, cancellationToken), cancellationToken)).GetProperty("heldWork").GetInt32();
        }

        return held;
    }

    private async Task<bool> HasOpenFailuresAsync(IReadOnlySet<string> connectionIds, CancellationToken cancellationToken)
    {
        foreach (var connectionId in connectionIds)
        {
            if ((await CallAsync(api => api.ListFailuresAsync(connectionId, null, null, cancellationToken), cancellationToken)).GetProperty("failures").GetArrayLength() > 0)
            {
                return true;
            }
        }

        return false;
    }

    public async ValueTask DisposeAsync()
    {
        _api?.Dispose();
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }
}

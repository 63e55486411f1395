using System.Diagnostics;
using MlConnector.Cli.Demo;
using MlConnector.Core.Errors;
using MlConnector.Sandbox;

namespace MlConnector.Cli.Chaos;

/// <summary>
/// One chaos run over a started sandbox and host and the integrations set up on it: per phase, every integration's
/// deliveries mixed and made a few at a time (<see cref="ChaosOptions.DeliveryConcurrency"/>) with the host killed at
/// random deliveries; settle; reconcile; lift the faults; replay; reconcile again.
/// </summary>
internal sealed class ChaosRun(DemoSandbox sandbox, ChaosHost host, IReadOnlyList<IChaosIntegration> integrations, ChaosOptions options, Random random, Action<string> step)
{
    private static readonly TimeSpan DeliveryPatience = TimeSpan.FromMinutes(5);

    private readonly List<string> _problems = [];
    private readonly List<ChaosSettleTiming> _settles = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _lastSequence = new(StringComparer.Ordinal);
    private ChaosDeliverer? _deliverer;
    private int _duplicates;
    private int _outOfOrder;

    /// <summary>Makes the deliveries of every phase and counts them (accepted, retried while the host was down).</summary>
    private ChaosDeliverer Deliverer => _deliverer ??= new ChaosDeliverer(options.DeliveryConcurrency, DeliveryPatience, TimeSpan.FromMilliseconds(500), AddProblem);

    public async Task<ChaosSummary> RunAsync(Stopwatch clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var phases = integrations.Max(i => i.PhaseCount);

        // Exactly options.Kills kills: each falls in a random phase, at a random delivery of it (after it, when the phase is shorter).
        var killsByPhase = new int[phases];
        for (var k = 0; k < options.Kills; k++)
        {
            killsByPhase[random.Next(phases)]++;
        }

        EnableFaults();
        var killsDue = 0;
        for (var phase = 0; phase < phases; phase++)
        {
            var planned = new List<(IChaosIntegration Integration, IReadOnlyList<ChaosDelivery> Deliveries)>();
            foreach (var integration in integrations.Where(i => phase < i.PhaseCount))
            {
                planned.Add((integration, await integration.PlanPhaseAsync(phase, host, cancellationToken)));
            }

            var deliveries = Mix(planned);
            step($"Phase {phase}: {string.Join(", ", planned.Select(p => $"{p.Deliveries.Count} {p.Integration.Integration}"))} deliveries planned, mixed");
            var killAt = Enumerable.Range(0, deliveries.Count).OrderBy(_ => random.Next()).Take(killsByPhase[phase]).ToHashSet();
            killsDue += killsByPhase[phase];
            await DeliverAsync(phase, deliveries, killAt, cancellationToken);
            while (host.Kills < killsDue)
            {
                await host.KillAndRestartAsync(cancellationToken);
            }

            await SettleAsync($"phase {phase}", cancellationToken);
        }

        // Reconcile with the faults still on, then lift them and replay what failed visibly.
        var before = new Dictionary<IChaosIntegration, IReadOnlyDictionary<string, (ChaosRecordState State, ChaosFailure? Failure)>>();
        foreach (var integration in integrations)
        {
            before[integration] = integration.Reconcile(await ListFailuresAsync(integration, cancellationToken));
            var states = before[integration];
            step($"{integration.Integration} reconciled with the faults on: {Count(states, ChaosRecordState.Synced)} synced, {Count(states, ChaosRecordState.FailedVisibly)} failed visibly, {Count(states, ChaosRecordState.Unaccounted)} unaccounted, {Count(states, ChaosRecordState.Duplicated)} duplicated");
        }

        step("Lifting every fault; replaying poison deliveries and open failures through the operator routes");
        DisableFaults();
        var poison = (await host.CallAsync(api => api.ReplayPoisonAsync(cancellationToken), cancellationToken)).GetProperty("replayed").GetInt32();
        await SettleAsync("poison deliveries", cancellationToken);
        await ReplayFailuresAsync(cancellationToken);

        var results = new List<ChaosIntegrationResult>();
        foreach (var integration in integrations)
        {
            var after = integration.Reconcile(await ListFailuresAsync(integration, cancellationToken));
            results.Add(Result(integration, before[integration], after));
        }

        return new ChaosSummary
        {
            Seed = options.Seed,
            Integrations = results,
            Faults = Faults(poison),
            Problems = _problems,
            Settles = _settles,
            Simulators = [.. SharedSimulators().Select(s => ChaosSimulatorTraffic.Of(s.Vendor, s.Faults)), .. integrations.SelectMany(i => i.OwnSimulators).Select(s => ChaosSimulatorTraffic.Of(s.Simulator, s.Faults))],
            ElapsedSeconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
        };
    }

    private static int Count(IReadOnlyDictionary<string, (ChaosRecordState State, ChaosFailure? Failure)> states, ChaosRecordState state) =>
        states.Values.Count(s => s.State == state);

    private static ChaosIntegrationResult Result(
        IChaosIntegration integration,
        IReadOnlyDictionary<string, (ChaosRecordState State, ChaosFailure? Failure)> before,
        IReadOnlyDictionary<string, (ChaosRecordState State, ChaosFailure? Failure)> after)
    {
        var failed = before.Where(s => s.Value.State == ChaosRecordState.FailedVisibly).ToList();
        return new ChaosIntegrationResult(integration.Integration, integration.Records)
        {
            SyncedExactlyOnce = Count(after, ChaosRecordState.Synced),
            Duplicated = before.Keys.Count(k => before[k].State == ChaosRecordState.Duplicated || after[k].State == ChaosRecordState.Duplicated),
            Lost = Count(after, ChaosRecordState.Unaccounted),
            FailedVisibly = failed.Count,
            FailedVisiblyWithWhatToFix = failed.Count(s => !string.IsNullOrWhiteSpace(s.Value.Failure!.WhatToFix)),
            UnaccountedBeforeReplay = Count(before, ChaosRecordState.Unaccounted),
            ReplayedSuccessfully = failed.Count(s => after[s.Key].State == ChaosRecordState.Synced),
            FailedAfterReplay = Count(after, ChaosRecordState.FailedVisibly),
            WhatToFix = failed.GroupBy(s => s.Value.Failure!.ErrorKind + ": " + s.Value.Failure!.WhatToFix, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            Failures = [.. failed.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => ChaosVisibleFailure.Of(s.Key, s.Value.Failure!, after[s.Key].State == ChaosRecordState.Synced))],
            Faults = integration.CountFaults(),
        };
    }

    /// <summary>
    /// The simulators every integration shares, whose faults the run switches (the integrations' own are theirs). UPS is
    /// shared by <c>qbo-ups</c> and <c>freshbooks-ups</c>.
    /// </summary>
    private IReadOnlyList<(string Vendor, SimulatorFaults Faults, double ConcurrentEditRate)> SharedSimulators() =>
    [
        ("qbo", sandbox.Qbo.Faults, options.ConcurrentEditRate),
        ("shipstation", sandbox.ShipStation.Faults, 0),
        ("ups", sandbox.Ups.Faults, 0),
    ];

    /// <summary>
    /// Interleaves the integrations' deliveries at random, keeping each integration's own order of starts (its deliveries
    /// are already shuffled; with several in flight they may be accepted in another order, a fault class of its own).
    /// </summary>
    private List<(IChaosIntegration Integration, ChaosDelivery Delivery)> Mix(IReadOnlyList<(IChaosIntegration Integration, IReadOnlyList<ChaosDelivery> Deliveries)> planned)
    {
        var queues = planned.Select(p => (p.Integration, Queue: new Queue<ChaosDelivery>(p.Deliveries))).ToList();
        var left = queues.Sum(q => q.Queue.Count);
        var mixed = new List<(IChaosIntegration, ChaosDelivery)>(left);
        for (; left > 0; left--)
        {
            var roll = random.Next(left);
            var (integration, queue) = queues.First(q =>
            {
                roll -= q.Queue.Count;
                return roll < 0;
            });
            mixed.Add((integration, queue.Dequeue()));
        }

        return mixed;
    }

    private ChaosFaultCounts Faults(int poison)
    {
        var shared = SharedSimulators();
        int Sum(string faultClass) => integrations.Sum(i => i.CountFaults().GetValueOrDefault(faultClass));
        return new ChaosFaultCounts
        {
            ServerErrors = shared.Sum(s => s.Faults.ServerErrors) + Sum(ChaosFaultClasses.ServerErrors),
            RateLimits = shared.Sum(s => s.Faults.RateLimits) + Sum(ChaosFaultClasses.RateLimits),
            LostResponses = shared.Sum(s => s.Faults.LostResponses) + Sum(ChaosFaultClasses.LostResponses),
            StaleSyncTokens = sandbox.Qbo.Faults.ConcurrentEdits + Sum(ChaosFaultClasses.StaleSyncTokens),
            StaleEditSequences = Sum(ChaosFaultClasses.StaleEditSequences),
            QbdClosed = Sum(ChaosFaultClasses.QbdClosed),
            QbwcSessionsDropped = Sum(ChaosFaultClasses.QbwcSessionsDropped),
            PartnerRejections = Sum(ChaosFaultClasses.PartnerRejections),
            WebhookDeliveries = Deliverer.Accepted,
            DuplicateDeliveries = _duplicates,
            DeliveriesOutOfOrder = _outOfOrder,
            DeliveriesRetriedWhileHostDown = Deliverer.RetriedWhileDown,
            AccessTokensExpired = sandbox.Idp.AccessTokensExpiredEarly,
            RefusedRefreshes = sandbox.Idp.RefusedRefreshes,
            Reconsents = host.Reconsents,
            Kills = host.Kills,
            Restarts = host.Restarts,
            PoisonDeliveriesReplayed = poison,
        };
    }

    private void EnableFaults()
    {
        step($"Faults on: {options.ServerErrorRate:P0} 5xx, {options.RateLimitRate:P0} 429 with Retry-After, {options.LostResponseRate:P0} lost responses after the write, {options.ConcurrentEditRate:P0} stale SyncTokens / EditSequences");
        var seed = options.Seed;
        foreach (var (_, faults, concurrentEditRate) in SharedSimulators())
        {
            faults.Enable(options.ServerErrorRate, options.RateLimitRate, options.LostResponseRate, concurrentEditRate, seed++, options.GuaranteedFaults);
        }

        foreach (var integration in integrations)
        {
            integration.EnableFaults(options);
        }
    }

    private void DisableFaults()
    {
        foreach (var (_, faults, _) in SharedSimulators())
        {
            faults.Disable();
        }

        foreach (var integration in integrations)
        {
            integration.DisableFaults();
        }

        sandbox.Idp.FailWithInvalidGrant = false;
    }

    /// <summary>
    /// Makes a phase's deliveries through <see cref="Deliverer"/> (up to <see cref="ChaosOptions.DeliveryConcurrency"/> in
    /// flight, started in the mixed order); the host is killed just before those in <paramref name="killAt"/> start, while
    /// others are in flight (they are repeated until the restarted host accepts them). Web Connector sessions take turns by
    /// themselves (<see cref="QbdShipStationChaos"/>: one conversation at a time per connection). In phase 0 the shared
    /// OAuth server expires every access token a third of the way through, and from two thirds refuses every refresh until
    /// the host has met the refusal; then every integration consents again.
    /// </summary>
    private async Task DeliverAsync(int phase, List<(IChaosIntegration Integration, ChaosDelivery Delivery)> deliveries, HashSet<int> killAt, CancellationToken cancellationToken)
    {
        var tokenFaults = phase == 0;
        var (expireAt, refuseFrom, refuseUntil) = (deliveries.Count / 3, 2 * deliveries.Count / 3, (2 * deliveries.Count / 3) + Math.Max(3, deliveries.Count / 10));
        var refusedBefore = 0;
        var refusing = false;
        await Deliverer.MakeAsync([.. deliveries.Select(d => d.Delivery)], BeforeStartAsync, (started, accepted) => step($"Phase {phase}: {started} of {deliveries.Count} deliveries started, {accepted} accepted"), cancellationToken);
        step($"Phase {phase}: all {deliveries.Count} deliveries made");
        if (refusing)
        {
            await ReconsentAsync(refusedBefore, cancellationToken);
        }

        async Task BeforeStartAsync(int i, CancellationToken ct)
        {
            if (killAt.Contains(i))
            {
                await host.KillAndRestartAsync(ct);
            }

            if (tokenFaults && i == expireAt)
            {
                step("Every access token of the OAuth server expires now");
                sandbox.Idp.ExpireAccessTokens();
            }
            else if (tokenFaults && i == refuseFrom)
            {
                step("Access tokens expire and the OAuth server refuses every refresh (invalid_grant) until the merchant consents again");
                refusedBefore = sandbox.Idp.RefusedRefreshes;
                refusing = true;
                sandbox.Idp.FailWithInvalidGrant = true;
                sandbox.Idp.ExpireAccessTokens();
            }
            else if (refusing && i >= refuseUntil)
            {
                refusing = false;
                await ReconsentAsync(refusedBefore, ct);
            }

            var (integration, delivery) = deliveries[i];
            var stream = $"{integration.Integration}:{phase}";
            if (delivery.IsWebhook)
            {
                _outOfOrder += _lastSequence.TryGetValue(stream, out var last) && delivery.Sequence < last ? 1 : 0;
                _lastSequence[stream] = delivery.Sequence;
                _duplicates += _seen.Add($"{stream}:{delivery.Sequence}") ? 0 : 1;
            }
        }
    }

    private void AddProblem(string problem)
    {
        lock (_problems)
        {
            _problems.Add(problem);
        }
    }

    /// <summary>
    /// Waits until the host has met the refusal and recorded the work it stopped as failures that need consent (as a
    /// merchant reconnects after being told, not in the same second), then lifts it and has every integration consent
    /// again; the host replays those failures itself on the consent.
    /// </summary>
    private async Task ReconsentAsync(int refusedBefore, CancellationToken cancellationToken)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddMinutes(2);
        while (sandbox.Idp.RefusedRefreshes <= refusedBefore && TimeProvider.System.GetUtcNow() < deadline)
        {
            await Task.Delay(250, cancellationToken);
        }

        deadline = TimeProvider.System.GetUtcNow().AddMinutes(1);
        while (sandbox.Idp.RefusedRefreshes > refusedBefore && !await AnyNeedsReconsentAsync(cancellationToken) && TimeProvider.System.GetUtcNow() < deadline)
        {
            await Task.Delay(500, cancellationToken);
        }

        sandbox.Idp.FailWithInvalidGrant = false;
        step($"The merchant consents again ({sandbox.Idp.RefusedRefreshes - refusedBefore} refreshes were refused)");
        foreach (var integration in integrations)
        {
            await integration.ReconsentAsync(host, cancellationToken);
        }
    }

    private async Task<bool> AnyNeedsReconsentAsync(CancellationToken cancellationToken)
    {
        foreach (var integration in integrations)
        {
            if ((await ListFailuresAsync(integration, cancellationToken)).Any(f => f.ErrorKind == nameof(ErrorKind.NeedsReconsent)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Replays the open failures once each, lowest <see cref="IChaosIntegration.ReplayRank"/> first, settling after each rank.</summary>
    private async Task ReplayFailuresAsync(CancellationToken cancellationToken)
    {
        var replayed = new HashSet<string>(StringComparer.Ordinal);
        var ranks = new SortedSet<int>();
        foreach (var integration in integrations)
        {
            ranks.UnionWith((await ListFailuresAsync(integration, cancellationToken)).Select(integration.ReplayRank));
        }

        foreach (var rank in ranks)
        {
            var ids = new List<string>();
            foreach (var integration in integrations)
            {
                ids.AddRange((await ListFailuresAsync(integration, cancellationToken)).Where(f => integration.ReplayRank(f) == rank && replayed.Add(f.Id)).Select(f => f.Id));
            }

            foreach (var chunk in ids.Chunk(100))
            {
                await host.CallAsync(api => api.ReplayFailuresAsync(chunk, cancellationToken), cancellationToken);
            }

            await SettleAsync($"replayed failures of rank {rank}", cancellationToken);
        }
    }

    private async Task SettleAsync(string what, CancellationToken cancellationToken)
    {
        step($"Waiting until the host has finished the {what}");
        var progress = new ChaosSettleProgress(what, [.. integrations.Select(i => (i.Integration, i.Connections, i.OutstandingKind))], TimeProvider.System.GetUtcNow(), step);
        var (outcome, running, waiting) = await host.WaitUntilSettledAsync(progress, OutstandingAsync, options.SettleLimit, options.StallLimit, cancellationToken);
        var timing = progress.Finish(TimeProvider.System.GetUtcNow(), outcome);
        _settles.Add(timing);
        step($"The {what} settled in {timing.Seconds} s ({outcome}); each integration done at: {string.Join(", ", timing.Integrations.Select(i => $"{i.Key} {(i.Value is { } s ? s.ToString(CultureInfo.InvariantCulture) + " s" : "never")}"))}");
        if (outcome == ChaosSettleOutcome.TimedOut)
        {
            var examples = running.Count == 0 ? string.Empty : $"; for example {string.Join(", ", running.Take(5))}";
            AddProblem($"The host had not finished the {what} {options.SettleLimit.TotalMinutes} minutes after the last delivery (last seen: {waiting}{examples}).");
            step(_problems[^1]);
        }
        else if (outcome == ChaosSettleOutcome.Stalled)
        {
            AddProblem($"The host stopped making progress on the {what}: {running.Count} workflow(s) running unchanged for {options.StallLimit.TotalMinutes} minutes while failures are open (for example {string.Join(", ", running.Take(3))}).");
            step(_problems[^1]);
        }
    }

    /// <summary>What each integration reports outstanding (<see cref="IChaosIntegration.OutstandingAsync"/>), by kind.</summary>
    private async ValueTask<IReadOnlyDictionary<string, int>> OutstandingAsync(CancellationToken cancellationToken)
    {
        var outstanding = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var integration in integrations)
        {
            outstanding[integration.Integration] = await integration.OutstandingAsync(cancellationToken);
        }

        return outstanding;
    }

    private async Task<IReadOnlyList<ChaosFailure>> ListFailuresAsync(IChaosIntegration integration, CancellationToken cancellationToken)
    {
        var failures = new List<ChaosFailure>();
        foreach (var connection in integration.Connections)
        {
            failures.AddRange(ChaosFailure.Parse(await host.CallAsync(api => api.ListFailuresAsync(connection, null, null, cancellationToken), cancellationToken)));
        }

        return failures;
    }
}

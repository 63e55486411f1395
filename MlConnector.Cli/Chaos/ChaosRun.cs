using System.Diagnostics;
using MlConnector.Cli.Demo;

namespace MlConnector.Cli.Chaos;

/// <summary>One chaos run over a started sandbox and host: drive, kill, settle, lift, replay, reconcile.</summary>
internal sealed class ChaosRun(DemoSandbox sandbox, ChaosHost host, ChaosOptions options, Random random, Action<string> step)
{
    private static readonly TimeSpan DeliveryPatience = TimeSpan.FromMinutes(5);

    private readonly ShipStationQboChaos _shipStationQbo = new(sandbox, random);
    private readonly List<string> _problems = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private HashSet<int> _killAt = [];
    private int _index;
    private int _deliveries;
    private int _duplicates;
    private int _outOfOrder;
    private int _retriedWhileDown;
    private int _reconsents;

    public async Task<ChaosSummary> RunAsync(Stopwatch clock, CancellationToken cancellationToken)
    {
        string[] connections = [ShipStationQboChaos.Connection];
        var orders = _shipStationQbo.ImportOrders(options.Records);
        step($"{options.Records} orders imported into ShipStation; {orders.Count} ORDER_NOTIFY deliveries planned (1–3 per batch, shuffled)");

        // The kills fall on random deliveries of both phases (the shipments phase plans about as many deliveries).
        _killAt = [.. Enumerable.Range(1, Math.Max(1, (orders.Count * 2) - 1)).OrderBy(_ => random.Next()).Take(options.Kills)];
        EnableFaults();
        await DeliverAsync("ORDER_NOTIFY", orders, tokenFaults: true, cancellationToken);
        await SettleAsync("orders", connections, cancellationToken);

        var shipments = _shipStationQbo.ShipOrders();
        step($"Every order shipped in ShipStation; {shipments.Count} SHIP_NOTIFY deliveries planned (1–3 per batch, shuffled)");
        await DeliverAsync("SHIP_NOTIFY", shipments, tokenFaults: false, cancellationToken);
        while (host.Kills < options.Kills)
        {
            await host.KillAndRestartAsync(cancellationToken);
        }

        await SettleAsync("shipments", connections, cancellationToken);

        // Reconcile with the faults still on, then lift them and replay what failed visibly.
        var failures = await ListFailuresAsync(cancellationToken);
        var before = _shipStationQbo.Reconcile(failures);
        step($"Reconciled with the faults on: {Count(before, ChaosRecordState.Synced)} synced, {Count(before, ChaosRecordState.FailedVisibly)} failed visibly, {Count(before, ChaosRecordState.Unaccounted)} unaccounted, {Count(before, ChaosRecordState.Duplicated)} duplicated");
        step("Lifting every fault; replaying poison deliveries and open failures through the operator routes");
        DisableFaults();
        var poison = (await host.CallAsync(api => api.ReplayPoisonAsync(cancellationToken), cancellationToken)).GetProperty("replayed").GetInt32();
        await SettleAsync("poison deliveries", connections, cancellationToken);

        // Orders first, then shipments (a shipment needs its order's invoice); each failure is replayed once.
        await ReplayAsync((await ListFailuresAsync(cancellationToken)).Where(f => IsOrder(f)), cancellationToken);
        await SettleAsync("replayed orders", connections, cancellationToken);
        await ReplayAsync((await ListFailuresAsync(cancellationToken)).Where(f => !IsOrder(f)), cancellationToken);
        await SettleAsync("replayed shipments", connections, cancellationToken);

        var after = _shipStationQbo.Reconcile(await ListFailuresAsync(cancellationToken));
        var result = Result(ShipStationQboChaos.Integration, _shipStationQbo.Records, before, after);
        return new ChaosSummary
        {
            Seed = options.Seed,
            Integrations = [result],
            Faults = new ChaosFaultCounts
            {
                ServerErrors = sandbox.Qbo.Faults.ServerErrors + sandbox.ShipStation.Faults.ServerErrors,
                RateLimits = sandbox.Qbo.Faults.RateLimits + sandbox.ShipStation.Faults.RateLimits,
                LostResponses = sandbox.Qbo.Faults.LostResponses + sandbox.ShipStation.Faults.LostResponses,
                StaleSyncTokens = sandbox.Qbo.Faults.ConcurrentEdits,
                WebhookDeliveries = _deliveries,
                DuplicateDeliveries = _duplicates,
                DeliveriesOutOfOrder = _outOfOrder,
                DeliveriesRetriedWhileHostDown = _retriedWhileDown,
                AccessTokensExpired = sandbox.Idp.AccessTokensExpiredEarly,
                RefusedRefreshes = sandbox.Idp.RefusedRefreshes,
                Reconsents = _reconsents,
                Kills = host.Kills,
                Restarts = host.Restarts,
                PoisonDeliveriesReplayed = poison,
            },
            Problems = _problems,
            ElapsedSeconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
        };
    }

    private static bool IsOrder(ChaosFailure failure) => failure.BusinessKey?.StartsWith("order:", StringComparison.Ordinal) == true;

    private static int Count(IReadOnlyDictionary<string, (ChaosRecordState State, ChaosFailure? Failure)> states, ChaosRecordState state) =>
        states.Values.Count(s => s.State == state);

    private static ChaosIntegrationResult Result(
        string integration,
        int records,
        IReadOnlyDictionary<string, (ChaosRecordState State, ChaosFailure? Failure)> before,
        IReadOnlyDictionary<string, (ChaosRecordState State, ChaosFailure? Failure)> after)
    {
        var failed = before.Where(s => s.Value.State == ChaosRecordState.FailedVisibly).ToList();
        return new ChaosIntegrationResult(integration, records)
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
        };
    }

    private void EnableFaults()
    {
        step($"Faults on: {options.ServerErrorRate:P0} 5xx, {options.RateLimitRate:P0} 429 with Retry-After, {options.LostResponseRate:P0} lost responses after the write, {options.ConcurrentEditRate:P0} stale SyncTokens");
        sandbox.Qbo.Faults.Enable(options.ServerErrorRate, options.RateLimitRate, options.LostResponseRate, options.ConcurrentEditRate, options.Seed);
        sandbox.ShipStation.Faults.Enable(options.ServerErrorRate, options.RateLimitRate, options.LostResponseRate, 0, options.Seed + 1);
    }

    private void DisableFaults()
    {
        sandbox.Qbo.Faults.Disable();
        sandbox.ShipStation.Faults.Disable();
        sandbox.Idp.FailWithInvalidGrant = false;
    }

    private async Task DeliverAsync(string what, IReadOnlyList<ChaosDelivery> deliveries, bool tokenFaults, CancellationToken cancellationToken)
    {
        var (expireAt, refuseFrom, refuseUntil) = (deliveries.Count / 3, 2 * deliveries.Count / 3, (2 * deliveries.Count / 3) + Math.Max(3, deliveries.Count / 10));
        var refusedBefore = 0;
        var last = -1;
        for (var i = 0; i < deliveries.Count; i++)
        {
            if (_killAt.Contains(_index++))
            {
                await host.KillAndRestartAsync(cancellationToken);
            }

            if (tokenFaults && i == expireAt)
            {
                step("Every QBO access token expires now");
                sandbox.Idp.ExpireAccessTokens();
            }
            else if (tokenFaults && i == refuseFrom)
            {
                step("QBO tokens expire and the OAuth server refuses every refresh (invalid_grant) until the merchant consents again");
                refusedBefore = sandbox.Idp.RefusedRefreshes;
                sandbox.Idp.FailWithInvalidGrant = true;
                sandbox.Idp.ExpireAccessTokens();
            }
            else if (tokenFaults && i == Math.Min(refuseUntil, deliveries.Count - 1))
            {
                await ReconsentAsync(refusedBefore, cancellationToken);
            }

            var delivery = deliveries[i];
            _outOfOrder += delivery.Sequence < last ? 1 : 0;
            last = delivery.Sequence;
            _duplicates += _seen.Add($"{what}:{delivery.Sequence}") ? 0 : 1;
            await DeliverOneAsync(delivery, cancellationToken);
            if ((i + 1) % Math.Max(1, deliveries.Count / 10) == 0)
            {
                step($"{what}: {i + 1} of {deliveries.Count} deliveries made");
            }
        }
    }

    private async Task DeliverOneAsync(ChaosDelivery delivery, CancellationToken cancellationToken)
    {
        var deadline = TimeProvider.System.GetUtcNow() + DeliveryPatience;
        while (true)
        {
            int? status;
            try
            {
                status = await delivery.SendAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                status = null;
            }

            if (status is >= 200 and < 300)
            {
                _deliveries++;
                return;
            }

            _retriedWhileDown += status is null ? 1 : 0;
            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                _problems.Add($"A delivery about {delivery.Record} was not accepted within {DeliveryPatience.TotalMinutes} minutes (last status {status?.ToString(CultureInfo.InvariantCulture) ?? "unreachable"}).");
                return;
            }

            await Task.Delay(500, cancellationToken);
        }
    }

    /// <summary>Waits until the host has met the refusal, then lifts it and consents again to the same company.</summary>
    private async Task ReconsentAsync(int refusedBefore, CancellationToken cancellationToken)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddMinutes(2);
        while (sandbox.Idp.RefusedRefreshes <= refusedBefore && TimeProvider.System.GetUtcNow() < deadline)
        {
            await Task.Delay(250, cancellationToken);
        }

        sandbox.Idp.FailWithInvalidGrant = false;
        sandbox.Idp.ConsentRealmId = sandbox.RealmId;
        step($"The merchant consents again ({sandbox.Idp.RefusedRefreshes - refusedBefore} refreshes were refused)");
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await DemoSandbox.FollowConsentAsync(host.BaseAddress, ShipStationQboChaos.Connection, cancellationToken);
                _reconsents++;
                return;
            }
            catch (Exception ex) when (attempt < 120 && ex is HttpRequestException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(500, cancellationToken);
            }
        }
    }

    private async Task SettleAsync(string what, IReadOnlyList<string> connections, CancellationToken cancellationToken)
    {
        step($"Waiting until the host has finished the {what}");
        if (!await host.WaitUntilSettledAsync(connections, options.SettleLimit, cancellationToken))
        {
            _problems.Add($"The host had not finished the {what} {options.SettleLimit.TotalMinutes} minutes after the last delivery.");
        }
    }

    private async Task<IReadOnlyList<ChaosFailure>> ListFailuresAsync(CancellationToken cancellationToken) =>
        ChaosFailure.Parse(await host.CallAsync(api => api.ListFailuresAsync(ShipStationQboChaos.Connection, null, null, cancellationToken), cancellationToken));

    private async Task ReplayAsync(IEnumerable<ChaosFailure> failures, CancellationToken cancellationToken)
    {
        foreach (var chunk in failures.Select(f => f.Id).Chunk(100))
        {
            await host.CallAsync(api => api.ReplayFailuresAsync(chunk, cancellationToken), cancellationToken);
        }
    }
}

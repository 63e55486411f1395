using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using MlConnector.Cli.Operator;
using MlConnector.Cli.Serve;
using MlConnector.Core.Audit;
using MlConnector.Core.Auth;
using MlConnector.Core.Connectors.Ups;
using MlConnector.Core.Intake.QuickBooksOnline;
using MlConnector.Core.Integrations.QboUps;
using MlConnector.Core.Shipping.Ups;
using MlConnector.Core.Workflows;
using MlConnector.Sandbox.QuickBooksOnline;
using MlConnector.Sandbox.Ups;

namespace MlConnector.Cli.Demo;

/// <summary>
/// The QBO ↔ UPS phase of the demo, on the sandbox's <c>qbo-ups</c> connection: purchase orders created in QBO arrive as
/// signed webhooks (legacy and CloudEvents, one delivery sent twice, one event dropped, one forged delivery), the CDC
/// reconcile finds the dropped one, one PO's ship-to address is ambiguous to UPS until it is corrected in QBO and the
/// failed workflow is replayed, UPS delivers every package and Track Alert reports it, and the QBO company and the UPS
/// simulator are then checked PO by PO.
/// </summary>
internal sealed class QboUpsDemoPhase(DemoProgress progress)
{
    private const string ConnectionId = DemoSandbox.QboUpsConnectionId;

    /// <summary>The purchase order a forged delivery names: it does not exist, so any workflow for it would show the forgery got through.</summary>
    internal const string ForgedPurchaseOrderId = "990001";

    public async Task<QboUpsDemoSummary> RunAsync(DemoSandbox sandbox, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var startedUtc = TimeProvider.System.GetUtcNow();
        var problems = new List<string>();
        var (qbo, ups, services, realmId) = (sandbox.Qbo, sandbox.Ups, sandbox.Host.Services, sandbox.UpsRealmId);
        var workflows = services.GetRequiredService<IWorkflowClient>();

        progress.Step("QuickBooks Online ↔ UPS: seeding Demo Outfitters' suppliers and items in its own QuickBooks Online company");
        qbo.Seed(realmId, QboUpsDemoCatalog.SuppliersAndItemsJson());
        ups.SeedAddressResult(QboUpsDemoCatalog.AmbiguousShipTo, UpsAddressClassification.Ambiguous, QboUpsDemoCatalog.AmbiguousCandidates);

        // Three batches of purchase orders: the first delivered in the legacy format with both companies' changes and sent
        // again by "Intuit"; the second as CloudEvents with one event lost; the third as CloudEvents, one company per delivery.
        var orders = QboUpsDemoCatalog.PurchaseOrders(DateOnly.FromDateTime(startedUtc.UtcDateTime));
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var deliveries = new List<QboSimulatorWebhookDelivery>();
        var sandboxRealmHadEvents = qbo.GetPendingWebhookChanges().Any(c => c.RealmId == sandbox.RealmId);
        progress.Step($"Creating {orders.Count} purchase orders in QuickBooks Online; QBO sends signed webhooks (legacy and CloudEvents)");
        Create(orders.Take(4));
        var legacy = await qbo.SendWebhooksAsync(new QboSimulatorWebhookOptions(), cancellationToken);
        deliveries.AddRange(legacy);
        var redelivery = legacy.Count > 0 ? await qbo.RedeliverAsync(legacy[^1], cancellationToken) : null;
        Create(orders.Skip(4).Take(4));
        var dropped = orders[6].DocNumber;
        deliveries.AddRange(await qbo.SendWebhooksAsync(
            new QboSimulatorWebhookOptions { Format = QboSimulatorWebhookFormat.CloudEvents, Drop = c => c.EntityName == "PurchaseOrder" && c.EntityId == ids[dropped] },
            cancellationToken));
        Create(orders.Skip(8));
        var last = await qbo.SendWebhooksAsync(new QboSimulatorWebhookOptions { Format = QboSimulatorWebhookFormat.CloudEvents, OneRealmPerDelivery = true }, cancellationToken);
        deliveries.AddRange(last);
        if (redelivery is not null)
        {
            deliveries.Add(redelivery);
        }

        problems.AddRange(deliveries.Where(d => d.StatusCode != 200).Select(d => $"A QBO webhook delivery was answered {d.StatusCode}: {d.ResponseBody}"));

        // The deliveries were recorded and answered; their events are dispatched off the request path. Once the intake has
        // dispatched them all, the redelivery's event must show in the audit trail as a suppressed duplicate.
        await sandbox.WaitForIntakeAsync(cancellationToken);
        var audit = services.GetRequiredService<IAuditTrail>();
        if (redelivery?.StatusCode != 200 || (await DuplicatesAsync(audit, startedUtc, cancellationToken)).Count == 0)
        {
            problems.Add("The redelivered webhook was not suppressed as a duplicate.");
        }

        var multiRealm = deliveries.Count(d => d.Changes.Select(c => c.RealmId).Distinct(StringComparer.Ordinal).Count() > 1);
        if (sandboxRealmHadEvents && multiRealm == 0)
        {
            problems.Add("No webhook delivery carried events of both demo companies.");
        }

        // A forged delivery: the last genuine body, changed to name another purchase order, under its old signature.
        var instancesBefore = (await workflows.ListAsync(connectionId: ConnectionId, cancellationToken: cancellationToken)).Count;
        var forged = last.Count > 0 ? await qbo.RedeliverAsync(Forge(last[^1]), cancellationToken) : null;
        var instancesAfter = (await workflows.ListAsync(connectionId: ConnectionId, cancellationToken: cancellationToken)).Count;
        var forgedRejected = forged?.StatusCode == 401 && instancesAfter == instancesBefore
            && await workflows.GetStatusAsync(QboUpsKeys.PurchaseOrderInstance(ConnectionId, ForgedPurchaseOrderId), cancellationToken) is null;
        if (!forgedRejected)
        {
            problems.Add($"The forged QBO delivery was answered {forged?.StatusCode} and the connection's workflows went from {instancesBefore} to {instancesAfter}; it must be refused with 401 and start nothing.");
        }

        string Instance(string docNumber) => QboUpsKeys.PurchaseOrderInstance(ConnectionId, ids[docNumber]);
        await progress.WaitForAsync(
            "Validating, rating and shipping the delivered purchase orders with UPS and posting their costs as QBO bills",
            [.. orders.Where(o => o.DocNumber != dropped).Select(o => Instance(o.DocNumber))],
            workflows,
            cancellationToken);

        progress.Step("Running the QBO change-data-capture reconcile (the poll that catches what webhooks missed)");
        await services.GetRequiredService<QboChangeReconcileJob>().RunAsync(TimeProvider.System.GetUtcNow(), cancellationToken);
        if (await workflows.GetStatusAsync(Instance(dropped), cancellationToken) is null)
        {
            problems.Add($"PO {dropped}, whose webhook was dropped, was not found by the CDC reconcile.");
        }
        else
        {
            await progress.WaitForAsync("Shipping the purchase order CDC found", [Instance(dropped)], workflows, cancellationToken);
        }

        var foundByCdc = await AuditAsync(audit, startedUtc, QboEventsNames.CdcOperation, AuditOutcome.Succeeded, null, cancellationToken);
        if (!foundByCdc.Any(r => r.BusinessKey == "PurchaseOrder:" + ids[dropped]))
        {
            problems.Add($"The audit trail does not show CDC starting PO {dropped}.");
        }

        // The ambiguous address: failed before any shipment, with UPS's candidates in the trail.
        var ambiguous = orders[QboUpsDemoCatalog.AmbiguousIndex].DocNumber;
        var failures = new List<DemoFailure>();
        foreach (var failed in await workflows.ListFailedAsync(ConnectionId, cancellationToken))
        {
            var docNumber = orders.FirstOrDefault(o => Instance(o.DocNumber) == failed.InstanceId).DocNumber ?? failed.InstanceId;
            failures.Add(new DemoFailure(docNumber, failed.Failure?.Kind.ToString() ?? "Unknown", failed.Failure?.Message ?? "(no reason recorded)", failed.InstanceId));
        }

        var candidatesInTrail = (await AuditAsync(audit, startedUtc, "ups.address.validate", AuditOutcome.Failed, Instance(ambiguous), cancellationToken))
            .Any(r => QboUpsDemoCatalog.AmbiguousCandidates.All(c => r.Detail?.Contains(c.AddressLines[0], StringComparison.OrdinalIgnoreCase) == true));
        var shippedBeforeFix = ShipmentsFor(ups, ambiguous).Count;
        if (failures.Count != 1 || failures[0].OrderNumber != ambiguous || failures[0].ErrorKind != "Validation" || !candidatesInTrail || shippedBeforeFix != 0)
        {
            problems.Add($"Expected exactly one failed purchase order, {ambiguous}, failed on its ambiguous address before any shipment with UPS's candidates in its audit trail; "
                + $"found {failures.Count} failure(s), candidates in the trail: {candidatesInTrail}, shipments before the fix: {shippedBeforeFix}.");
        }

        progress.Step($"PO {ambiguous}: correcting the ship-to street in QuickBooks Online to \"{QboUpsDemoCatalog.CorrectedStreet}\" and replaying it through the operator API");
        qbo.TouchEntity(realmId, "PurchaseOrder", ids[ambiguous], po => po["ShipAddr"]!["Line2"] = QboUpsDemoCatalog.CorrectedStreet);
        ups.SeedAddressResult(QboUpsDemoCatalog.CorrectedShipTo, UpsAddressClassification.Valid);
        var correction = await qbo.SendWebhooksAsync(new QboSimulatorWebhookOptions(), cancellationToken);
        deliveries.AddRange(correction);
        var replayed = await ReplayAsync(sandbox.Host, Instance(ambiguous), problems, cancellationToken);
        if (replayed is not null)
        {
            await progress.WaitForAsync($"Replaying PO {ambiguous}", [replayed], workflows, cancellationToken);
        }

        var replaySucceeded = replayed is not null
            && (await workflows.GetStatusAsync(replayed, cancellationToken))?.RuntimeStatus == WorkflowRuntimeStatus.Completed
            && ShipmentsFor(ups, ambiguous).Count == 1;
        if (!replaySucceeded)
        {
            problems.Add($"The replay of PO {ambiguous} after the address fix did not complete with exactly one UPS shipment.");
        }

        progress.Step("UPS delivers every package; Track Alert pushes each delivery to ml-connector");
        var pushes = new List<UpsTrackAlertPush>();
        foreach (var trackingNumber in ups.GetShipments().Where(s => !s.Voided).SelectMany(s => s.TrackingNumbers))
        {
            pushes.AddRange(await ups.DeliverAsync(trackingNumber, cancellationToken));
        }

        problems.AddRange(pushes.Where(p => p.StatusCode != 200).Select(p => $"The Track Alert push for {p.TrackingNumber} was answered {p.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? p.Error}."));
        var trackingInstances = pushes.Where(p => p.StatusCode == 200).Select(p => TrackingInstance(p.Body)).Distinct(StringComparer.Ordinal).ToList();
        await progress.WaitForAsync("Writing the delivery status into the bills' memos", trackingInstances, workflows, cancellationToken);

        progress.Step("Running the UPS tracking poll and the Track Alert renewal once");
        var polled = await services.GetRequiredService<UpsTrackingPollJob>().PollAsync(ConnectionId, cancellationToken);
        var renewed = await services.GetRequiredService<UpsTrackAlertRenewalJob>().RenewAsync(ConnectionId, cancellationToken);

        await sandbox.WaitForIntakeAsync(cancellationToken);
        var duplicates = await DuplicatesAsync(audit, startedUtc, cancellationToken);
        progress.Step("Checking the UPS shipments and the QuickBooks Online bills purchase order by purchase order");
        var check = CheckCompany(qbo, ups, realmId, orders, problems);
        var tokenRequests = ups.GetTokenRequestCount(DemoSandbox.UpsClientId);
        var quota = services.GetRequiredService<IOptions<OAuthOptions>>().Value.Providers[UpsAuthHandler.Provider].DailyTokenRequestQuota;
        if (tokenRequests > quota)
        {
            problems.Add($"ml-connector asked UPS for {tokenRequests} tokens; the daily quota is {quota}.");
        }

        return new QboUpsDemoSummary
        {
            PurchaseOrdersReceived = orders.Count,
            WebhookDeliveries = deliveries.Count,
            MultiRealmDeliveries = multiRealm,
            DuplicatesSuppressed = duplicates.Count,
            ForgedDeliveriesRejected = forgedRejected ? 1 : 0,
            FoundByCdc = foundByCdc.Count,
            UpsShipmentsCreated = ups.ShipmentCreateCount,
            PurchaseOrdersWithExactlyOneShipment = check.ExactlyOneShipment,
            ValidPurchaseOrders = orders.Count,
            BillsPosted = qbo.Count(realmId, "Bill"),
            BillsWithShipmentCost = check.WithCost,
            ShippingCostPosted = check.CostTotal,
            AddressFailures = failures,
            ReplaysSucceeded = replaySucceeded ? 1 : 0,
            TrackAlertPushes = pushes.Count(p => p.StatusCode == 200),
            TrackingUpdatesApplied = check.Delivered,
            TrackingPollUpdatesStarted = polled,
            TrackAlertSubscriptionsRenewed = renewed.Accepted,
            UpsTokenRequests = tokenRequests,
            UpsDailyTokenQuota = quota,
            Problems = problems,
            ElapsedSeconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
            Passed = problems.Count == 0 && forgedRejected && replaySucceeded
                && check.ExactlyOneShipment == orders.Count && check.WithCost == orders.Count && check.Delivered == orders.Count,
        };

        void Create(IEnumerable<(string DocNumber, string Json)> batch)
        {
            foreach (var order in batch)
            {
                ids[order.DocNumber] = QboUpsDemoCatalog.Create(qbo, realmId, order);
            }
        }
    }

    /// <summary>Every PO has one UPS shipment (by its reference <c>PO {number}</c>) and one bill <c>UPS-{number}</c> to the UPS vendor, charged to Freight In, for the shipment's charge, whose memo says Delivered.</summary>
    private static (int ExactlyOneShipment, int WithCost, decimal CostTotal, int Delivered) CheckCompany(
        QuickBooksOnlineSimulator qbo,
        UpsSimulator ups,
        string realmId,
        IReadOnlyList<(string DocNumber, string Json)> orders,
        List<string> problems)
    {
        var bills = qbo.GetEntities(realmId, "Bill").ToLookup(b => (string?)b["DocNumber"] ?? string.Empty, StringComparer.Ordinal);
        int exactlyOne = 0, withCost = 0, delivered = 0;
        decimal total = 0;
        foreach (var (docNumber, _) in orders)
        {
            var shipments = ShipmentsFor(ups, docNumber);
            if (shipments.Count == 1)
            {
                exactlyOne++;
            }
            else
            {
                problems.Add($"PO {docNumber} has {shipments.Count} UPS shipments (expected exactly 1).");
            }

            // QboUpsMapper.DocNumberFor: UPS-{PO number}.
            var mine = bills["UPS-" + docNumber].ToList();
            if (mine.Count != 1)
            {
                problems.Add($"PO {docNumber} has {mine.Count} bills in QBO (expected exactly 1).");
                continue;
            }

            var bill = mine[0];
            var amount = (decimal?)bill["TotalAmt"];
            var charge = shipments.Count == 1 ? shipments[0].NegotiatedCharge ?? shipments[0].TotalCharge : (decimal?)null;
            var account = (string?)bill["Line"]?[0]?["AccountBasedExpenseLineDetail"]?["AccountRef"]?["value"];
            if (amount is not null && amount == charge && (string?)bill["VendorRef"]?["value"] == QboUpsDemoCatalog.UpsVendorId && account == QboUpsDemoCatalog.FreightInAccountId)
            {
                withCost++;
                total += amount.Value;
            }
            else
            {
                problems.Add($"The bill of PO {docNumber} is {amount} to account {account}; expected the UPS charge {charge} to Freight In, owed to UPS.");
            }

            if (((string?)bill["PrivateNote"])?.Contains("Delivered", StringComparison.Ordinal) == true)
            {
                delivered++;
            }
            else
            {
                problems.Add($"The bill of PO {docNumber} does not say Delivered: {(string?)bill["PrivateNote"]}");
            }
        }

        return (exactlyOne, withCost, total, delivered);
    }

    private static List<UpsSimulatedShipment> ShipmentsFor(UpsSimulator ups, string docNumber) =>
        [.. ups.GetShipments().Where(s => !s.Voided && s.ReferenceNumber == "PO " + docNumber)];

    /// <summary>The tracking workflow a Track Alert push starts: one per package and status (<see cref="QboUpsKeys.TrackingInstance"/>).</summary>
    private static string TrackingInstance(string pushBody)
    {
        var status = UpsTrackAlertPayload.Parse(Encoding.UTF8.GetBytes(pushBody));
        return QboUpsKeys.TrackingInstance(ConnectionId, status.TrackingNumber, UpsTrackingText.StatusKey(status));
    }

    /// <summary>A CloudEvents delivery with every event's entity id changed to <see cref="ForgedPurchaseOrderId"/>, under the original signature.</summary>
    private static QboSimulatorWebhookDelivery Forge(QboSimulatorWebhookDelivery genuine)
    {
        var events = JsonNode.Parse(genuine.Body)!.AsArray();
        foreach (var item in events)
        {
            item!["intuitentityid"] = ForgedPurchaseOrderId;
        }

        return genuine with { Body = events.ToJsonString() };
    }

    /// <summary>The QBO events the dispatcher suppressed as already dispatched (audited Skipped with outcome Duplicate).</summary>
    private static async Task<List<AuditRecord>> DuplicatesAsync(IAuditTrail audit, DateTimeOffset sinceUtc, CancellationToken cancellationToken) =>
        [.. (await AuditAsync(audit, sinceUtc, QboEventsNames.WebhookOperation, AuditOutcome.Skipped, null, cancellationToken))
            .Where(r => r.Detail?.Contains(": " + nameof(QboChangeDispatchOutcome.Duplicate), StringComparison.Ordinal) == true)];

    private static Task<IReadOnlyList<AuditRecord>> AuditAsync(IAuditTrail audit, DateTimeOffset sinceUtc, string operation, AuditOutcome outcome, string? instanceId, CancellationToken cancellationToken) =>
        audit.QueryAsync(
            new AuditQuery(ConnectionId, sinceUtc.AddMinutes(-1), TimeProvider.System.GetUtcNow().AddMinutes(1)) { Operation = operation, Outcome = outcome, WorkflowInstanceId = instanceId, Limit = 5000 },
            cancellationToken);

    /// <summary>Replays a failed workflow as an operator does, <c>POST /api/workflows/{id}/replay</c> with the operator token, and returns the new instance.</summary>
    private static async Task<string?> ReplayAsync(StandaloneHost host, string failedInstanceId, List<string> problems, CancellationToken cancellationToken)
    {
        using var api = new OperatorApiClient(host.BaseAddress, new OperatorCredential(host.OperatorToken, null));
        try
        {
            var started = await api.ReplayWorkflowAsync(failedInstanceId, cancellationToken);
            return started.GetProperty("instanceId").GetString();
        }
        catch (OperatorApiException ex)
        {
            problems.Add($"The operator API refused the replay of {failedInstanceId}: {ex.Message}");
            return null;
        }
    }
}

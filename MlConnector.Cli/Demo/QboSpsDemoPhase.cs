using System.Diagnostics;
using System.Text.Json.Nodes;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.SpsCommerce.Rsx;
using MlConnector.Core.Errors;
using MlConnector.Core.Integrations.QboSps;
using MlConnector.Core.Integrations.QboSps.Workflows;
using MlConnector.Core.Workflows;
using MlConnector.Sandbox.QuickBooksOnline;
using MlConnector.Sandbox.SpsCommerce;

namespace MlConnector.Cli.Demo;

/// <summary>
/// The QBO ↔ SPS Commerce phase of the demo, on a <c>qbo-sps</c> connection with two trading partners: retailers' 850s
/// in SPS's two sample layouts (CrossDock and MultiStore, contracts/sps-commerce/samples) arrive at SPS, among them a
/// revision, a duplicate upload, one with an unmapped item and one malformed file; the SPS poll turns the valid ones into
/// QBO purchase orders exactly once and leaves the bad ones at SPS with their reasons; the merchant invoices both POs in
/// QBO (one of them shipped: ship date, ship method and tracking number), QBO's webhooks (one delivered twice) start the
/// 810s and the 856, and SPS is then checked: one schema-valid 810 per invoice and one 856 for the shipped one, each to the
/// right partner; DemoMart then rejects its 810 after SPS accepted it, and the next poll shows that as a
/// <c>partner-rejected</c> failure, apart from SPS's own errors.
/// </summary>
internal sealed class QboSpsDemoPhase(DemoProgress progress)
{
    /// <summary>The demo's <c>qbo-sps</c> connection.</summary>
    public const string ConnectionId = "demo-retail-supply";

    /// <summary>ml-connector's client id at the SPS simulator (<c>OAuth:Providers:sps:ClientId</c>).</summary>
    public const string SpsClientId = "mlc-demo-sps-client";

    /// <summary>The app secret holding the SPS client secret.</summary>
    public const string SpsClientSecretName = "sps-client-secret";

    /// <summary>The partner of SPS's own samples.</summary>
    public const string PartnerA = "SPSALLTESTID";

    /// <summary>A second retailer, sending SPS's MultiStore layout.</summary>
    public const string PartnerB = "DEMOMARTTESTID";

    private const string CrossDock = "PO112853-1-v7.7-CrossDock.json";
    private const string MultiStore = "PO112855-1-v7.7-MultiStore.json";
    private const string PartnerBPo = "PO7301-1";
    private const string UnmappedPo = "PO584699-1";
    private const string UnmappedPart = "SPSSupplierHD-99";
    private const string ShippedTracking = "1Z999AA10123456784";

    /// <summary>The host settings this phase needs: the SPS OAuth provider at the simulator, and its poll left to the demo.</summary>
    /// <param name="sps">The SPS simulator.</param>
    /// <returns>Configuration keys and values.</returns>
    public static Dictionary<string, string?> HostSettings(SpsCommerceSimulator sps) => new()
    {
        ["OAuth:Providers:sps:TokenEndpoint"] = sps.TokenEndpoint.ToString(),
        ["OAuth:Providers:sps:ClientId"] = SpsClientId,
        ["OAuth:Providers:sps:ClientSecretName"] = SpsClientSecretName,
        ["Schedules:QboSpsOrderPoll"] = "0 0 0 1 1 *", // the demo polls itself, at the moments it reports on
        ["Schedules:QboSpsCrosswalkCheck"] = "0 0 0 1 1 *",
    };

    /// <summary>The demo connection: partners → QBO vendors (purchase orders) and the samples' part numbers → QBO items.</summary>
    /// <param name="qbo">The QBO simulator.</param>
    /// <param name="sps">The SPS simulator.</param>
    /// <returns>The connection.</returns>
    public static Connection Connection(Uri qbo, Uri sps) => new()
    {
        Id = ConnectionId,
        Kind = IntegrationKinds.QboSps,
        DisplayName = "Demo Retail Supply",
        Settings = new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["qbo"] = new Dictionary<string, string> { ["environment"] = "sandbox", ["baseUrl"] = qbo.ToString(), [QboSpsOrderPosting.SettingName] = QboSpsOrderPosting.PurchaseOrder },
            ["sps"] = new Dictionary<string, string> { ["environment"] = "test", ["baseUrl"] = sps.ToString() },
        },
        Mappings = new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            [QboSpsNames.PartnerMapping] = new Dictionary<string, string> { [PartnerA] = "56", [PartnerB] = "57" },
            [QboSpsOrderPosting.CustomerMapping] = new Dictionary<string, string> { [PartnerA] = "71", [PartnerB] = "72" },
            [QboSpsNames.ItemMapping] = new Dictionary<string, string> { ["SPSSupplierHD-20"] = "11", ["SPSSupplierHD-40"] = "12", ["SPSSupplierHD-60"] = "13" },
        },
    };

    public async Task<QboSpsDemoSummary> RunAsync(DemoSandbox sandbox, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        var clock = Stopwatch.StartNew();
        var (qbo, sps, services) = (sandbox.Qbo, sandbox.Sps, sandbox.Host.Services);
        var workflows = services.GetRequiredService<IWorkflowClient>();
        var problems = new List<string>();

        progress.Step("QuickBooks Online ↔ SPS Commerce: connecting Demo Retail Supply's QBO company and SPS account, two trading partners");
        var realmId = await QboSpsDemoCompany.ConnectAsync(sandbox, cancellationToken);

        // First wave: SPS's CrossDock sample as partner A sends it, the MultiStore layout as partner B, one with an item
        // nobody mapped and one truncated file. Second wave: partner A's file uploaded again, and partner B's revision.
        var samples = SpsCommerceSimulator.SampleOrders();
        var first = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["A-" + CrossDock] = samples[CrossDock],
            ["B-" + MultiStore] = QboSpsDemoCompany.Order(samples[MultiStore], PartnerB, PartnerBPo, "00", quantityFactor: 1m, unmappedPart: null),
            ["A-unmapped-" + CrossDock] = QboSpsDemoCompany.Order(samples[CrossDock], PartnerA, UnmappedPo, "00", quantityFactor: 1m, UnmappedPart),
            ["A-truncated.json"] = samples[CrossDock][..(samples[CrossDock].Length / 2)],
        };
        var second = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["A-again-" + CrossDock] = samples[CrossDock],
            ["B-revision-" + MultiStore] = QboSpsDemoCompany.Order(samples[MultiStore], PartnerB, PartnerBPo, SpsOrderImporter.ReplacePurpose, quantityFactor: 2m, unmappedPart: null),
        };
        var poll = services.GetRequiredService<QboSpsOrderPollJob>();
        foreach (var (wave, documents) in new[] { ("the first 850s (CrossDock and MultiStore layouts, an unmapped item, a truncated file)", first), ("a duplicate upload and a revision", second) })
        {
            progress.Step($"The retailers send {wave} to SPS; ml-connector polls SPS data/out");
            foreach (var (name, bytes) in documents)
            {
                sps.AddOutboxDocument(name, bytes);
            }

            await poll.PollAsync(ConnectionId, cancellationToken);
            await progress.WaitForAsync("Importing the 850s into QuickBooks Online", [.. documents.Keys.Select(Instance)], workflows, cancellationToken);
        }

        var documentCount = first.Count + second.Count;
        var results = new List<SpsOrderImportResult>();
        foreach (var name in first.Keys.Concat(second.Keys))
        {
            if (await workflows.GetStatusAsync(Instance(name), cancellationToken) is { RuntimeStatus: WorkflowRuntimeStatus.Completed } done
                && done.ReadOutputAs<SpsOrderImportResult>() is { } result)
            {
                results.Add(result);
            }
        }

        var failures = (await workflows.ListFailedAsync(ConnectionId, cancellationToken))
            .Select(f => new DemoFailure(first.Keys.Concat(second.Keys).FirstOrDefault(n => Instance(n) == f.InstanceId) ?? f.InstanceId, f.Failure?.Kind.ToString() ?? "Unknown", f.Failure?.Message ?? "(no reason recorded)", f.InstanceId))
            .ToList();
        var expectedFailures = new[] { "A-truncated.json", "A-unmapped-" + CrossDock };
        if (!failures.Select(f => f.OrderNumber).Order(StringComparer.Ordinal).SequenceEqual(expectedFailures.Order(StringComparer.Ordinal))
            || failures.Any(f => f.ErrorKind != "Validation")
            || failures.Single(f => f.OrderNumber.StartsWith("A-unmapped", StringComparison.Ordinal)).Reason.Contains(UnmappedPart, StringComparison.Ordinal) is false)
        {
            problems.Add($"Expected exactly the truncated file and the unmapped item ({UnmappedPart}, named) to fail as data errors; failed: {string.Join(", ", failures.Select(f => $"{f.OrderNumber} ({f.ErrorKind})"))}.");
        }

        if (!sps.Outbox.Order(StringComparer.Ordinal).SequenceEqual(expectedFailures.Order(StringComparer.Ordinal)))
        {
            problems.Add($"SPS data/out should hold only the two refused documents; it holds: {string.Join(", ", sps.Outbox)}.");
        }

        // Check QBO: one purchase order per valid partner PO, the revision applied with its SyncToken.
        var purchaseOrders = qbo.GetEntities(realmId, "PurchaseOrder");
        var valid = new[] { (PartnerA, "PO584615-1", "56"), (PartnerB, PartnerBPo, "57") };
        var exactlyOne = 0;
        foreach (var (partner, number, vendor) in valid)
        {
            var mine = purchaseOrders.Where(p => (string?)p["DocNumber"] == number && ((string?)p["PrivateNote"])?.Contains(QboSpsOrderMapper.Marker(partner, number), StringComparison.Ordinal) == true).ToList();
            if (mine.Count == 1 && (string?)mine[0]["VendorRef"]?["value"] == vendor)
            {
                exactlyOne++;
            }
            else
            {
                problems.Add($"{partner} PO {number} has {mine.Count} QBO purchase orders (expected exactly 1, to vendor {vendor}).");
            }
        }

        if (purchaseOrders.Count != valid.Length)
        {
            problems.Add($"QBO holds {purchaseOrders.Count} purchase orders; expected {valid.Length}.");
        }

        var revised = purchaseOrders.FirstOrDefault(p => (string?)p["DocNumber"] == PartnerBPo);
        var revisions = results.Count(r => r.Outcome == SpsOrderImportOutcome.Updated);
        if (revisions != 1 || (string?)revised?["SyncToken"] != "1")
        {
            problems.Add($"The revision of {PartnerBPo} should update its purchase order once (SyncToken 1); updates: {revisions}, SyncToken {(string?)revised?["SyncToken"]}.");
        }

        var duplicates = results.Count(r => r.Outcome == SpsOrderImportOutcome.Duplicate);
        if (duplicates != 1)
        {
            problems.Add($"The duplicate upload should write nothing and be reported once as a duplicate; duplicates: {duplicates}.");
        }

        // Outbound: the merchant invoices both POs in QBO; QBO's webhooks (one delivery sent twice) start the 810s.
        progress.Step("The merchant invoices both purchase orders in QuickBooks Online; QBO's webhooks (one sent twice) start the 810s");
        var invoices = new[] { ("INV-5001", PartnerA, "PO584615-1", "71"), ("INV-5002", PartnerB, PartnerBPo, "72") };
        var shipped = "INV-5002";
        var invoiceIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (number, partner, po, customer) in invoices)
        {
            qbo.Seed(realmId, QboSpsDemoCompany.InvoiceJson(number, partner, po, customer, number == shipped ? ShippedTracking : null));
            invoiceIds[number] = (string)qbo.GetEntities(realmId, "Invoice").Single(i => (string?)i["DocNumber"] == number)["Id"]!;
        }

        sps.RejectInvoicesFrom(PartnerB); // DemoMart will reject its 810 after SPS accepted it
        var deliveries = await qbo.SendWebhooksAsync(new QboSimulatorWebhookOptions(), cancellationToken);
        if (deliveries.Count > 0)
        {
            deliveries = [.. deliveries, await qbo.RedeliverAsync(deliveries[^1], cancellationToken)];
        }

        problems.AddRange(deliveries.Where(d => d.StatusCode != 200).Select(d => $"A QBO webhook delivery was answered {d.StatusCode}."));
        await sandbox.WaitForIntakeAsync(cancellationToken);
        await progress.WaitForAsync(
            "Building, validating and uploading the 810 invoices and the 856 ship notice to SPS",
            [.. invoiceIds.Values.Select(id => QboSpsChangeHandler.InvoiceInstance(ConnectionId, id)),
                .. (await workflows.ListAsync(connectionId: ConnectionId, cancellationToken: cancellationToken)).Where(w => w.Name == nameof(QboShipNoticeToSpsWorkflow)).Select(w => w.InstanceId)],
            workflows,
            cancellationToken);

        progress.Step("Checking SPS: one schema-valid 810 per invoice, to the right trading partner");
        var uploaded = sps.Uploaded.Where(u => u.Type == RsxDocumentType.Invoice).ToList();
        var exactlyOne810 = 0;
        foreach (var (number, partner, po, _) in invoices)
        {
            var mine = uploaded.Where(u => u.DocumentNumber == number).ToList();
            var header = mine.Count == 1 ? JsonNode.Parse(mine[0].Content)?["Header"]?["InvoiceHeader"] : null;
            if (mine.Count == 1 && mine[0].TradingPartnerId == partner && (string?)header?["PurchaseOrderNumber"] == po)
            {
                exactlyOne810++;
            }
            else
            {
                problems.Add($"Invoice {number} has {mine.Count} 810s at SPS (expected exactly 1, to {partner}, for PO {po}).");
            }
        }

        var notices = sps.Uploaded.Where(u => u.Type == RsxDocumentType.Shipment).ToList();
        var notice = notices.Count == 1 ? JsonNode.Parse(notices[0].Content) : null;
        var shipNoticeOk = notices.Count == 1 && notices[0].TradingPartnerId == PartnerB && notices[0].DocumentNumber == shipped
            && JsonNode.DeepEquals(notice?["Header"]?["ShipmentHeader"]?["ShipmentIdentification"], JsonValue.Create(shipped));
        if (!shipNoticeOk)
        {
            problems.Add($"Expected exactly one 856 at SPS, for the shipped invoice {shipped}, to {PartnerB}; found {notices.Count}: {string.Join(", ", notices.Select(n => $"{n.DocumentNumber} to {n.TradingPartnerId}"))}.");
        }

        // DemoMart's rejection of its 810 reaches ml-connector through the next SPS poll: a partner-rejected failure.
        progress.Step($"{PartnerB} rejects its 810 after SPS accepted it; the next SPS poll finds the rejection");
        await poll.PollAsync(ConnectionId, cancellationToken);
        var rejectionInstances = (await workflows.ListAsync(connectionId: ConnectionId, cancellationToken: cancellationToken))
            .Where(w => w.Name == nameof(SpsPartnerRejectionWorkflow)).Select(w => w.InstanceId).ToList();
        await progress.WaitForAsync("Recording the partner rejection", rejectionInstances, workflows, cancellationToken);
        var rejections = (await workflows.ListFailedAsync(ConnectionId, cancellationToken))
            .Where(f => f.Failure?.Kind == ErrorKind.PartnerRejected)
            .Select(f => new DemoFailure("INV-5002", "PartnerRejected", f.Failure!.Message, f.InstanceId))
            .ToList();
        if (rejections.Count != 1 || !rejections[0].Reason.Contains(PartnerB, StringComparison.Ordinal))
        {
            problems.Add($"Expected exactly one partner-rejected failure, {PartnerB}'s 810; found {rejections.Count}.");
        }

        var acknowledged = sps.Requests.Count(r => r.Method == "DELETE" && r.StatusCode is >= 200 and < 300);
        return new QboSpsDemoSummary
        {
            TradingPartners = [PartnerA, PartnerB],
            OrderDocuments = documentCount,
            ValidPurchaseOrders = valid.Length,
            PurchaseOrdersWithExactlyOneQboPurchaseOrder = exactlyOne,
            RevisionsApplied = revisions,
            DuplicatesIgnored = duplicates,
            DataErrors = failures,
            Quarantined = failures.Count(f => f.OrderNumber == "A-truncated.json"),
            Acknowledged = acknowledged,
            Invoices = invoices.Length,
            InvoicesWithExactlyOne810 = exactlyOne810,
            InvoiceDocumentsUploaded = uploaded.Count,
            ShipNoticesUploaded = notices.Count,
            PartnerRejections = rejections,
            SpsTokenRequests = sps.TokensIssued,
            Problems = problems,
            ElapsedSeconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
            Passed = problems.Count == 0 && exactlyOne == valid.Length && exactlyOne810 == invoices.Length && uploaded.Count == invoices.Length && shipNoticeOk && rejections.Count == 1,
        };
    }

    private static string Instance(string name) => QboSpsOrderPollJob.InstanceId(ConnectionId, "/out/" + name);
}

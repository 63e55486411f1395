using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MlConnector.Core.Audit;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.FreshBooks;
using MlConnector.Core.Intake.FreshBooks;
using MlConnector.Core.Integrations.FreshBooksUps;
using MlConnector.Core.Shipping.Ups;
using MlConnector.Core.Workflows;
using MlConnector.Sandbox.FreshBooks;
using MlConnector.Sandbox.OAuth;

namespace MlConnector.Cli.Demo;

/// <summary>
/// The FreshBooks ↔ UPS phase of the demo, on its own FreshBooks account (a FreshBooks simulator started here) and a
/// <c>freshbooks-ups</c> connection that consents through the host's OAuth routes and registers its callbacks through
/// the API: invoices issued with and without the Shipping line, one flagged by a later update, one whose delivery is
/// delayed past the poll, one forged delivery, one client with its own UPS account number, one client whose address UPS
/// finds ambiguous until it is corrected in FreshBooks and the failed workflow is replayed; UPS delivers every package
/// and Track Alert reports it; then each invoice is checked in FreshBooks and against the UPS simulator.
/// </summary>
internal sealed class FreshBooksUpsDemoPhase(DemoProgress progress)
{
    /// <summary>The <c>freshbooks-ups</c> connection of the demo.</summary>
    public const string ConnectionId = "demo-fb-outfitters";

    /// <summary>ml-connector's client id at the (FreshBooks-like) OAuth server.</summary>
    public const string FreshBooksClientId = "mlc-demo-fb-client";

    /// <summary>The secret holding ml-connector's client secret at the (FreshBooks-like) OAuth server.</summary>
    public const string FreshBooksClientSecretName = "freshbooks-client-secret";

    private static readonly (string Name, decimal Quantity, decimal UnitCost)[] Flagged = [("Mugs", 6m, 4m), ("Shipping", 1m, 12m)];
    private static readonly (string Name, decimal Quantity, decimal UnitCost)[] Plain = [("Mugs", 2m, 4m)];

    /// <summary>The host settings of the <c>freshbooks</c> OAuth provider, pointed at the demo's OAuth server.</summary>
    /// <param name="idp">The OAuth server.</param>
    /// <param name="baseUrl">The host's base URL, ending in <c>/</c>.</param>
    /// <returns>The settings.</returns>
    public static Dictionary<string, string?> HostSettings(OAuthServerSimulator idp, string baseUrl) => new()
    {
        ["OAuth:Providers:freshbooks:AuthorizeEndpoint"] = idp.AuthorizeEndpoint.ToString(),
        ["OAuth:Providers:freshbooks:TokenEndpoint"] = idp.TokenEndpoint.ToString(),
        ["OAuth:Providers:freshbooks:RedirectUri"] = baseUrl + "api/oauth/freshbooks/callback",
        ["OAuth:Providers:freshbooks:ClientId"] = FreshBooksClientId,
        ["OAuth:Providers:freshbooks:ClientSecretName"] = FreshBooksClientSecretName,
        ["Schedules:FreshBooksUpsPoll"] = "0 0 0 1 1 *", // the demo runs the poll itself, at the moment it reports on
    };

    public async Task<FreshBooksUpsDemoSummary> RunAsync(DemoSandbox sandbox, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        var services = sandbox.Host.Services;
        var workflows = services.GetRequiredService<IWorkflowClient>();
        var baseUrl = sandbox.Host.BaseAddress.AbsoluteUri;
        var problems = new List<string>();

        progress.Step("FreshBooks ↔ UPS: starting a FreshBooks account (simulator), connecting it and registering invoice.create and invoice.update callbacks (verifier handshake)");
        await using var account = await FreshBooksUpsDemoAccount.StartAsync(sandbox, cancellationToken);
        var freshBooks = account.FreshBooks;
        freshBooks.DeliveryDelay = TimeSpan.FromSeconds(3);
        var clientShipper = account.ClientShipper;
        sandbox.Ups.ConfigureTrackAlertWebhook(account.TrackAlertUri, DemoSandbox.UpsClientId);

        var maple = freshBooks.AddClient("Maple Goods", "buyer@maple.example", "12 Elm St", "Alpharetta", "GA", "30005", "United States");
        var fir = freshBooks.AddClient("Fir Wholesale", "buyer@fir.example", "3 Ash Ct", "Alpharetta", "GA", "30005", "United States");
        var dogwood = freshBooks.AddClient("Dogwood Inc", "buyer@dogwood.example", "Main St", "Alpharetta", "GA", "30009", "United States");
        await services.GetRequiredService<FreshBooksClientUpsStore>().SetShipperNumberAsync(ConnectionId, fir, clientShipper, cancellationToken);

        progress.Step("Issuing invoices: flagged, unflagged, flagged later, delayed past the poll, a client with its own UPS account, an ambiguous address");
        var shipped = await freshBooks.CreateInvoiceAsync(maple, Flagged, delivery: FreshBooksWebhookDelivery.Twice, cancellationToken: cancellationToken);
        var unflagged = await freshBooks.CreateInvoiceAsync(maple, Plain, cancellationToken: cancellationToken);
        var later = await freshBooks.CreateInvoiceAsync(maple, Plain, cancellationToken: cancellationToken);
        var ownAccount = await freshBooks.CreateInvoiceAsync(fir, Flagged, cancellationToken: cancellationToken);
        var ambiguous = await freshBooks.CreateInvoiceAsync(dogwood, Flagged, cancellationToken: cancellationToken);
        await sandbox.WaitForIntakeAsync(cancellationToken);

        progress.Step("Adding the Shipping line to an unflagged invoice (invoice.update)");
        await freshBooks.EditInvoiceAsync(later, addLine: ("Shipping", 1m, 12m), cancellationToken: cancellationToken);
        await sandbox.WaitForIntakeAsync(cancellationToken);

        progress.Step("Sending a forged delivery (wrong X-FreshBooks-Hmac-SHA256)");
        var forgedRejected = await SendForgedAsync(new Uri($"{baseUrl}api/webhooks/freshbooks/{ConnectionId}"), freshBooks.AccountId, unflagged, cancellationToken) ? 1 : 0;
        if (forgedRejected == 0)
        {
            problems.Add("The forged FreshBooks delivery was not refused with 401.");
        }

        progress.Step("Issuing an invoice whose delivery FreshBooks delays, and running the poll before it arrives");
        var delayed = await freshBooks.CreateInvoiceAsync(maple, Flagged, delivery: FreshBooksWebhookDelivery.Delayed, cancellationToken: cancellationToken);
        var connection = (await services.GetRequiredService<IConnectionStore>().GetAsync(ConnectionId, cancellationToken))!;
        var foundByPoll = await services.GetRequiredService<FreshBooksUpsPollJob>().PollAsync(connection, cancellationToken);
        await freshBooks.DrainDeliveriesAsync();
        await sandbox.WaitForIntakeAsync(cancellationToken);

        var flagged = new[] { shipped, later, delayed, ownAccount, ambiguous };
        var ambiguousInstance = FreshBooksUpsKeys.InvoiceInstance(ConnectionId, ambiguous);
        await progress.WaitForAsync("Shipping the flagged invoices", [.. flagged.Where(i => i != ambiguous).Select(i => FreshBooksUpsKeys.InvoiceInstance(ConnectionId, i))], workflows, cancellationToken);
        await UntilAsync(async () => (await workflows.GetStatusAsync(ambiguousInstance, cancellationToken))?.RuntimeStatus == WorkflowRuntimeStatus.Failed, cancellationToken);
        var addressFailures = 1;

        progress.Step("Correcting the ambiguous address in FreshBooks and replaying the failed workflow");
        freshBooks.SetClientAddress(dogwood, "100 Main St", "Alpharetta", "GA", "30009", "United States");
        var replay = await workflows.ReplayAsync(ambiguousInstance, cancellationToken);
        await progress.WaitForAsync("Shipping the corrected invoice", [replay.InstanceId], workflows, cancellationToken);

        progress.Step("UPS delivers every package; Track Alert reports it back");
        var rows = new List<UpsShipmentRecord>();
        foreach (var invoice in flagged)
        {
            rows.AddRange(await services.GetRequiredService<UpsShipmentStore>().GetBySourceAsync(ConnectionId, FreshBooksUpsNames.InvoiceSource, invoice.ToString(CultureInfo.InvariantCulture), cancellationToken));
        }

        var pushes = 0;
        foreach (var row in rows)
        {
            pushes += (await sandbox.Ups.DeliverAsync(row.TrackingNumber, cancellationToken)).Count;
        }

        await UntilAsync(() => Task.FromResult(rows.All(r => Notes(freshBooks, long.Parse(r.Source.Id, CultureInfo.InvariantCulture)).Contains($"{r.TrackingNumber}: Delivered", StringComparison.Ordinal))), cancellationToken);
        await sandbox.WaitForIntakeAsync(cancellationToken);

        progress.Step("Checking FreshBooks invoice by invoice");
        var shipments = sandbox.Ups.GetShipments();
        int exactlyOne = 0, delivered = 0;
        foreach (var invoice in flagged)
        {
            var number = (string)freshBooks.GetInvoice(invoice)["invoice_number"]!;
            var mine = shipments.Where(s => s.ReferenceNumber == "Invoice " + number).ToList();
            if (mine.Count == 1)
            {
                exactlyOne++;
            }
            else
            {
                problems.Add($"Invoice {number} has {mine.Count} UPS shipments.");
            }

            if (mine.Count == 1 && mine[0].TrackingNumbers.All(t => Notes(freshBooks, invoice).Contains($"{t}: Delivered", StringComparison.Ordinal)))
            {
                delivered++;
            }
            else
            {
                problems.Add($"Invoice {number} does not show its tracking as Delivered.");
            }
        }

        var unflaggedNumber = (string)freshBooks.GetInvoice(unflagged)["invoice_number"]!;
        if (shipments.Any(s => s.ReferenceNumber == "Invoice " + unflaggedNumber))
        {
            problems.Add($"The unflagged invoice {unflaggedNumber} was shipped.");
        }

        var ownNumber = (string)freshBooks.GetInvoice(ownAccount)["invoice_number"]!;
        var clientAccountShipments = shipments.Count(s => s.ShipperNumber == clientShipper);
        if (shipments.FirstOrDefault(s => s.ReferenceNumber == "Invoice " + ownNumber)?.ShipperNumber != clientShipper)
        {
            problems.Add($"Invoice {ownNumber} did not ship on its client's own UPS account.");
        }

        // Every later UPS call for its packages (Track Alert, tracking) is made on that account too: the token it carries was
        // requested with the client's number as x-merchant-id (OAuthClientCredentials.yaml).
        var ownTracking = shipments.FirstOrDefault(s => s.ReferenceNumber == "Invoice " + ownNumber)?.TrackingNumbers ?? [];
        var offAccountCalls = sandbox.Ups.GetRequests().Count(r => !string.Equals(r.MerchantId, clientShipper, StringComparison.OrdinalIgnoreCase)
            && ownTracking.Any(t => r.Path.Contains(t, StringComparison.Ordinal) || r.Body?.Contains(t, StringComparison.Ordinal) == true));
        if (offAccountCalls > 0)
        {
            problems.Add($"{offAccountCalls} UPS calls for the packages of invoice {ownNumber} were not made on its client's own UPS account.");
        }

        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var audit = await services.GetRequiredService<IAuditTrail>().QueryAsync(new AuditQuery(ConnectionId, now.AddHours(-1), now.AddHours(1)) { Operation = FreshBooksWebhookApi.ReceiveOperation, Limit = 1000 }, cancellationToken);
        var fbShipments = shipments.Count(s => s.ReferenceNumber?.StartsWith("Invoice ", StringComparison.Ordinal) == true);
        var issued = new[] { shipped, unflagged, later, delayed, ownAccount, ambiguous };
        var skippedUnflagged = audit.Where(a => a.Outcome == AuditOutcome.Skipped && a.Detail?.Contains("not flagged for shipping", StringComparison.Ordinal) == true)
            .Select(a => long.Parse(a.BusinessKey!["invoice:".Length..], CultureInfo.InvariantCulture)).ToHashSet();
        var shippedInvoices = flagged.Where(i => shipments.Any(s => s.ReferenceNumber == "Invoice " + (string)freshBooks.GetInvoice(i)["invoice_number"]!)).ToHashSet();
        progress.Done($"FreshBooks ↔ UPS: {exactlyOne} of {flagged.Length} flagged invoices shipped once and show Delivered");
        return new FreshBooksUpsDemoSummary
        {
            InvoicesIssued = issued.Length,
            FlaggedInvoices = flagged.Length,
            UnflaggedSkipped = skippedUnflagged.Count(i => !shippedInvoices.Contains(i)),
            FlaggedLater = skippedUnflagged.Count(shippedInvoices.Contains),
            // A redelivery counts on the receipt row of the workflow it found (Repeats); a first receipt can be a duplicate too (after the poll).
            DuplicatesSuppressed = audit.Sum(a => a.WorkflowInstanceId is null ? 0 : a.Repeats) + audit.Count(a => a.Detail?.Contains("duplicate suppressed", StringComparison.Ordinal) == true),
            ForgedDeliveriesRejected = forgedRejected,
            FoundByPoll = foundByPoll,
            UpsShipmentsCreated = fbShipments,
            FlaggedWithExactlyOneShipment = exactlyOne,
            FlaggedWithTrackingDelivered = delivered,
            ClientAccountShipments = clientAccountShipments,
            AddressFailures = addressFailures,
            ReplaysSucceeded = (await workflows.GetStatusAsync(replay.InstanceId, cancellationToken))?.RuntimeStatus == WorkflowRuntimeStatus.Completed ? 1 : 0,
            TrackAlertPushes = pushes,
            Problems = problems,
            Passed = problems.Count == 0 && exactlyOne == flagged.Length && delivered == flagged.Length && fbShipments == flagged.Length,
        };
    }

    private static string Notes(FreshBooksSimulator freshBooks, long invoiceId) => (string?)freshBooks.GetInvoice(invoiceId)["notes"] ?? string.Empty;

    private static async Task<bool> SendForgedAsync(Uri target, string accountId, long invoiceId, CancellationToken cancellationToken)
    {
        var form = $"name=invoice.update&object_id={invoiceId.ToString(CultureInfo.InvariantCulture)}&account_id={Uri.EscapeDataString(accountId)}&business_id=1&identity_id=1&user_id=1";
        using var http = new HttpClient();
        using var content = new StringContent(form, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = content };
        request.Headers.TryAddWithoutValidation(FreshBooksWebhookSignature.HeaderName, FreshBooksWebhookSignature.Compute("not-the-verifier", FreshBooksWebhookSignature.SignedMessage(FreshBooksWebhookSignature.ParseForm(form))));
        using var response = await http.SendAsync(request, cancellationToken);
        return response.StatusCode == HttpStatusCode.Unauthorized;
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(DemoProgress.WaitLimit);
        while (!await condition())
        {
            await Task.Delay(100, limit.Token);
        }
    }
}

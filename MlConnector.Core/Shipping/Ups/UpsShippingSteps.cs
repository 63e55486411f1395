using MlConnector.Core.Audit;
using MlConnector.Core.Connectors.Ups;
using MlConnector.Core.Errors;
using MlConnector.Core.Idempotency;

namespace MlConnector.Core.Shipping.Ups;

/// <summary>
/// The UPS side of shipping a source document, written once for every integration that ships: validate the ship-to
/// address, rate, create the shipment exactly once (package rows first, labels to blob storage), and record each new
/// package status on its row. Each integration calls these from its own thin activities, registered under its own
/// activity names (Durable instances replay by name, so <c>qbo-ups</c> keeps its deployed names); see
/// docs/shipping-ups.md. Every step writes one audit row under the integration kind's connection, business key = the
/// source document id.
/// </summary>
/// <param name="ups">The UPS client.</param>
/// <param name="shipments">The shipment store.</param>
/// <param name="ledger">The idempotency ledger.</param>
/// <param name="audit">The audit trail.</param>
/// <param name="time">The clock.</param>
public sealed class UpsShippingSteps(IUpsClient ups, UpsShipmentStore shipments, IIdempotencyLedger ledger, IAuditTrail audit, TimeProvider time)
{
    /// <summary>The audit operation of a package whose Ship response carried no label.</summary>
    public const string LabelMissingOperation = "ups.label.missing";

    /// <summary>The ledger operation of a shipment create.</summary>
    public const string ShipmentCreateOperation = "ups.shipment.create";

    /// <summary>The ledger key of a document's shipment: (connection, source system, source id, <c>ups.shipment.create</c>).</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="source">The document.</param>
    /// <returns>The key.</returns>
    public static LedgerKey ShipmentCreateKey(string connectionId, SourceDocument source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new(connectionId, source.System, source.Id, ShipmentCreateOperation);
    }

    /// <summary>
    /// Validates the ship-to address with UPS Address Validation before anything is posted, under the plan's shipper
    /// account (<see cref="UpsShipmentRequest.ShipperAccount"/>) as the rate and ship calls are. A valid address passes; an
    /// ambiguous one (its candidates are written to the audit row and the error) or one without candidates halts with a
    /// data error naming <see cref="UpsShipmentPlan.ShipToField"/>, so the record is Failed, visible and replayable once the
    /// address is corrected in the source system. Audit operation <c>ups.address.validate</c>.
    /// </summary>
    /// <param name="workflowInstanceId">The calling workflow instance, if any.</param>
    /// <param name="plan">The plan.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The validation (always <see cref="UpsAddressClassification.Valid"/>).</returns>
    /// <exception cref="ConnectorValidationException">When the address is ambiguous or unknown to UPS.</exception>
    public Task<UpsAddressValidation> ValidateAddressAsync(string? workflowInstanceId, UpsShipmentPlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return audit.RecordStepAsync(
            Template(plan, "ups.address.validate", workflowInstanceId),
            async ct =>
            {
                var shipTo = plan.Request.ShipTo;
                var result = await ups.ValidateAddressAsync(plan.ConnectionId, shipTo, plan.Request.ShipperAccount, ct);
                var asked = Describe(shipTo);
                var document = plan.Source.Describe();
                var fix = $"Correct {plan.ShipToField} in {plan.SourceSystemName} and replay.";
                switch (result.Classification)
                {
                    case UpsAddressClassification.Valid:
                        return new AuditedResult<UpsAddressValidation>(result, AuditOutcome.Succeeded, null, $"{document}: ship-to address valid ({asked}).");
                    case UpsAddressClassification.Ambiguous:
                        var candidates = string.Join(" | ", result.Candidates.Select(Describe));
                        throw new ConnectorValidationException(
                            plan.IntegrationKind,
                            $"{document}: UPS finds the ship-to address ambiguous ({asked}); {result.Candidates.Count} candidates: {candidates}. {fix}",
                            field: plan.ShipToField);
                    default:
                        throw new ConnectorValidationException(
                            plan.IntegrationKind,
                            $"{document}: UPS knows no address like the ship-to address ({asked}). {fix}",
                            field: plan.ShipToField);
                }
            },
            cancellationToken);
    }

    /// <summary>Rates the planned shipment for its service (UPS Rating, Rate) and records the quote. Audit operation <c>ups.rate.quote</c>.</summary>
    /// <param name="workflowInstanceId">The calling workflow instance, if any.</param>
    /// <param name="plan">The plan.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The quote of the plan's service (else UPS's first), money as decimal in its currency.</returns>
    /// <exception cref="ConnectorValidationException">When UPS returns no rate.</exception>
    public Task<UpsRateQuote> RateAsync(string? workflowInstanceId, UpsShipmentPlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return audit.RecordStepAsync(
            Template(plan, "ups.rate.quote", workflowInstanceId),
            async ct =>
            {
                var quotes = await ups.RateAsync(plan.ConnectionId, plan.Request, shop: false, ct);
                var quote = quotes.FirstOrDefault(q => q.ServiceCode == plan.Request.ServiceCode) ?? (quotes.Count > 0 ? quotes[0] : null)
                    ?? throw new ConnectorValidationException(plan.IntegrationKind, $"{plan.Source.Describe()}: UPS returned no rate for service {plan.Request.ServiceCode}.", field: "serviceCode");
                var negotiated = quote.NegotiatedCharge is { } n
                    ? $", negotiated {n.ToString("0.00", CultureInfo.InvariantCulture)}"
                    : plan.Request.NegotiatedRates ? "; negotiated rates were requested but UPS returned only published charges" : string.Empty;
                return new AuditedResult<UpsRateQuote>(
                    quote,
                    AuditOutcome.Succeeded,
                    null,
                    $"{plan.Source.Describe()}: UPS service {quote.ServiceCode} quoted {quote.TotalCharge.ToString("0.00", CultureInfo.InvariantCulture)} {quote.CurrencyCode}{negotiated}.");
            },
            cancellationToken);
    }

    /// <summary>
    /// Creates the document's UPS shipment exactly once. UPS's Ship call is not idempotent (no idempotency key), so the
    /// guard is ours: the ledger first, then our own package rows for the document, then, on any attempt after the first,
    /// UPS itself (<see cref="IUpsClient.TrackByReferenceAsync"/>: the packages carrying the plan's reference number to the
    /// plan's destination), and only then the Ship call, whose result is written to the shipment table before anything
    /// else (labels go to blob storage after). An earlier attempt whose Ship answer was lost after UPS committed it (or
    /// whose process died before the first write) is found that way and adopted, never bought again. A reference is not
    /// unique, so only packages no document holds yet are adopted (<see cref="UpsShipmentStore.FindRecordedAsync"/>), and only
    /// when they are as many as the plan's; more or fewer fail the step as a validation error for an operator rather than
    /// adopt a stranger's shipment or buy a second label. An adopted shipment's rows are written
    /// from the reference look-up, its charge from a fresh Rate of the same request (the Ship answer that carried it is
    /// gone), and its label, which only the lost answer carried, is audited as missing (below). The window left is UPS's
    /// own: reference tracking searches by pick-up date (Tracking.yaml), so the real service may not list a label made
    /// moments ago (docs/shipping-ups.md). Audit operation <c>ups.shipment.create</c>.
    /// <para>
    /// A package whose Ship response has no <c>ShippingLabel</c> (or an empty <c>GraphicImage</c>) is never stored as a
    /// label: its row keeps no label path and a separate <see cref="LabelMissingOperation"/> audit row, outcome Failed,
    /// names the package and the fix. The shipment itself is not failed: UPS has created (and will bill) it, a retry or
    /// replay would find it through the ledger and still have no label, and failing here would hold back the cost posting
    /// and tracking of a real shipment. What the operator must do is recover the label in UPS (Label Recovery,
    /// <c>POST /labels/{version}/recovery</c>, contracts/ups/Shipping.yaml line 2475, or the UPS shipping history) before the
    /// package is handed over, and the audit row says so.
    /// </para>
    /// <para>When negotiated rates were requested (<see cref="UpsShipmentRequest.NegotiatedRates"/>) and UPS answered with
    /// published charges only, the published charge is booked and the audit row says so.</para>
    /// </summary>
    /// <param name="workflowInstanceId">The calling workflow instance, if any.</param>
    /// <param name="plan">The plan.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The shipment, created now or found.</returns>
    /// <exception cref="ConnectorException">When the ledger names a shipment whose rows are missing.</exception>
    public Task<ShipmentCreated> CreateShipmentAsync(string? workflowInstanceId, UpsShipmentPlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var document = plan.Source.Describe();
        return audit.RecordStepAsync(
            Template(plan, ShipmentCreateOperation, workflowInstanceId),
            async ct =>
            {
                var result = await ledger.ExecuteOnceAsync(
                    ShipmentCreateKey(plan.ConnectionId, plan.Source),
                    async (attempt, c) => (await shipments.GetBySourceAsync(plan.ConnectionId, plan.Source.System, plan.Source.Id, c)) is [var first, ..]
                        ? first.ShipmentIdentificationNumber
                        : attempt > 1 ? await AdoptLostShipmentAsync(workflowInstanceId, plan, c) : null,
                    async c => await SaveAsync(workflowInstanceId, plan, await ups.CreateShipmentAsync(plan.ConnectionId, plan.Request, c), c),
                    ct);
                var rows = await shipments.GetBySourceAsync(plan.ConnectionId, plan.Source.System, plan.Source.Id, ct);
                var mine = rows.Where(r => r.ShipmentIdentificationNumber == result.TargetId).OrderBy(r => r.TrackingNumber, StringComparer.Ordinal).ToList();
                if (mine.Count == 0)
                {
                    throw new ConnectorException(plan.IntegrationKind, ErrorKind.Unknown, $"{document}: the ledger names UPS shipment {result.TargetId} but its rows are missing.");
                }

                var created = new ShipmentCreated(result.TargetId, [.. mine.Select(r => r.TrackingNumber)], mine[0].Charge, mine[0].CurrencyCode, result.Created);
                var detail = $"{document}: UPS shipment {created.ShipmentIdentificationNumber}, tracking {string.Join(", ", created.TrackingNumbers)}, "
                    + $"charge {created.Charge.ToString("0.00", CultureInfo.InvariantCulture)} {created.CurrencyCode}"
                    + (plan.Request.NegotiatedRates && !mine[0].NegotiatedCharge ? " (published: negotiated rates were requested but UPS returned only published charges)." : ".")
                    + (mine.Any(r => r.LabelBlobPath is null) ? $" No label for {string.Join(", ", mine.Where(r => r.LabelBlobPath is null).Select(r => r.TrackingNumber))}; see {LabelMissingOperation}." : string.Empty);
                return result.Created
                    ? new AuditedResult<ShipmentCreated>(created, AuditOutcome.Succeeded, created.ShipmentIdentificationNumber, detail)
                    : new AuditedResult<ShipmentCreated>(created, AuditOutcome.Skipped, created.ShipmentIdentificationNumber, "Already shipped; not created again. " + detail);
            },
            cancellationToken);
    }

    /// <summary>
    /// Records a package's new status on its row, unless the row already shows a later one (<see cref="UpsTrackingText.IsStale"/>):
    /// status line, type, local activity time, and Delivered (never set back). The integration then writes the status to
    /// its target system. Not audited here: the integration's write-back step audits the outcome.
    /// </summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="status">The status.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The row as it stands, the status line, and whether the status was stale.</returns>
    public async Task<TrackingStatusRecorded> RecordStatusAsync(string connectionId, UpsTrackingStatus status, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(status);
        var text = UpsTrackingText.StatusText(status);
        var changed = await shipments.ChangeAsync(
            connectionId,
            [status.TrackingNumber],
            r => UpsTrackingText.IsStale(r, status) ? r : r with
            {
                StatusText = text,
                StatusType = status.StatusType ?? r.StatusType,
                StatusActivityLocalTime = status.ActivityLocalTime ?? r.StatusActivityLocalTime,
                Delivered = r.Delivered || status.Delivered,
            },
            cancellationToken);
        if (changed.Count == 0)
        {
            return new TrackingStatusRecorded(null, text, false);
        }

        var row = changed[0];
        return new TrackingStatusRecorded(row, text, row.StatusText != text);
    }

    private static AuditRecord Template(UpsShipmentPlan plan, string operation, string? workflowInstanceId) =>
        new(plan.ConnectionId, operation, AuditOutcome.Started)
        {
            WorkflowInstanceId = workflowInstanceId,
            BusinessKey = plan.Source.Id,
        };

    private static string Describe(UpsAddress address) =>
        $"{string.Join(", ", address.AddressLines)}, {address.City}, {address.StateProvinceCode} {address.PostalCode}, {address.CountryCode}";

    /// <summary>
    /// Finds at UPS a shipment an earlier attempt created but never recorded (its answer lost, or its process killed) and
    /// records it as this document's: null when UPS lists none, so the caller ships.
    /// </summary>
    private async Task<string?> AdoptLostShipmentAsync(string? workflowInstanceId, UpsShipmentPlan plan, CancellationToken cancellationToken)
    {
        var request = plan.Request;
        var listed = await ups.TrackByReferenceAsync(plan.ConnectionId, request.ReferenceNumber, request.ShipTo, request.ShipperAccount, cancellationToken);

        // A reference is not unique (a PO number reused, two QBO companies shipping to one warehouse on one UPS account, an
        // earlier shipment of the same reference): what another document already holds is never this one's.
        var held = listed.Count == 0 ? [] : (await shipments.FindRecordedAsync([.. listed.Take(50).Select(p => p.TrackingNumber)], cancellationToken))
            .Select(r => r.TrackingNumber).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var packages = listed.Where(p => !held.Contains(p.TrackingNumber)).ToList();
        if (packages.Count == 0)
        {
            return null;
        }

        if (listed.Count > 50 || packages.Count != request.Packages.Count)
        {
            // Neither adopt what may be someone else's shipment nor buy a second label: an operator decides.
            throw new ConnectorValidationException(
                plan.IntegrationKind,
                $"{plan.Source.Describe()}: an earlier Ship attempt's answer was lost, and UPS lists {packages.Count} package(s) with reference '{request.ReferenceNumber}' "
                    + $"to {request.ShipTo.PostalCode} that no document holds ({string.Join(", ", packages.Select(p => p.TrackingNumber))}), where this shipment has {request.Packages.Count}; "
                    + "which are this document's cannot be told. Void the strays in UPS (or record the right one) and replay.",
                field: "referenceNumber");
        }

        // UPS's shipment identification number is its lead package's tracking number; the answer is ordered by tracking number.
        var quotes = await ups.RateAsync(plan.ConnectionId, request, shop: false, cancellationToken);
        var quote = quotes.FirstOrDefault(q => q.ServiceCode == request.ServiceCode) ?? (quotes.Count > 0 ? quotes[0] : null)
            ?? throw new ConnectorValidationException(plan.IntegrationKind, $"{plan.Source.Describe()}: UPS returned no rate for service {request.ServiceCode}.", field: "serviceCode");
        var found = new UpsShipmentResult(packages[0].TrackingNumber, quote.TotalCharge, quote.CurrencyCode, [.. packages.Select(p => new UpsPackageResult(p.TrackingNumber, string.Empty, ReadOnlyMemory<byte>.Empty))])
        {
            NegotiatedCharge = quote.NegotiatedCharge,
        };
        return await SaveAsync(workflowInstanceId, plan, found, cancellationToken);
    }

    private async Task<string> SaveAsync(string? workflowInstanceId, UpsShipmentPlan plan, UpsShipmentResult shipment, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var rows = shipment.Packages.Select(p => new UpsShipmentRecord
        {
            ConnectionId = plan.ConnectionId,
            TrackingNumber = p.TrackingNumber,
            IntegrationKind = plan.IntegrationKind,
            Source = plan.Source,
            ShipmentIdentificationNumber = shipment.ShipmentIdentificationNumber,
            ShipperAccount = plan.Request.ShipperAccount,
            ServiceCode = plan.Request.ServiceCode,
            Charge = shipment.BillableCharge,
            NegotiatedCharge = shipment.NegotiatedCharge is not null,
            CurrencyCode = shipment.CurrencyCode,
            StatusText = "Label created",
            StatusType = "M",
            CreatedUtc = now,
        }).ToList();

        // The rows first: they are what finds this shipment again if anything after this fails.
        await shipments.SaveAsync(rows, cancellationToken);
        foreach (var package in shipment.Packages.Where(p => !p.LabelImage.IsEmpty))
        {
            var path = await shipments.SaveLabelAsync(plan.ConnectionId, plan.Source, package.TrackingNumber, package.LabelFormat, package.LabelImage, cancellationToken);
            await shipments.ChangeAsync(plan.ConnectionId, [package.TrackingNumber], r => r with { LabelBlobPath = path }, cancellationToken);
        }

        var unlabelled = shipment.Packages.Where(p => p.LabelImage.IsEmpty).Select(p => p.TrackingNumber).ToList();
        if (unlabelled.Count > 0)
        {
            await audit.WriteAsync(
                new AuditRecord(plan.ConnectionId, LabelMissingOperation, AuditOutcome.Failed)
                {
                    WorkflowInstanceId = workflowInstanceId,
                    BusinessKey = plan.Source.Id,
                    VendorReference = shipment.ShipmentIdentificationNumber,
                    ErrorKind = ErrorKind.Unknown,
                    Detail = $"{plan.Source.Describe()}: UPS created shipment {shipment.ShipmentIdentificationNumber} but no ShippingLabel reached us for {string.Join(", ", unlabelled)} "
                        + "(the Ship answer had none, or it was lost and the shipment was found again by its reference); "
                        + "nothing was stored as a label. The shipment is real and booked; recover the label in UPS (Label Recovery or the UPS shipping history) before handing the package over.",
                },
                cancellationToken);
        }

        return shipment.ShipmentIdentificationNumber;
    }
}

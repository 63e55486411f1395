using Spectre.Console;

namespace MlConnector.Cli.Demo;

/// <summary>What the QBO ↔ SPS Commerce phase of the demo found (also in <c>--json</c>).</summary>
internal sealed record QboSpsDemoSummary
{
    /// <summary>The trading partners of the demo connection (SPS TradingPartnerIds).</summary>
    public IReadOnlyList<string> TradingPartners { get; init; } = [];

    /// <summary>850 documents the retailers sent (two layouts, a revision, a duplicate upload, an unmapped item, a malformed file).</summary>
    public int OrderDocuments { get; init; }

    /// <summary>Distinct valid purchase orders (partner + PO number) among them.</summary>
    public int ValidPurchaseOrders { get; init; }

    /// <summary>Valid purchase orders with exactly one QBO PurchaseOrder.</summary>
    public int PurchaseOrdersWithExactlyOneQboPurchaseOrder { get; init; }

    /// <summary>Revisions (TsetPurposeCode 05) applied to the existing purchase order with its SyncToken.</summary>
    public int RevisionsApplied { get; init; }

    /// <summary>Documents that changed nothing because their purchase order was already in QBO (the duplicate upload).</summary>
    public int DuplicatesIgnored { get; init; }

    /// <summary>Documents that failed as data errors (unmapped item, malformed file), each with its reason; left at SPS.</summary>
    public IReadOnlyList<DemoFailure> DataErrors { get; init; } = [];

    /// <summary>Documents quarantined with their bytes kept (malformed).</summary>
    public int Quarantined { get; init; }

    /// <summary>Documents acknowledged (removed from SPS) after their QBO write was recorded.</summary>
    public int Acknowledged { get; init; }

    /// <summary>QBO invoices linked to an SPS purchase order.</summary>
    public int Invoices { get; init; }

    /// <summary>Invoices with exactly one schema-valid 810 uploaded to SPS for their partner.</summary>
    public int InvoicesWithExactlyOne810 { get; init; }

    /// <summary>810 documents uploaded in all (a redelivered QBO webhook must not add one).</summary>
    public int InvoiceDocumentsUploaded { get; init; }

    /// <summary>856 ship notices uploaded (one expected: the shipped invoice's).</summary>
    public int ShipNoticesUploaded { get; init; }

    /// <summary>Documents a trading partner rejected after SPS accepted them (error class <c>partner-rejected</c>).</summary>
    public IReadOnlyList<DemoFailure> PartnerRejections { get; init; } = [];

    public int SpsTokenRequests { get; init; }

    public IReadOnlyList<string> Problems { get; init; } = [];

    public double ElapsedSeconds { get; init; }

    /// <summary>True when every valid PO is exactly one QBO PurchaseOrder and every invoice exactly one uploaded 810 to its partner.</summary>
    public bool Passed { get; init; }

    /// <summary>Writes the phase's table.</summary>
    /// <param name="console">The console.</param>
    public void Write(IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]QuickBooks Online ↔ SPS Commerce (EDI 850 / 810 / 856)[/]");
        table.AddColumn("What");
        table.AddColumn(new TableColumn("Result").RightAligned());
        table.AddRow("Trading partners", Markup.Escape(string.Join(", ", TradingPartners)));
        table.AddRow("850 documents received (2 layouts)", OrderDocuments.ToString(CultureInfo.InvariantCulture));
        table.AddRow("Valid POs with exactly one QBO PurchaseOrder", $"{PurchaseOrdersWithExactlyOneQboPurchaseOrder} / {ValidPurchaseOrders}");
        table.AddRow("Revisions applied (SyncToken)", RevisionsApplied.ToString(CultureInfo.InvariantCulture));
        table.AddRow("Duplicate uploads that wrote nothing", DuplicatesIgnored.ToString(CultureInfo.InvariantCulture));
        table.AddRow("Data errors left at SPS (unmapped item, malformed)", DataErrors.Count.ToString(CultureInfo.InvariantCulture));
        table.AddRow("Quarantined with bytes kept", Quarantined.ToString(CultureInfo.InvariantCulture));
        table.AddRow("Acknowledged at SPS after the QBO write", Acknowledged.ToString(CultureInfo.InvariantCulture));
        table.AddRow("Invoices with exactly one 810 to their partner", $"{InvoicesWithExactlyOne810} / {Invoices}");
        table.AddRow("810 documents uploaded", InvoiceDocumentsUploaded.ToString(CultureInfo.InvariantCulture));
        table.AddRow("856 ship notices uploaded (the shipped invoice)", ShipNoticesUploaded.ToString(CultureInfo.InvariantCulture));
        table.AddRow("Partner rejections (partner-rejected, after SPS accepted)", PartnerRejections.Count.ToString(CultureInfo.InvariantCulture));
        table.AddRow("SPS token requests", SpsTokenRequests.ToString(CultureInfo.InvariantCulture));
        console.Write(table);
        foreach (var failure in DataErrors)
        {
            console.MarkupLineInterpolated($"  [yellow]{failure.ErrorKind}[/] {failure.OrderNumber}: {failure.Reason}");
        }

        foreach (var rejection in PartnerRejections)
        {
            console.MarkupLineInterpolated($"  [yellow]partner-rejected[/] {rejection.OrderNumber}: {rejection.Reason}");
        }

        foreach (var problem in Problems)
        {
            console.MarkupLineInterpolated($"  [red]✗[/] {problem}");
        }

        if (Passed)
        {
            console.MarkupLine("[green]✓ Every valid retailer PO is exactly one QBO purchase order (the revision updated it, the duplicate wrote nothing); the unmapped item and the malformed file were refused and left at SPS; every invoice left as exactly one 810 to its partner, the shipped one also as one 856; DemoMart's later rejection shows as partner-rejected.[/]");
        }
    }
}

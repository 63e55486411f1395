using Spectre.Console;

namespace MlConnector.Cli.Demo;

/// <summary>What the QuickBooks Desktop ↔ ShipStation phase of the demo found (also in <c>--json</c>).</summary>
internal sealed record QbdShipStationDemoSummary
{
    public int GoodOrders { get; init; }

    /// <summary>Good orders with exactly one QuickBooks Desktop transaction whose RefNumber is the order number.</summary>
    public int OrdersWithExactlyOneTransaction { get; init; }

    /// <summary>Each good order's invoice date, as QuickBooks holds it (the ship date).</summary>
    public IReadOnlyDictionary<string, string> InvoiceDates { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> FlaggedOrders { get; init; } = [];

    /// <summary>What the flagged orders miss, as the merchant reads it.</summary>
    public IReadOnlyList<string> FlaggedReasons { get; init; } = [];

    /// <summary>Transactions created for flagged orders (must be 0).</summary>
    public int TransactionsForFlaggedOrders { get; init; }

    /// <summary>Answers the Web Connector lost after QuickBooks did the work.</summary>
    public int LostResponses { get; init; }

    /// <summary>InvoiceMods refused as stale (3200) and re-read.</summary>
    public int StaleEditSequencesReRead { get; init; }

    /// <summary>Invoices voided because their order was cancelled in ShipStation after invoicing (TxnVoid; the invoice stays with amount zero).</summary>
    public int VoidedInvoices { get; init; }

    /// <summary>What /api/health said while QuickBooks was closed.</summary>
    public string? HealthWhileQuickBooksClosed { get; init; }

    public bool HealthClearedAfterwards { get; init; }

    public int InventoryDiscrepancies { get; init; }

    public int WebConnectorRuns { get; init; }

    public double ElapsedSeconds { get; init; }

    public IReadOnlyList<string> Problems { get; init; } = [];

    public bool Passed { get; init; }

    /// <summary>Writes the phase's table.</summary>
    /// <param name="console">The console.</param>
    public void Write(IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]QuickBooks Desktop ↔ ShipStation (Web Connector)[/]");
        table.AddColumn("What");
        table.AddColumn(new TableColumn("Result").RightAligned());
        table.AddRow("Web Connector runs", WebConnectorRuns.ToString(CultureInfo.InvariantCulture));
        table.AddRow("Good orders with exactly one QBD invoice (RefNumber = order number)", $"{OrdersWithExactlyOneTransaction} / {GoodOrders}");
        table.AddRow("Orders flagged for review (unknown customer or item)", Markup.Escape(string.Join(", ", FlaggedOrders)));
        table.AddRow("Transactions created for flagged orders", TransactionsForFlaggedOrders.ToString(CultureInfo.InvariantCulture));
        table.AddRow("Responses lost, retried without a second invoice", LostResponses.ToString(CultureInfo.InvariantCulture));
        table.AddRow("Stale EditSequences re-read", StaleEditSequencesReRead.ToString(CultureInfo.InvariantCulture));
        table.AddRow("Invoices voided after a ShipStation cancellation", VoidedInvoices.ToString(CultureInfo.InvariantCulture));
        table.AddRow("Health while QuickBooks was closed", Markup.Escape(HealthWhileQuickBooksClosed ?? "(not reported)"));
        table.AddRow("Inventory discrepancies", InventoryDiscrepancies.ToString(CultureInfo.InvariantCulture));
        console.Write(table);
        foreach (var reason in FlaggedReasons)
        {
            console.MarkupLineInterpolated($"  [yellow]flagged[/] {reason}");
        }

        foreach (var problem in Problems)
        {
            console.MarkupLineInterpolated($"  [red]✗[/] {problem}");
        }

        if (Passed)
        {
            console.MarkupLine("[green]✓ Every good order has exactly one QuickBooks Desktop invoice with its order number, dated on its ship date; the unknown item created nothing; the lost response and the stale EditSequence wrote nothing twice.[/]");
        }
    }
}

using Spectre.Console;

namespace MlConnector.Cli.Demo;

/// <summary>Prints the demo summary for people (a table) or programs (JSON).</summary>
internal static class DemoReport
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string ToJson(DemoSummary summary) => JsonSerializer.Serialize(summary, Json);

    public static void WriteTable(IAnsiConsole console, DemoSummary summary)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]ShipStation → QuickBooks Online[/]");
        table.AddColumn("What");
        table.AddColumn(new TableColumn("Count").RightAligned());
        table.AddRow("Orders received in ShipStation", Count(summary.OrdersReceived));
        table.AddRow("Webhook deliveries", Count(summary.WebhookDeliveries));
        table.AddRow("Duplicate deliveries suppressed", Count(summary.DuplicateDeliveriesSuppressed));
        table.AddRow("Orders webhooks missed, found by reconciliation", Count(summary.OrdersMissedByWebhooksFoundByReconciliation));
        table.AddRow("QBO customers created", Count(summary.CustomersCreated));
        table.AddRow("QBO invoices created", Count(summary.InvoicesCreated));
        table.AddRow("QBO invoices updated with shipments", Count(summary.InvoicesUpdatedWithShipments));
        table.AddRow("Good orders with exactly one invoice", $"{summary.OrdersWithExactlyOneInvoice} / {summary.GoodOrders}");
        table.AddRow("Failed orders", Count(summary.Failures.Count));
        console.Write(table);

        if (summary.Failures.Count > 0)
        {
            var failures = new Table().Border(TableBorder.Simple).Title("[yellow]Failed orders (fix, then replay)[/]");
            failures.AddColumn("Order");
            failures.AddColumn("Class");
            failures.AddColumn("Reason");
            foreach (var failure in summary.Failures)
            {
                failures.AddRow(Markup.Escape(failure.OrderNumber), Markup.Escape(failure.ErrorKind), Markup.Escape(failure.Reason));
            }

            console.Write(failures);
        }

        foreach (var problem in summary.Problems)
        {
            console.MarkupLine("[red]✗[/] " + Markup.Escape(problem));
        }

        console.MarkupLine(summary.Passed
            ? $"[green]✓ Every good order has exactly one invoice with its shipment; the bad order is reported as failed.[/] ({summary.ElapsedSeconds:0.0} s)"
            : $"[red]✗ The demo found problems.[/] ({summary.ElapsedSeconds:0.0} s)");
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
}

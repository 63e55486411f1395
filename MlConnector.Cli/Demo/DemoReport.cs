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
        table.AddRow("Of them shipped by a fulfillment provider (FULFILLMENT_SHIPPED)", Count(summary.FulfillmentsApplied));
        table.AddRow("Good orders with exactly one invoice", $"{summary.OrdersWithExactlyOneInvoice} / {summary.GoodOrders}");
        table.AddRow("Failed orders", Count(summary.Failures.Count));
        console.Write(table);

        WriteFailures(console, "Failed orders (fix, then replay)", "Order", summary.Failures, summary.Problems);
        if (summary.QboUps is { } ups)
        {
            WriteQboUps(console, ups);
        }

        if (summary.FreshBooksUps is { } freshBooks)
        {
            WriteFreshBooksUps(console, freshBooks);
        }

        summary.QbdShipStation?.Write(console);
        summary.QboSps?.Write(console);

        console.MarkupLine(summary.Passed
            ? $"[green]✓ Every good order has exactly one invoice with its shipment; the bad order is reported as failed.[/]"
                + (summary.QboUps is null ? string.Empty : "\n[green]✓ Every purchase order has exactly one UPS shipment and one bill with its cost, marked Delivered; the ambiguous address failed first and shipped once after its replay.[/]")
                + (summary.FreshBooksUps is null ? string.Empty : "\n[green]✓ Every flagged FreshBooks invoice has exactly one UPS shipment and shows its tracking as Delivered; the unflagged one shipped nothing.[/]")
                + $" ({summary.ElapsedSeconds:0.0} s)"
            : $"[red]✗ The demo found problems.[/] ({summary.ElapsedSeconds:0.0} s)");
    }

    private static void WriteQboUps(IAnsiConsole console, QboUpsDemoSummary ups)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]QuickBooks Online ↔ UPS[/]");
        table.AddColumn("What");
        table.AddColumn(new TableColumn("Count").RightAligned());
        table.AddRow("Purchase orders received from QBO", Count(ups.PurchaseOrdersReceived));
        table.AddRow("Signed webhook deliveries (of them carrying both companies)", $"{ups.WebhookDeliveries} ({ups.MultiRealmDeliveries})");
        table.AddRow("Duplicates suppressed", Count(ups.DuplicatesSuppressed));
        table.AddRow("Forged deliveries rejected (401, nothing started)", Count(ups.ForgedDeliveriesRejected));
        table.AddRow("Purchase orders webhooks missed, found by CDC", Count(ups.FoundByCdc));
        table.AddRow("UPS shipments created", Count(ups.UpsShipmentsCreated));
        table.AddRow("Purchase orders with exactly one UPS shipment", $"{ups.PurchaseOrdersWithExactlyOneShipment} / {ups.ValidPurchaseOrders}");
        table.AddRow("QBO bills posted (amount = UPS charge)", $"{ups.BillsPosted} ({ups.BillsWithShipmentCost})");
        table.AddRow("Shipping cost posted", $"{ups.ShippingCostPosted.ToString("0.00", CultureInfo.InvariantCulture)} {Markup.Escape(ups.CurrencyCode)}");
        table.AddRow("Address failures", Count(ups.AddressFailures.Count));
        table.AddRow("Replays that succeeded", Count(ups.ReplaysSucceeded));
        table.AddRow("Track Alert pushes received", Count(ups.TrackAlertPushes));
        table.AddRow("Tracking updates applied (bills marked Delivered)", Count(ups.TrackingUpdatesApplied));
        table.AddRow("Tracking poll updates started / Track Alert renewals", $"{ups.TrackingPollUpdatesStarted} / {ups.TrackAlertSubscriptionsRenewed}");
        table.AddRow("UPS token requests / daily quota", $"{ups.UpsTokenRequests} / {ups.UpsDailyTokenQuota}");
        console.Write(table);

        WriteFailures(console, "Address failures (corrected in QBO, then replayed)", "PO", ups.AddressFailures, ups.Problems);
    }

    private static void WriteFreshBooksUps(IAnsiConsole console, FreshBooksUpsDemoSummary fb)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]FreshBooks ↔ UPS[/]");
        table.AddColumn("What");
        table.AddColumn(new TableColumn("Count").RightAligned());
        table.AddRow("Invoices issued in FreshBooks", Count(fb.InvoicesIssued));
        table.AddRow("Flagged for shipping (of them flagged by a later update)", $"{fb.FlaggedInvoices} ({fb.FlaggedLater})");
        table.AddRow("Unflagged, audited as skipped", Count(fb.UnflaggedSkipped));
        table.AddRow("Duplicates suppressed", Count(fb.DuplicatesSuppressed));
        table.AddRow("Forged deliveries rejected (401, nothing started)", Count(fb.ForgedDeliveriesRejected));
        table.AddRow("Invoices the webhooks had not delivered, found by the poll", Count(fb.FoundByPoll));
        table.AddRow("UPS shipments created (on a client's own UPS account)", $"{fb.UpsShipmentsCreated} ({fb.ClientAccountShipments})");
        table.AddRow("Flagged invoices with exactly one UPS shipment", $"{fb.FlaggedWithExactlyOneShipment} / {fb.FlaggedInvoices}");
        table.AddRow("Flagged invoices showing their tracking as Delivered", $"{fb.FlaggedWithTrackingDelivered} / {fb.FlaggedInvoices}");
        table.AddRow("Address failures / replays that succeeded", $"{fb.AddressFailures} / {fb.ReplaysSucceeded}");
        table.AddRow("Track Alert pushes received", Count(fb.TrackAlertPushes));
        console.Write(table);
        WriteFailures(console, "FreshBooks ↔ UPS", "Invoice", [], fb.Problems);
    }

    private static void WriteFailures(IAnsiConsole console, string title, string keyColumn, IReadOnlyList<DemoFailure> failures, IReadOnlyList<string> problems)
    {
        if (failures.Count > 0)
        {
            var table = new Table().Border(TableBorder.Simple).Title($"[yellow]{Markup.Escape(title)}[/]");
            table.AddColumn(keyColumn);
            table.AddColumn("Class");
            table.AddColumn("Reason");
            foreach (var failure in failures)
            {
                table.AddRow(Markup.Escape(failure.OrderNumber), Markup.Escape(failure.ErrorKind), Markup.Escape(failure.Reason));
            }

            console.Write(table);
        }

        foreach (var problem in problems)
        {
            console.MarkupLine("[red]✗[/] " + Markup.Escape(problem));
        }
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
}

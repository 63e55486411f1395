namespace MlConnector.Cli.Demo;

/// <summary>What the FreshBooks ↔ UPS phase of `mlconnector demo` did and found; part of <see cref="DemoSummary"/>.</summary>
internal sealed record FreshBooksUpsDemoSummary
{
    public int InvoicesIssued { get; init; }

    /// <summary>Invoices flagged for shipping (at creation or by a later update).</summary>
    public int FlaggedInvoices { get; init; }

    /// <summary>Invoices never flagged: audited as skipped, never shipped.</summary>
    public int UnflaggedSkipped { get; init; }

    /// <summary>Invoices flagged by a later <c>invoice.update</c> that shipped then.</summary>
    public int FlaggedLater { get; init; }

    /// <summary>Webhook deliveries whose invoice was already started (redeliveries, later updates, the delivery that came after the poll).</summary>
    public int DuplicatesSuppressed { get; init; }

    public int ForgedDeliveriesRejected { get; init; }

    /// <summary>Flagged invoices the poll found before their (delayed) webhook.</summary>
    public int FoundByPoll { get; init; }

    public int UpsShipmentsCreated { get; init; }

    public int FlaggedWithExactlyOneShipment { get; init; }

    /// <summary>Flagged invoices whose FreshBooks notes show every package's tracking number as Delivered.</summary>
    public int FlaggedWithTrackingDelivered { get; init; }

    /// <summary>Shipments made on a client's own UPS account number.</summary>
    public int ClientAccountShipments { get; init; }

    public int AddressFailures { get; init; }

    public int ReplaysSucceeded { get; init; }

    public int TrackAlertPushes { get; init; }

    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>True when every flagged invoice has exactly one shipment with its tracking Delivered on the invoice, nothing else shipped, and the forged delivery was refused.</summary>
    public bool Passed { get; init; }
}

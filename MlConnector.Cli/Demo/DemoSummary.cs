namespace MlConnector.Cli.Demo;

/// <summary>What `mlconnector demo` did and found; printed as a table or, with --json, as JSON.</summary>
internal sealed record DemoSummary
{
    public int OrdersReceived { get; init; }

    public int WebhookDeliveries { get; init; }

    public int DuplicateDeliveriesSuppressed { get; init; }

    public int OrdersMissedByWebhooksFoundByReconciliation { get; init; }

    public int CustomersCreated { get; init; }

    public int InvoicesCreated { get; init; }

    /// <summary>Invoices carrying their order's shipment, whether a label (SHIP_NOTIFY) or a fulfillment (FULFILLMENT_SHIPPED).</summary>
    public int InvoicesUpdatedWithShipments { get; init; }

    /// <summary>
    /// Fulfillments (orders shipped by a fulfillment provider, FULFILLMENT_SHIPPED) whose order's one invoice carries the
    /// fulfillment's tracking number and carrier, named once in its memo; the demo fulfills one good order.
    /// </summary>
    public int FulfillmentsApplied { get; init; }

    /// <summary>The good order a fulfillment provider shipped instead of a ShipStation label.</summary>
    public string? FulfilledOrderNumber { get; init; }

    public int OrdersWithExactlyOneInvoice { get; init; }

    public int GoodOrders { get; init; }

    public IReadOnlyList<DemoFailure> Failures { get; init; } = [];

    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>The QBO ↔ UPS phase; null when it did not run.</summary>
    public QboUpsDemoSummary? QboUps { get; init; }

    /// <summary>The FreshBooks ↔ UPS phase; null when it did not run.</summary>
    public FreshBooksUpsDemoSummary? FreshBooksUps { get; init; }

    /// <summary>The QuickBooks Desktop ↔ ShipStation phase, when it ran.</summary>
    public QbdShipStationDemoSummary? QbdShipStation { get; init; }

    /// <summary>The QBO ↔ SPS Commerce phase, when it ran.</summary>
    public QboSpsDemoSummary? QboSps { get; init; }

    public double ElapsedSeconds { get; init; }

    /// <summary>
    /// True when every good order has exactly one invoice carrying its shipment and only the bad order failed, and the
    /// QBO ↔ UPS phase passed.
    /// </summary>
    public bool Passed { get; init; }
}

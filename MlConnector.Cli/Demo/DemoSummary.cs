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

    public int InvoicesUpdatedWithShipments { get; init; }

    public int OrdersWithExactlyOneInvoice { get; init; }

    public int GoodOrders { get; init; }

    public IReadOnlyList<DemoFailure> Failures { get; init; } = [];

    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>The QBO ↔ UPS phase; null when it did not run.</summary>
    public QboUpsDemoSummary? QboUps { get; init; }

    public double ElapsedSeconds { get; init; }

    /// <summary>
    /// True when every good order has exactly one invoice carrying its shipment and only the bad order failed, and the
    /// QBO ↔ UPS phase passed.
    /// </summary>
    public bool Passed { get; init; }
}

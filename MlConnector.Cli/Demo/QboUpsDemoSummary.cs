namespace MlConnector.Cli.Demo;

/// <summary>What the QBO ↔ UPS phase of `mlconnector demo` did and found; part of <see cref="DemoSummary"/>.</summary>
internal sealed record QboUpsDemoSummary
{
    public int PurchaseOrdersReceived { get; init; }

    /// <summary>Signed webhook deliveries QBO sent (the redelivery included) and how many carried events of both demo companies.</summary>
    public int WebhookDeliveries { get; init; }

    public int MultiRealmDeliveries { get; init; }

    /// <summary>Dispatches the intake suppressed: redelivered events, and changes whose purchase order already had its workflow.</summary>
    public int DuplicatesSuppressed { get; init; }

    public int ForgedDeliveriesRejected { get; init; }

    /// <summary>Purchase orders the webhooks never delivered that the CDC reconcile found and started.</summary>
    public int FoundByCdc { get; init; }

    public int UpsShipmentsCreated { get; init; }

    public int PurchaseOrdersWithExactlyOneShipment { get; init; }

    public int ValidPurchaseOrders { get; init; }

    public int BillsPosted { get; init; }

    /// <summary>Bills whose amount equals their UPS shipment's charge.</summary>
    public int BillsWithShipmentCost { get; init; }

    /// <summary>Total of those bills, decimal USD.</summary>
    public decimal ShippingCostPosted { get; init; }

    public string CurrencyCode { get; init; } = "USD";

    /// <summary>Purchase orders that failed because UPS could not validate the ship-to address, with UPS's candidates in the reason.</summary>
    public IReadOnlyList<DemoFailure> AddressFailures { get; init; } = [];

    public int ReplaysSucceeded { get; init; }

    public int TrackAlertPushes { get; init; }

    /// <summary>Bills whose memo says Delivered.</summary>
    public int TrackingUpdatesApplied { get; init; }

    public int TrackingPollUpdatesStarted { get; init; }

    public int TrackAlertSubscriptionsRenewed { get; init; }

    public int UpsTokenRequests { get; init; }

    public int UpsDailyTokenQuota { get; init; }

    public IReadOnlyList<string> Problems { get; init; } = [];

    public double ElapsedSeconds { get; init; }

    /// <summary>
    /// True when every valid PO has exactly one UPS shipment and one bill with its cost and a Delivered memo, the ambiguous PO
    /// failed before any shipment and succeeded after its replay, and the forged delivery was refused and changed nothing.
    /// </summary>
    public bool Passed { get; init; }
}

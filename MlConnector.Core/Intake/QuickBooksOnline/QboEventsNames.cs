namespace MlConnector.Core.Intake.QuickBooksOnline;

/// <summary>Names the QBO webhook intake and CDC reconciliation use in audit rows, the ledger, State rows and schedules.</summary>
public static class QboEventsNames
{
    /// <summary>The routing system code and ledger source system: <c>qbo</c>.</summary>
    public const string System = "qbo";

    /// <summary>
    /// The audit "connection" of deliveries for realms no connection serves: <c>_qbo-unrouted</c>. It cannot be a real
    /// connection id (those start with a letter or digit), so it never mixes with a customer's trail; its rows are
    /// partitioned by day like any other (<c>_qbo-unrouted|yyyyMMdd</c>).
    /// </summary>
    public const string UnroutedAuditPartition = "_qbo-unrouted";

    /// <summary>The ledger operation that makes a change dispatch happen once per connection and event id.</summary>
    public const string DispatchOperation = "qbo.change.dispatch";

    /// <summary>The audit operation of a webhook change.</summary>
    public const string WebhookOperation = "qbo.webhook.change";

    /// <summary>The audit operation of a change CDC found.</summary>
    public const string CdcOperation = "qbo.cdc.change";

    /// <summary>The audit operation of a reconcile pass.</summary>
    public const string ReconcileOperation = "qbo.cdc.reconcile";

    /// <summary>The schedule (and job) name of the CDC reconciliation: <c>Schedules:QboChangeReconcile</c>.</summary>
    public const string ReconcileJobName = "QboChangeReconcile";
}

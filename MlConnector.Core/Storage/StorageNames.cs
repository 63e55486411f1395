namespace MlConnector.Core.Storage;

/// <summary>The tables and blob containers ml-connector owns, named with the configured prefix.</summary>
/// <param name="Prefix">The <see cref="StorageOptions.TablePrefix"/>.</param>
public sealed record StorageNames(string Prefix)
{
    /// <summary>Connections: one row per customer link.</summary>
    public string Connections => Prefix + "Connections";

    /// <summary>Audit trail: one row per vendor call or decision.</summary>
    public string Audit => Prefix + "Audit";

    /// <summary>Idempotency ledger: one row per (connection, source system, source id, operation).</summary>
    public string Ledger => Prefix + "Ledger";

    /// <summary>Encrypted secrets (local secret store only).</summary>
    public string Secrets => Prefix + "Secrets";

    /// <summary>OAuth token state: expiry, refresh guard, token-request quota counters.</summary>
    public string Tokens => Prefix + "Tokens";

    /// <summary>Watermarks and other small per-connection state.</summary>
    public string State => Prefix + "State";

    /// <summary>UPS shipments made for QBO purchase orders: one row per package (tracking number), partition = connection.</summary>
    public string UpsShipments => Prefix + "UpsShipments";

    /// <summary>QuickBooks Web Connector sessions (partition <c>ticket</c>) and each connection's queue of qbXML requests (partition <c>queue|{connection}</c>).</summary>
    public string QuickBooksDesktop => Prefix + "QuickBooksDesktop";

    /// <summary>The <c>qbd-shipstation</c> integration's order snapshots (with their QuickBooks check) and inventory reports.</summary>
    public string QbdShipStation => Prefix + "QbdShipStation";

    /// <summary>Work held while its connection is paused: partition = connection, rows in arrival order (<c>Workflows.HeldWorkStore</c>).</summary>
    public string HeldWork => Prefix + "HeldWork";

    /// <summary>Failures an operator dismissed with a reason: partition = connection, row = instance id.</summary>
    public string FailureDismissals => Prefix + "FailureDismissals";

    /// <summary>Alert incidents: one row per (connection, rule) while open, so each incident is delivered once.</summary>
    public string Alerts => Prefix + "Alerts";

    /// <summary>Blob container for documents too big for a table row (labels) and for leases.</summary>
    public string BlobContainer => Prefix.ToLowerInvariant() + "-blobs";
}

namespace MlConnector.Core.Integrations.QbdShipStation;

/// <summary>The <c>qbd-shipstation</c> integration's setting, mapping and audit names.</summary>
public static class QbdShipStationNames
{
    /// <summary>The connection's QuickBooks Desktop system code (<c>settings.qbd.*</c>).</summary>
    public const string Qbd = "qbd";

    /// <summary>Setting <c>qbd.posting</c>: <see cref="PostingInvoice"/> (default) or <see cref="PostingJournal"/>.</summary>
    public const string PostingSetting = "posting";

    /// <summary>A shipped order becomes an invoice.</summary>
    public const string PostingInvoice = "invoice";

    /// <summary>A shipped order becomes a journal entry (debit receivable, credit income).</summary>
    public const string PostingJournal = "journal";

    /// <summary>Setting <c>qbd.timeZone</c>: the company's IANA time zone.</summary>
    public const string TimeZoneSetting = "timeZone";

    /// <summary>Setting <c>qbd.receivableAccount</c>.</summary>
    public const string ReceivableAccountSetting = "receivableAccount";

    /// <summary>Setting <c>qbd.incomeAccount</c>.</summary>
    public const string IncomeAccountSetting = "incomeAccount";

    /// <summary>Mapping table <c>qbdCustomers</c>: ShipStation customer e-mail or name → QuickBooks customer full name (default: the bill-to name).</summary>
    public const string CustomerMapping = "qbdCustomers";

    /// <summary>Mapping table <c>qbdItems</c>: ShipStation SKU → QuickBooks item full name (default: the SKU).</summary>
    public const string ItemMapping = "qbdItems";

    /// <summary>Audit operation of an order found with an unknown customer or item.</summary>
    public const string OrderFlaggedOperation = "qbd-shipstation.order.flag";

    /// <summary>Audit operation of an order whose customer and items QuickBooks knows.</summary>
    public const string OrderValidatedOperation = "qbd-shipstation.order.validate";

    /// <summary>Audit operation of a shipped order recorded in QuickBooks Desktop.</summary>
    public const string PostOperation = "qbd-shipstation.shipment.post";

    /// <summary>Audit operation of one inventory discrepancy.</summary>
    public const string InventoryOperation = "qbd-shipstation.inventory.discrepancy";

    /// <summary>Audit operation of the modifyDate poll.</summary>
    public const string PollOperation = "qbd-shipstation.poll";
}

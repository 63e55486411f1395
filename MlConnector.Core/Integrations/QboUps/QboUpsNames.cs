namespace MlConnector.Core.Integrations.QboUps;

/// <summary>Names the QBO ↔ UPS integration uses in settings, secrets, mappings, audit rows, the ledger and schedules.</summary>
public static class QboUpsNames
{
    /// <summary>The secret purpose of the UPS shipper (account) number, sent as <c>x-merchant-id</c> and as the shipper number.</summary>
    public const string ShipperNumberPurpose = "ups-merchant-id";

    /// <summary>Mapping table: QBO ship method (ShipMethodRef value or name) → UPS service code.</summary>
    public const string ShipMethodMapping = "shipMethod";

    /// <summary>Mapping table: QBO Item id → weight of one unit in pounds (decimal with a dot).</summary>
    public const string ItemWeightMapping = "itemWeightLbs";

    /// <summary>Ledger source system of purchase-order work.</summary>
    public const string PurchaseOrderSource = "qbo-po";

    /// <summary>Ledger source system of tracking-number work.</summary>
    public const string TrackingSource = "ups-tracking";

    /// <summary><c>qbo.costPosting</c> value: a Bill to the UPS vendor.</summary>
    public const string PostingBill = "bill";

    /// <summary><c>qbo.costPosting</c> value: a JournalEntry.</summary>
    public const string PostingJournal = "journal";
}

namespace MlConnector.Core.Connections;

/// <summary>
/// The five integration kinds and the settings each of their systems accepts (see DESIGN.md, "The integrations").
/// Credentials are never settings; they go to the secret store.
/// </summary>
public static class IntegrationKinds
{
    /// <summary>ShipStation → QuickBooks Online.</summary>
    public const string ShipStationQbo = "shipstation-qbo";

    /// <summary>QuickBooks Online ↔ UPS.</summary>
    public const string QboUps = "qbo-ups";

    /// <summary>FreshBooks ↔ UPS.</summary>
    public const string FreshBooksUps = "freshbooks-ups";

    /// <summary>QuickBooks Desktop ↔ ShipStation.</summary>
    public const string QbdShipStation = "qbd-shipstation";

    /// <summary>QuickBooks Online ↔ SPS Commerce.</summary>
    public const string QboSps = "qbo-sps";

    private static readonly SettingDefinition BaseUrl = new("baseUrl", SettingType.Url, false, "Overrides the vendor's API base URL (sandbox or simulator).");

    private static readonly SystemDefinition ShipStation = new("shipstation", [
        new("apiVersion", SettingType.Choice, false, "ShipStation API generation: v1 (Basic auth with key and secret) or v2 (API-Key header).", ["v1", "v2"]),
        new("storeId", SettingType.Digits, false, "Only orders of this ShipStation store are synced."),
        BaseUrl,
    ]);

    private static readonly SystemDefinition Qbo = new("qbo", [
        new("realmId", SettingType.Digits, false, "The QuickBooks Online company id; set by the OAuth callback."),
        new("environment", SettingType.Choice, false, "Intuit environment.", ["sandbox", "production"]),
        BaseUrl,
    ], RoutingSetting: "realmId");

    private static readonly SettingDefinition[] UpsCommon =
    [
        new("environment", SettingType.Choice, false, "UPS environment: cie (test) or production.", ["cie", "production"]),
        new("negotiatedRates", SettingType.Boolean, false, "Ask UPS for negotiated rates when rating."),
        new("serviceCode", SettingType.Digits, false, "The UPS service used when the document names no mapped ship method, for example 03 (Ground); default 03."),
        new("packageWeightLbs", SettingType.PositiveDecimal, false, "The package weight in pounds when no item weights are mapped; default 1."),
        new("trackingSource", SettingType.Choice, false, "How package statuses arrive: trackalert (UPS Track Alert pushes; default) or quantumview (the Quantum View events, read every few minutes).", ["trackalert", "quantumview"]),
        new("quantumViewSubscription", SettingType.Text, false, "The Quantum View subscription name to read (up to 21 alphanumerics); all of the account's when empty."),
        BaseUrl,
    ];

    private static readonly SystemDefinition Ups = new("ups", UpsCommon);

    private static readonly SystemDefinition QboForUps = new("qbo", [
        .. Qbo.Settings,
        new("costPosting", SettingType.Choice, false, "How UPS shipping costs and tracking reach QBO: bill (a Bill to the UPS vendor, tracking in its memo) or journal (a JournalEntry); default bill.", ["bill", "journal"]),
        new("expenseAccountId", SettingType.Digits, false, "The QBO expense Account the shipping cost is charged to (for example Freight In); needed before the first shipment."),
        new("upsVendorId", SettingType.Digits, false, "The QBO Vendor the bill is owed to (UPS); required when costPosting is bill."),
        new("journalCreditAccountId", SettingType.Digits, false, "The QBO Account credited by the journal entry (for example Accrued Freight); required when costPosting is journal."),
    ], RoutingSetting: "realmId");

    private static readonly SystemDefinition FreshBooks = new("freshbooks", [
        new("accountId", SettingType.Text, false, "The FreshBooks account id; set by the OAuth callback."),
        new("businessId", SettingType.Digits, false, "The FreshBooks business id; set by the OAuth callback."),
        new("shipFlag", SettingType.Choice, false, "Which invoices ship with UPS: line (a line whose item is shipFlagText, default) or notes (shipFlagText in the notes).", ["line", "notes"]),
        new("shipFlagText", SettingType.Text, false, "The flagging item name (default Shipping) or notes marker (default [ship-ups])."),
        new("trackingWriteBack", SettingType.Choice, false, "Where tracking goes on the invoice: notes (a block at the end, default) or line (a zero-amount UPS tracking line).", ["notes", "line"]),
        BaseUrl,
    ], RoutingSetting: "accountId");

    private static readonly SystemDefinition Qbd = new("qbd", [
        new("qbwcUserName", SettingType.Text, true, "The user name the QuickBooks Web Connector presents; its password is a secret."),
        new("companyFile", SettingType.Text, false, "The company file path to open; empty means the file open in QuickBooks."),
        new("runEveryMinutes", SettingType.Digits, false, "How often the Web Connector runs the update (the .qwc's Scheduler/RunEveryNMinutes); default 15."),
        new("posting", SettingType.Choice, false, "How a shipped order is recorded in QuickBooks Desktop: invoice (default) or journal (a journal entry).", ["invoice", "journal"]),
        new("timeZone", SettingType.Text, false, "The company's time zone (IANA id, for example America/New_York): dates a shipment known only as an instant; default UTC."),
        new("receivableAccount", SettingType.Text, false, "Journal posting: the account debited (full name); default Accounts Receivable."),
        new("incomeAccount", SettingType.Text, false, "Journal posting: the account credited with the order total (full name); default Sales."),
    ], UniqueSetting: "qbwcUserName");

    private static readonly SystemDefinition QboForSps = new("qbo", [
        .. Qbo.Settings,
        new("orderPosting", SettingType.Choice, false, "What an inbound SPS 850 becomes in QBO: purchaseorder (a PurchaseOrder to the partner's vendor, default) or estimate (an Estimate to the partner's customer, which the invoice then bills).", ["purchaseorder", "estimate"]),
    ], RoutingSetting: "realmId");

    private static readonly SystemDefinition Sps = new("sps", [
        new("environment", SettingType.Choice, false, "SPS Commerce environment.", ["test", "production"]),
        BaseUrl,
    ]);

    /// <summary>Every integration kind, by id.</summary>
    public static IReadOnlyDictionary<string, IntegrationDefinition> All { get; } = new Dictionary<string, IntegrationDefinition>(StringComparer.Ordinal)
    {
        [ShipStationQbo] = new(ShipStationQbo, "ShipStation orders and shipments → QuickBooks Online customers and invoices", [ShipStation, Qbo]),
        [QboUps] = new(QboUps, "QuickBooks Online purchase orders → UPS shipments; tracking and costs → bills or journal entries", [QboForUps, Ups]),
        [FreshBooksUps] = new(FreshBooksUps, "FreshBooks invoices → UPS shipments; tracking → invoice lines or notes", [FreshBooks, Ups]),
        [QbdShipStation] = new(QbdShipStation, "ShipStation shipped orders → QuickBooks Desktop invoices through the Web Connector", [Qbd, ShipStation]),
        [QboSps] = new(QboSps, "SPS Commerce 850 purchase orders → QBO; QBO invoices and ship notices → 810/856", [QboForSps, Sps]),
    };
}

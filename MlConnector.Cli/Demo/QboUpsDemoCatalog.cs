using System.Text.Json.Nodes;
using MlConnector.Core.Connectors.Ups;
using MlConnector.Sandbox.QuickBooksOnline;

namespace MlConnector.Cli.Demo;

/// <summary>
/// The QBO ↔ UPS demo company, Demo Outfitters: its chart of accounts and the UPS vendor (seeded when the sandbox starts),
/// the suppliers and items (seeded by the run), and its purchase orders. Suppliers ship to Demo Outfitters' receiving
/// addresses; one PO goes to the new Missoula store on Higgins Ave, which UPS finds ambiguous until the N is added.
/// All entities are in QBO's own JSON shape (Finance.xsd element names), with fixed Ids so the connection can name them.
/// </summary>
internal static class QboUpsDemoCatalog
{
    /// <summary>The seeded "Freight In" cost account: <c>qbo.expenseAccountId</c>.</summary>
    public const string FreightInAccountId = "80";

    /// <summary>The seeded "UPS" vendor the bills are owed to: <c>qbo.upsVendorId</c>.</summary>
    public const string UpsVendorId = "60";

    /// <summary>The 0-based index of the purchase order whose ship-to address UPS finds ambiguous.</summary>
    public const int AmbiguousIndex = 3;

    /// <summary>The street line QuickBooks holds for the Missoula store before the correction.</summary>
    public const string AmbiguousStreet = "300 Higgins Ave";

    /// <summary>The corrected street line.</summary>
    public const string CorrectedStreet = "300 N Higgins Ave";

    private const string MissoulaCity = "Missoula";
    private const string MissoulaZip = "59802";

    private static readonly (string Id, string Name, string Street, string City, string State, string Zip, string Phone)[] Suppliers =
    [
        ("61", "Cascade Textile Mills", "2200 NW Front Ave", "Portland", "OR", "97209", "(503) 555-0142"),
        ("62", "Summit Gear Works", "1550 Wynkoop St", "Denver", "CO", "80202", "(303) 555-0178"),
        ("63", "Blue Ridge Leather Co.", "85 Biltmore Ave", "Asheville", "NC", "28801", "(828) 555-0119"),
        ("64", "Great Lakes Outdoor Supply", "1200 W Fulton Market", "Chicago", "IL", "60607", "(312) 555-0163"),
    ];

    private static readonly (string Id, string Sku, string Name, decimal Cost, decimal WeightLbs)[] Items =
    [
        ("30", "BL-MERINO-M", "Merino Base Layer", 38.00m, 0.6m),
        ("31", "JKT-DOWN-L", "Down Jacket", 112.50m, 2.1m),
        ("32", "POLE-TREK-PR", "Trekking Poles (pair)", 44.00m, 1.2m),
        ("33", "BOOT-LTHR-10", "Leather Hiking Boots", 96.00m, 3.4m),
        ("34", "DUF-CNVS-60", "Canvas Duffel 60L", 57.25m, 2.8m),
        ("35", "BTL-INS-32", "Insulated Water Bottle", 14.75m, 0.9m),
    ];

    private static readonly (string Name, string Street, string City, string Zip)[] Receiving =
    [
        ("Demo Outfitters Warehouse", "4100 Industrial Way", "Belgrade", "59714"),
        ("Demo Outfitters Flagship Store", "27 E Main St", "Bozeman", "59715"),
    ];

    /// <summary>(supplier index, receiving index, ship method, lines of (item index, quantity)) per purchase order.</summary>
    private static readonly (int Supplier, int ShipTo, string ShipMethod, (int Item, int Qty)[] Lines)[] Orders =
    [
        (0, 0, "UPS Ground", [(0, 24), (5, 36)]),
        (1, 0, "UPS Ground", [(1, 12), (2, 10)]),
        (2, 1, "UPS 2nd Day Air", [(3, 6)]),
        (3, -1, "UPS Ground", [(4, 8), (5, 12)]),
        (0, 1, "UPS Ground", [(0, 10)]),
        (1, 0, "UPS Ground", [(2, 20), (1, 4)]),
        (3, 0, "UPS Ground", [(4, 15)]),
        (2, 0, "UPS 2nd Day Air", [(3, 12), (0, 6)]),
        (1, 1, "UPS Ground", [(1, 6)]),
        (3, 1, "UPS Ground", [(5, 24), (4, 4)]),
    ];

    /// <summary>UPS service per QBO ship method: the connection's <c>shipMethod</c> mapping (Rating.yaml service codes 03 and 02).</summary>
    public static IReadOnlyDictionary<string, string> ShipMethods { get; } = new Dictionary<string, string> { ["UPS Ground"] = "03", ["UPS 2nd Day Air"] = "02" };

    /// <summary>Pounds per unit of each item: the connection's <c>itemWeightLbs</c> mapping.</summary>
    public static IReadOnlyDictionary<string, string> ItemWeights { get; } =
        Items.ToDictionary(i => i.Id, i => i.WeightLbs.ToString(CultureInfo.InvariantCulture));

    /// <summary>The Missoula store as QuickBooks holds it before the correction, as UPS is asked to validate it.</summary>
    public static UpsAddress AmbiguousShipTo { get; } = new("Demo Outfitters Missoula", [AmbiguousStreet], MissoulaCity, "MT", MissoulaZip, "US");

    /// <summary>The corrected Missoula store address.</summary>
    public static UpsAddress CorrectedShipTo { get; } = AmbiguousShipTo with { AddressLines = [CorrectedStreet] };

    /// <summary>What UPS offers for the ambiguous address: Higgins Ave runs north and south of the Clark Fork.</summary>
    public static IReadOnlyList<UpsAddress> AmbiguousCandidates { get; } =
    [
        CorrectedShipTo with { Name = string.Empty },
        AmbiguousShipTo with { Name = string.Empty, AddressLines = ["300 S Higgins Ave"], PostalCode = "59801" },
    ];

    /// <summary>The accounts (Freight In, Accounts Payable, inventory and sales accounts) and the UPS vendor, in QBO's query-response shape.</summary>
    public static string ChartOfAccountsJson() => new JsonObject
    {
        ["QueryResponse"] = new JsonObject
        {
            ["Account"] = new JsonArray(
                Account(FreightInAccountId, "Freight In", "Cost of Goods Sold", "ShippingFreightDeliveryCos"),
                Account("81", "Accounts Payable (A/P)", "Accounts Payable", "AccountsPayable"),
                Account("82", "Inventory Asset", "Other Current Asset", "Inventory"),
                Account("83", "Cost of Goods Sold", "Cost of Goods Sold", "SuppliesMaterialsCogs"),
                Account("84", "Sales of Product Income", "Income", "SalesOfProductIncome")),
            ["Vendor"] = new JsonArray(Vendor(UpsVendorId, "UPS", "United Parcel Service", "55 Glenlake Pkwy NE", "Atlanta", "GA", "30328", "(800) 742-5877")),
        },
    }.ToJsonString();

    /// <summary>The suppliers (with their addresses) and the inventory items, in QBO's query-response shape.</summary>
    public static string SuppliersAndItemsJson() => new JsonObject
    {
        ["QueryResponse"] = new JsonObject
        {
            ["Vendor"] = new JsonArray([.. Suppliers.Select(s => (JsonNode)Vendor(s.Id, s.Name, s.Name, s.Street, s.City, s.State, s.Zip, s.Phone))]),
            ["Item"] = new JsonArray([.. Items.Select(i => (JsonNode)new JsonObject
            {
                ["Id"] = i.Id,
                ["Name"] = i.Name,
                ["Sku"] = i.Sku,
                ["Type"] = "Inventory",
                ["PurchaseCost"] = i.Cost,
                ["TrackQtyOnHand"] = true,
                ["IncomeAccountRef"] = Ref("84", "Sales of Product Income"),
                ["ExpenseAccountRef"] = Ref("83", "Cost of Goods Sold"),
                ["AssetAccountRef"] = Ref("82", "Inventory Asset"),
                ["Active"] = true,
            })]),
        },
    }.ToJsonString();

    /// <summary>The demo purchase orders, <c>{"PurchaseOrder":{…}}</c> each, numbered from 4101, dated <paramref name="txnDate"/>.</summary>
    public static IReadOnlyList<(string DocNumber, string Json)> PurchaseOrders(DateOnly txnDate) => PurchaseOrders(txnDate, Orders.Length, 4101);

    /// <summary>
    /// <paramref name="count"/> purchase orders numbered from <paramref name="firstNumber"/>, cycling through the demo's
    /// suppliers, receiving addresses, ship methods and lines (the fourth of every ten goes to the Missoula store, which UPS
    /// finds ambiguous only when the run seeds <see cref="AmbiguousShipTo"/>).
    /// </summary>
    public static IReadOnlyList<(string DocNumber, string Json)> PurchaseOrders(DateOnly txnDate, int count, int firstNumber) =>
        [.. Enumerable.Range(0, count).Select(i =>
        {
            var order = Orders[i % Orders.Length];
            var supplier = Suppliers[order.Supplier];
            var docNumber = (firstNumber + i).ToString(CultureInfo.InvariantCulture);
            var lines = order.Lines.Select(l => (JsonNode)new JsonObject
            {
                ["DetailType"] = "ItemBasedExpenseLineDetail",
                ["Amount"] = Items[l.Item].Cost * l.Qty,
                ["Description"] = Items[l.Item].Name,
                ["ItemBasedExpenseLineDetail"] = new JsonObject
                {
                    ["ItemRef"] = Ref(Items[l.Item].Id, Items[l.Item].Name),
                    ["Qty"] = l.Qty,
                    ["UnitPrice"] = Items[l.Item].Cost,
                },
            });
            var shipTo = order.ShipTo < 0
                ? Address(AmbiguousShipTo.Name, AmbiguousStreet, MissoulaCity, "MT", MissoulaZip)
                : Address(Receiving[order.ShipTo].Name, Receiving[order.ShipTo].Street, Receiving[order.ShipTo].City, "MT", Receiving[order.ShipTo].Zip);
            var po = new JsonObject
            {
                ["PurchaseOrder"] = new JsonObject
                {
                    ["DocNumber"] = docNumber,
                    ["TxnDate"] = txnDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["POStatus"] = "Open",
                    ["VendorRef"] = Ref(supplier.Id, supplier.Name),
                    ["VendorAddr"] = Address(supplier.Name, supplier.Street, supplier.City, supplier.State, supplier.Zip),
                    ["ShipAddr"] = shipTo,
                    ["ShipMethodRef"] = Ref(order.ShipMethod, order.ShipMethod),
                    ["APAccountRef"] = Ref("81", "Accounts Payable (A/P)"),
                    ["Line"] = new JsonArray([.. lines]),
                },
            };
            return (docNumber, po.ToJsonString());
        })];

    /// <summary>Creates a purchase order in the QBO company as a QuickBooks user would (logged as a Create change, so a webhook will carry it).</summary>
    /// <returns>The PurchaseOrder Id QBO gave it.</returns>
    public static string Create(QuickBooksOnlineSimulator qbo, string realmId, (string DocNumber, string Json) order)
    {
        qbo.Seed(realmId, order.Json);
        return (string)qbo.GetEntities(realmId, "PurchaseOrder").Single(p => (string?)p["DocNumber"] == order.DocNumber)["Id"]!;
    }

    private static JsonObject Account(string id, string name, string type, string subType) => new()
    {
        ["Id"] = id,
        ["Name"] = name,
        ["AccountType"] = type,
        ["AccountSubType"] = subType,
        ["Active"] = true,
    };

    private static JsonObject Vendor(string id, string displayName, string companyName, string street, string city, string state, string zip, string phone) => new()
    {
        ["Id"] = id,
        ["DisplayName"] = displayName,
        ["CompanyName"] = companyName,
        ["BillAddr"] = new JsonObject { ["Line1"] = street, ["City"] = city, ["CountrySubDivisionCode"] = state, ["PostalCode"] = zip, ["Country"] = "US" },
        ["PrimaryPhone"] = new JsonObject { ["FreeFormNumber"] = phone },
        ["Active"] = true,
    };

    /// <summary>A PO address as QBO lays out a company address: the name on the first line, the street on the second.</summary>
    private static JsonObject Address(string name, string street, string city, string state, string zip) => new()
    {
        ["Line1"] = name,
        ["Line2"] = street,
        ["City"] = city,
        ["CountrySubDivisionCode"] = state,
        ["PostalCode"] = zip,
        ["Country"] = "US",
    };

    private static JsonObject Ref(string value, string name) => new() { ["value"] = value, ["name"] = name };
}

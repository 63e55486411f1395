using System.Text;
using System.Text.Json.Nodes;
using MlConnector.Core.Connections;
using MlConnector.Core.Integrations.QboSps;

namespace MlConnector.Cli.Demo;

/// <summary>
/// The QBO ↔ SPS Commerce set-up the demo phase and the chaos run share: Demo Retail Supply's connection consented to its
/// own QBO company (seeded with the partners' vendors and customers and the mapped items), SPS sample 850s rewritten for
/// another partner or PO number, and the invoices the merchant enters in QBO for a partner's PO.
/// </summary>
internal static class QboSpsDemoCompany
{
    private const string CompanyJson = """
        {"QueryResponse":{
          "Account":[{"Id":"80","Name":"Cost of Goods Sold","AccountType":"Cost of Goods Sold"},{"Id":"81","Name":"Sales of Product Income","AccountType":"Income"}],
          "Vendor":[{"Id":"56","DisplayName":"SPS Test Retailer (drop-ship)"},{"Id":"57","DisplayName":"DemoMart (drop-ship)"}],
          "Customer":[{"Id":"71","DisplayName":"SPS Test Retailer"},{"Id":"72","DisplayName":"DemoMart"}],
          "Item":[{"Id":"11","Name":"HD-20 Widget","Sku":"SPSSupplierHD-20","Type":"NonInventory","ExpenseAccountRef":{"value":"80"},"IncomeAccountRef":{"value":"81"}},
                  {"Id":"12","Name":"HD-40 Widget","Sku":"SPSSupplierHD-40","Type":"NonInventory","ExpenseAccountRef":{"value":"80"},"IncomeAccountRef":{"value":"81"}},
                  {"Id":"13","Name":"HD-60 Widget","Sku":"SPSSupplierHD-60","Type":"NonInventory","ExpenseAccountRef":{"value":"80"},"IncomeAccountRef":{"value":"81"}}]
        }}
        """;

    /// <summary>Creates the <c>qbo-sps</c> connection through the in-process host, consents it to QBO and seeds its company.</summary>
    /// <param name="sandbox">The demo sandbox (its host still in process).</param>
    /// <param name="cancellationToken">Cancels the set-up.</param>
    /// <returns>The connection's QBO company (realm).</returns>
    public static async Task<string> ConnectAsync(DemoSandbox sandbox, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        var connections = sandbox.Host.Services.GetRequiredService<IConnectionStore>();
        await connections.CreateAsync(QboSpsDemoPhase.Connection(sandbox.Qbo.BaseAddress, sandbox.Sps.BaseAddress), cancellationToken);
        var realmId = await DemoSandbox.ConsentAsync(sandbox.Host.BaseAddress.AbsoluteUri, QboSpsDemoPhase.ConnectionId, connections, cancellationToken);
        sandbox.Qbo.Seed(realmId, CompanyJson);
        return realmId;
    }

    /// <summary>An SPS sample 850 in its own layout, with another partner, PO number, purpose, quantities or an unknown item.</summary>
    public static byte[] Order(byte[] sample, string partner, string number, string purpose, decimal quantityFactor, string? unmappedPart)
    {
        var document = JsonNode.Parse(Encoding.UTF8.GetString(sample).TrimStart('\uFEFF'))!;
        var header = document["Header"]!["OrderHeader"]!;
        header["TradingPartnerId"] = partner;
        header["PurchaseOrderNumber"] = number;
        header["TsetPurposeCode"] = purpose;
        foreach (var line in document["LineItem"]!.AsArray().Select(l => l!["OrderLine"]!))
        {
            line["OrderQty"] = (decimal)line["OrderQty"]! * quantityFactor;
        }

        if (unmappedPart is not null)
        {
            var line = document["LineItem"]![0]!["OrderLine"]!.AsObject();
            line["VendorPartNumber"] = unmappedPart;
            line.Remove("BuyerPartNumber");
            line.Remove("ConsumerPackageCode");
        }

        return Encoding.UTF8.GetBytes(document.ToJsonString());
    }

    /// <summary>An invoice the merchant enters in QBO for a partner's PO: billed to the retailer's customer record, the PO marker in its private note.</summary>
    public static string InvoiceJson(string number, string partner, string po, string customerId, string? trackingNumber) => new JsonObject
    {
        ["QueryResponse"] = new JsonObject
        {
            ["Invoice"] = new JsonArray(new JsonObject
            {
                ["DocNumber"] = number,
                ["ShipDate"] = trackingNumber is null ? null : "2026-07-03",
                ["ShipMethodRef"] = trackingNumber is null ? null : new JsonObject { ["value"] = "UPS Ground", ["name"] = "UPS Ground" },
                ["TrackingNum"] = trackingNumber,
                ["CustomerRef"] = new JsonObject { ["value"] = customerId },
                ["PrivateNote"] = QboSpsOrderMapper.Marker(partner, po),
                ["Line"] = new JsonArray(
                    new JsonObject { ["DetailType"] = "SalesItemLineDetail", ["Amount"] = 600m, ["SalesItemLineDetail"] = new JsonObject { ["ItemRef"] = new JsonObject { ["value"] = "11" }, ["Qty"] = 30m, ["UnitPrice"] = 20m } },
                    new JsonObject { ["DetailType"] = "SalesItemLineDetail", ["Amount"] = 750m, ["SalesItemLineDetail"] = new JsonObject { ["ItemRef"] = new JsonObject { ["value"] = "12" }, ["Qty"] = 75m, ["UnitPrice"] = 10m } }),
            }),
        },
    }.ToJsonString();
}

using System.Text.Json.Nodes;
using MlConnector.Core.Connectors.QuickBooksOnline;
using MlConnector.Sandbox.QuickBooksOnline;

namespace MlConnector.Tests.Connectors.QuickBooksOnline;

/// <summary>
/// Contract checks against Intuit's XSDs: the client's request bodies and the simulator's stored entities (including the
/// demo catalog) use only element and attribute names the XSD defines for their entity type.
/// </summary>
[Trait("Category", "Integration")]
public sealed class QuickBooksOnlineContractTests
{
    private const string Connection = QboClientHarness.ConnectionId;
    private const string Realm = QboClientHarness.RealmId;

    [Fact]
    public void UnknownNames_InventedElement_IsReported()
    {
        // Arrange
        var invoice = JsonNode.Parse("""{"DocNumber":"1","CustomerRef":{"value":"1","name":"x"},"Line":[{"Amount":1,"DetailType":"SalesItemLineDetail","Bogus":1}],"TrackingNumber":"x"}""")!.AsObject();

        // Act
        var unknown = QboXsdContract.Instance.UnknownNames("Invoice", invoice);

        // Assert
        Assert.Equal(["Invoice.Line[].Bogus", "Invoice.TrackingNumber"], unknown);
    }

    [Fact]
    public async Task ClientRequestBodiesAndSimulatorEntities_UseOnlyXsdNames()
    {
        // Arrange
        await using var harness = await QboClientHarness.StartAsync();
        var (_, itemId) = harness.SeedCustomerAndItem();
        harness.Simulator.SeedDemoCatalog("demo-realm");

        // Act
        var customer = await harness.Client.CreateCustomerAsync(
            Connection,
            new QboCustomer
            {
                DisplayName = "Grace Hopper",
                GivenName = "Grace",
                FamilyName = "Hopper",
                PrimaryEmailAddr = new QboEmailAddress("grace@example.com"),
                ShipAddr = new QboPhysicalAddress { Line1 = "1 Navy Way", City = "Arlington", CountrySubDivisionCode = "VA", PostalCode = "22202", Country = "US" },
            },
            "ss-c-grace");
        var invoice = QboClientHarness.NewInvoice(customer.Id!, itemId, "2001") with
        {
            BillEmail = new QboEmailAddress("grace@example.com"),
            ShipAddr = new QboPhysicalAddress { Line1 = "1 Navy Way", City = "Arlington" },
            ShipMethodRef = new QboRef("UPS Ground", "UPS Ground"),
            CustomerMemo = new QboMemo("Thank you"),
            Line =
            [
                .. QboClientHarness.NewInvoice(customer.Id!, itemId, "2001").Line,
                new QboLine { DetailType = "SalesItemLineDetail", Amount = 7.5m, SalesItemLineDetail = new QboSalesItemLineDetail(new QboRef(itemId)) { TaxCodeRef = new QboRef("NON") } },
            ],
        };
        var created = await harness.Client.CreateInvoiceAsync(Connection, invoice, "ss-2001-invoice");
        await harness.Client.UpdateInvoiceAsync(Connection, created.Id!, _ => new QboInvoiceUpdate
        {
            ShipDate = new DateOnly(2026, 11, 24),
            TrackingNum = "1Z999",
            ShipMethodRef = new QboRef("UPS Ground", "UPS Ground"),
            CustomerMemo = new QboMemo("Shipped"),
            PrivateNote = "ml-connector shipstation order 2001",
        });

        // Assert
        var posts = harness.Simulator.GetRequests().Where(r => r.Method == "POST").ToList();
        Assert.Equal(3, posts.Count);
        foreach (var post in posts)
        {
            var entity = post.Path.EndsWith("/customer", StringComparison.Ordinal) ? "Customer" : "Invoice";
            Assert.Empty(QboXsdContract.Instance.UnknownNames(entity, JsonNode.Parse(post.Body!)!.AsObject()));
        }

        foreach (var (realm, entity) in new[] { (Realm, "Customer"), (Realm, "Invoice"), (Realm, "Item"), (Realm, "Account"), ("demo-realm", "Item"), ("demo-realm", "Account") })
        {
            var stored = harness.Simulator.GetEntities(realm, entity);
            Assert.NotEmpty(stored);
            Assert.All(stored, e => Assert.Empty(QboXsdContract.Instance.UnknownNames(entity, e)));
        }
    }
}

using System.Xml.Linq;
using MlConnector.Core.Connectors.QuickBooksOnline;
using MlConnector.Core.Connectors.QuickBooksOnline.Webhooks;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Connectors.QuickBooksOnline.Webhooks;

/// <summary>Both webhook formats, read from Intuit's own samples in contracts/quickbooks-online/webhooks and from multi-realm deliveries.</summary>
public class QboWebhookPayloadTests
{
    [Fact]
    public void Parse_LegacyDocsSample_ReturnsEachEntityWithItsRealmAndUtcTime()
    {
        // Arrange
        var body = File.ReadAllBytes(ContractFiles.PathOf("quickbooks-online/webhooks/legacy-eventNotifications.docs-sample.json"));
        var time = new DateTimeOffset(2015, 10, 5, 21, 42, 19, TimeSpan.Zero);

        // Act
        var changes = QboWebhookPayload.Parse(body);

        // Assert
        Assert.Equal(
            [
                new QboEntityChange("1185883450", "Customer", "1", "Create", time, "1185883450|Customer|1|Create|20151005T214219.000Z"),
                new QboEntityChange("1185883450", "Vendor", "1", "Create", time, "1185883450|Vendor|1|Create|20151005T214219.000Z"),
            ],
            changes);
    }

    [Fact]
    public void Parse_CloudEventsSdkSample_NormalisesTypeAndUsesTheCloudEventId()
    {
        // Arrange
        var body = File.ReadAllBytes(ContractFiles.PathOf("quickbooks-online/webhooks/cloudevents.dotnet-sdk-test.json"));

        // Act
        var change = Assert.Single(QboWebhookPayload.Parse(body));

        // Assert
        Assert.Equal("310687", change.RealmId);
        Assert.Equal("Class", change.EntityName);
        Assert.Equal("1234", change.EntityId);
        Assert.Equal("Create", change.Operation);
        Assert.Equal("d1a3aedd-9670-41bf-a4f9-c148a1cc4e03", change.EventId);
        Assert.Equal(new DateTimeOffset(2025, 10, 7, 19, 59, 7, TimeSpan.Zero).AddTicks(343593), change.OccurredUtc);
    }

    [Fact]
    public void Parse_MultiRealmCloudEvents_KeepsEachEventsRealmAndMapsEntitiesAndOperations()
    {
        // Arrange
        var body = """
            [{"specversion":"1.0","id":"e1","source":"intuit.x","type":"qbo.purchaseorder.created.v1","time":"2026-01-02T03:04:05Z","intuitentityid":"7","intuitaccountid":"111","data":{}},
             {"specversion":"1.0","id":"e2","source":"intuit.x","type":"qbo.billpayment.voided.v1","time":"2026-01-02T03:04:06Z","intuitentityid":"8","intuitaccountid":"222","data":{}},
             {"specversion":"1.0","id":"e3","source":"intuit.x","type":"qbo.journalentry.deleted.v1","intuitentityid":"9","intuitaccountid":"111"},
             {"specversion":"1.0","id":"e4","source":"intuit.x","type":"qbo.customer.merged.v1","intuitentityid":"10","intuitaccountid":"222"},
             {"specversion":"1.0","id":"e5","source":"intuit.x","type":"qbo.invoice.emailed.v1","intuitentityid":"11","intuitaccountid":"111"},
             {"specversion":"1.0","id":"e6","source":"intuit.x","type":"qbo.vendor.updated.v1","intuitentityid":"12","intuitaccountid":"333"}]
            """u8.ToArray();

        // Act
        var changes = QboWebhookPayload.Parse(body);

        // Assert
        Assert.Equal(
            [("111", "PurchaseOrder", "7", "Create", "e1"), ("222", "BillPayment", "8", "Void", "e2"), ("111", "JournalEntry", "9", "Delete", "e3"),
             ("222", "Customer", "10", "Merge", "e4"), ("111", "Invoice", "11", "Emailed", "e5"), ("333", "Vendor", "12", "Update", "e6")],
            changes.Select(c => (c.RealmId, c.EntityName, c.EntityId, c.Operation, c.EventId)));
        Assert.Null(changes[2].OccurredUtc);
    }

    [Fact]
    public void Parse_LegacyWithSeveralRealms_ReturnsEveryNotificationsEntities()
    {
        // Arrange
        var body = """
            {"eventNotifications":[
              {"realmId":"111","dataChangeEvent":{"entities":[{"name":"PurchaseOrder","id":"5","operation":"Update","lastUpdated":"2026-01-02T03:04:05.000Z"}]}},
              {"realmId":"222","dataChangeEvent":{"entities":[{"name":"Bill","id":"6","operation":"Delete","lastUpdated":"2026-01-02T03:04:05-0800"}]}}]}
            """u8.ToArray();

        // Act
        var changes = QboWebhookPayload.Parse(body);

        // Assert
        Assert.Equal([("111", "PurchaseOrder", "5", "Update"), ("222", "Bill", "6", "Delete")], changes.Select(c => (c.RealmId, c.EntityName, c.EntityId, c.Operation)));
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 11, 4, 5, TimeSpan.Zero), changes[1].OccurredUtc);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("""{"eventNotifications":{}}""")]
    [InlineData("""{"eventNotifications":[{"dataChangeEvent":{"entities":[]}}]}""")]
    [InlineData("""{"eventNotifications":[{"realmId":"1","dataChangeEvent":{"entities":[{"name":"Bill","operation":"Create"}]}}]}""")]
    [InlineData("""{"eventNotifications":[{"realmId":"1","dataChangeEvent":{"entities":[{"name":"Bill","id":"2","operation":"Create","lastUpdated":"yesterday"}]}}]}""")]
    [InlineData("""[{"specversion":"1.0","id":"e1","type":"qbo.bill.created.v1","intuitentityid":"7"}]""")]
    [InlineData("""[{"specversion":"1.0","id":"e1","type":"com.other.bill.created","intuitentityid":"7","intuitaccountid":"1"}]""")]
    [InlineData("""[42]""")]
    public void Parse_Malformed_ThrowsFormatException(string body)
    {
        // Act
        var error = Record.Exception(() => QboWebhookPayload.Parse(Encoding.UTF8.GetBytes(body)));

        // Assert
        var format = Assert.IsType<FormatException>(error);
        Assert.False(string.IsNullOrWhiteSpace(format.Message));
    }

    [Fact]
    public void WebhookEntities_EveryName_IsAnEntityOfTheXsds()
    {
        // Arrange: the global elements and types of Intuit's schemas (Currency is a type; its element is CompanyCurrency).
        XNamespace xs = "http://www.w3.org/2001/XMLSchema";
        var elements = System.IO.Directory.GetFiles(ContractFiles.Directory("quickbooks-online/xsd"), "*.xsd")
            .SelectMany(f => XDocument.Load(f).Root!.Elements().Where(e => e.Name == xs + "element" || e.Name == xs + "complexType"))
            .Select(e => (string?)e.Attribute("name"))
            .ToHashSet(StringComparer.Ordinal);

        // Act
        var missing = QboEntityNames.WebhookEntities.Where(n => !elements.Contains(n)).ToList();

        // Assert
        Assert.Empty(missing);
        Assert.Equal("PurchaseOrder", QboEntityNames.Normalize("purchaseorder"));
        Assert.Equal("JournalEntry", QboEntityNames.Normalize("JOURNALENTRY"));
    }
}

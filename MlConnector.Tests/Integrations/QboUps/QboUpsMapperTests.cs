using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.QuickBooksOnline;
using MlConnector.Core.Connectors.Ups;
using MlConnector.Core.Errors;
using MlConnector.Core.Integrations.QboUps;
using MlConnector.Core.Shipping.Ups;

namespace MlConnector.Tests.Integrations.QboUps;

public sealed class QboUpsMapperTests
{
    private static readonly QboUpsSettings Settings = new("bill", "80", "57", null, "03", 2.5m, NegotiatedRates: true);

    [Fact]
    public void ToPlan_CompanyAddressAndMappedItemWeights_NamesFromFirstLineServiceFromShipMethodWeightFromItems()
    {
        // Arrange
        var connection = CreateConnection(new()
        {
            [QboUpsNames.ShipMethodMapping] = new Dictionary<string, string> { ["UPS 2nd Day"] = "02" },
            [QboUpsNames.ItemWeightMapping] = new Dictionary<string, string> { ["9"] = "2.5" },
        });
        var po = CreatePurchaseOrder() with { ShipMethodRef = new QboRef("UPS 2nd Day", "UPS 2nd Day") };

        // Act
        var plan = QboUpsMapper.ToPlan(connection, Settings, po, new QboVendor { Id = "56", DisplayName = "Peachtree Pottery Supply", PrimaryPhone = new QboTelephoneNumber("404-555-0100") });

        // Assert
        Assert.Equal("1001", plan.PurchaseOrderNumber);
        Assert.Equal("02", plan.Request.ServiceCode);
        Assert.Equal(25m, Assert.Single(plan.Request.Packages).Weight);
        Assert.Equal("Mug Works", plan.Request.ShipTo.Name);
        Assert.Equal(["12 Mill Rd"], plan.Request.ShipTo.AddressLines);
        Assert.Equal("US", plan.Request.ShipTo.CountryCode);
        Assert.Equal(plan.Request.ShipTo, plan.Request.Shipper);
        Assert.Equal("Peachtree Pottery Supply", plan.Request.ShipFrom.Name);
        Assert.Equal("404-555-0100", plan.Request.ShipFrom.Phone);
        Assert.Equal("PO 1001", plan.Request.ReferenceNumber);
        Assert.True(plan.Request.NegotiatedRates);
    }

    [Fact]
    public void ToPlan_NoMappings_DefaultServiceAndWeight()
    {
        // Act
        var plan = QboUpsMapper.ToPlan(CreateConnection(new()), Settings, CreatePurchaseOrder(), vendor: null);

        // Assert
        Assert.Equal("03", plan.Request.ServiceCode);
        Assert.Equal(2.5m, plan.Request.Packages[0].Weight);
    }

    [Theory]
    [InlineData(null, "30005", "needs a city")]
    [InlineData("Alpharetta", null, "needs a city")]
    public void ToPlan_ShipToWithoutCityOrPostalCode_ThrowsNamingShipAddr(string? city, string? postalCode, string expected)
    {
        // Arrange
        var po = CreatePurchaseOrder() with { ShipAddr = new QboPhysicalAddress { Line1 = "12 Mill Rd", City = city, CountrySubDivisionCode = "GA", PostalCode = postalCode } };

        // Act
        var error = Assert.Throws<ConnectorValidationException>(() => QboUpsMapper.ToPlan(CreateConnection(new()), Settings, po, null));

        // Assert
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("ShipAddr", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToPlan_CountryThatIsNotAnIsoCode_ThrowsNamingTheField()
    {
        // Arrange
        var po = CreatePurchaseOrder() with { ShipAddr = new QboPhysicalAddress { Line1 = "12 Mill Rd", City = "Alpharetta", CountrySubDivisionCode = "GA", PostalCode = "30005", Country = "Georgia Republic" } };

        // Act
        var error = Assert.Throws<ConnectorValidationException>(() => QboUpsMapper.ToPlan(CreateConnection(new()), Settings, po, null));

        // Assert
        Assert.Contains("ShipAddr.Country", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToBillAndToJournalEntry_Charge_OneExpenseLineOrABalancedPairWithTheDocNumberCutTo21()
    {
        // Arrange
        var plan = QboUpsMapper.ToPlan(CreateConnection(new()), Settings, CreatePurchaseOrder() with { DocNumber = "PO-2026-11-LONG-NUMBER" }, null);
        var request = new CostPostingRequest(new RatedPlan(plan, new UpsRateQuote("03", 14.25m, "USD")), new ShipmentCreated("1ZA1B2C30399999999", ["1ZA1B2C30399999999"], 14.25m, "USD", true));
        var journalSettings = Settings with { CostPosting = "journal", JournalCreditAccountId = "81" };

        // Act
        var bill = QboUpsMapper.ToBill(Settings, request, new DateOnly(2026, 11, 23));
        var entry = QboUpsMapper.ToJournalEntry(journalSettings, request, new DateOnly(2026, 11, 23));

        // Assert
        Assert.Equal("UPS-PO-2026-11-LONG-N", bill.DocNumber);
        Assert.Equal(21, bill.DocNumber!.Length);
        var line = Assert.Single(bill.Line);
        Assert.Equal(14.25m, line.Amount);
        Assert.Equal("80", line.AccountBasedExpenseLineDetail!.AccountRef.Value);
        Assert.Equal("57", bill.VendorRef.Value);
        Assert.Contains("1ZA1B2C30399999999: Label created", bill.PrivateNote, StringComparison.Ordinal);
        Assert.Equal(2, entry.Line.Count);
        Assert.Equal(entry.Line[0].Amount, entry.Line[1].Amount);
        Assert.Equal(("Debit", "80"), (entry.Line[0].JournalEntryLineDetail!.PostingType, entry.Line[0].JournalEntryLineDetail!.AccountRef.Value));
        Assert.Equal(("Credit", "81"), (entry.Line[1].JournalEntryLineDetail!.PostingType, entry.Line[1].JournalEntryLineDetail!.AccountRef.Value));
    }

    [Fact]
    public void StatusTextAndStatusKey_DeliveredEvent_ReadableAndDistinctPerActivity()
    {
        // Arrange
        var delivered = new UpsTrackingStatus("1Z1", true) { StatusType = "D", StatusCode = "011", Description = "Delivered", ActivityLocalTime = new DateTimeOffset(2026, 11, 25, 10, 14, 0, TimeSpan.Zero), Location = "Alpharetta, GA, US" };
        var earlier = delivered with { StatusType = "I", StatusCode = "005", Description = "In Transit", ActivityLocalTime = new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero) };

        // Act
        var text = UpsTrackingText.StatusText(delivered);

        // Assert
        Assert.Equal("Delivered 2026-11-25 10:14 (Alpharetta, GA, US)", text);
        Assert.NotEqual(UpsTrackingText.StatusKey(delivered), UpsTrackingText.StatusKey(earlier));
        Assert.Equal("No UPS tracking information yet", UpsTrackingText.StatusText(new UpsTrackingStatus("1Z2", false)));
    }

    private static Connection CreateConnection(Dictionary<string, IReadOnlyDictionary<string, string>> mappings) => new()
    {
        Id = "qbo-ups-test",
        Kind = IntegrationKinds.QboUps,
        DisplayName = "Mug Works",
        Mappings = mappings,
    };

    private static QboPurchaseOrder CreatePurchaseOrder() => new()
    {
        Id = "130",
        DocNumber = "1001",
        VendorRef = new QboRef("56", "Peachtree Pottery Supply"),
        VendorAddr = new QboPhysicalAddress { Line1 = "100 Peachtree St", City = "Atlanta", CountrySubDivisionCode = "GA", PostalCode = "30303", Country = "US" },
        ShipAddr = new QboPhysicalAddress { Line1 = "Mug Works", Line2 = "12 Mill Rd", City = "Alpharetta", CountrySubDivisionCode = "ga", PostalCode = "30005", Country = "USA" },
        Line = [new QboLine { DetailType = "ItemBasedExpenseLineDetail", Amount = 40m, ItemBasedExpenseLineDetail = new QboItemBasedExpenseLineDetail(new QboRef("9"), 10m, 4m) }],
    };
}

using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using MlConnector.Core.Connectors.QuickBooksDesktop;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Connectors.QuickBooksDesktop;

/// <summary>Every qbXML request we build, validated against Intuit's qbXML 13.0 and 16.0 XSDs (contracts/quickbooks-desktop/qbxml-xsd).</summary>
public sealed class QbXmlRequestsTests
{
    private static readonly Lazy<XmlSchemaSet> Schema13 = new(() => LoadSchema("13.0", "qbxmlops130.xsd"));
    private static readonly Lazy<XmlSchemaSet> Schema16 = new(() => LoadSchema("16.0", "qbxmlops160.xsd"));

    public static TheoryData<string> Requests() => new() { "CustomerQueryByName", "CustomerQueryStart", "CustomerQueryContinue", "ItemQuery", "ItemInventoryQuery", "InvoiceQuery", "InvoiceAdd", "InvoiceMod", "JournalEntryAdd", "InvoiceModLines", "JournalEntryMod", "TxnVoidInvoice", "TxnVoidJournalEntry", "JournalEntryQuery" };

    [Theory]
    [MemberData(nameof(Requests))]
    public void Build_EveryRequest_IsValidQbXml13And16(string which)
    {
        var request = Build(which);

        var v13 = QbXmlDocument.Build(QbXmlVersion.V13, [request]);
        var v16 = QbXmlDocument.Build(QbXmlVersion.V16, [new XElement(request)]);

        Assert.Empty(Validate(v13, Schema13.Value));
        Assert.Empty(Validate(v16, Schema16.Value));
        Assert.Contains("<?qbxml version=\"13.0\"?>", v13, StringComparison.Ordinal);
        Assert.Contains("<?qbxml version=\"16.0\"?>", v16, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ElementsOutOfXsdOrder_AreRejected()
    {
        // Proves the schema set really validates: Memo before TxnDate breaks InvoiceAdd's xsd:sequence.
        var bad = new XElement(
            "InvoiceAddRq",
            new XAttribute("requestID", "1"),
            new XElement("InvoiceAdd", new XElement("CustomerRef", new XElement("FullName", "Ada")), new XElement("Memo", "x"), new XElement("TxnDate", "2026-12-06")));

        Assert.NotEmpty(Validate(QbXmlDocument.Build(QbXmlVersion.V13, [bad]), Schema13.Value));
    }

    [Fact]
    public void Validate_IntuitsOwnJournalEntrySample_IsValid()
    {
        var sample = File.ReadAllText(ContractFiles.PathOf("quickbooks-desktop/qbxml-samples/intuit-xmlfiles/legacy/JournalEntryAddRq.xml"));

        Assert.Empty(Validate(sample, Schema13.Value));
    }

    [Fact]
    public void InvoiceAdd_EscapesMarkupAndRoundsToTheXsdPrecision()
    {
        var invoice = new QbdInvoice("Smith & <Sons>", new DateOnly(2026, 3, 8), "SS-1001", "Order \"1001\"", [new QbdInvoiceLine("Mug", "Mug & saucer", 2.123456m, 12.5m)]);

        var xml = QbXmlDocument.Build(QbXmlVersion.V13, [QbXmlRequests.InvoiceAdd("7", invoice)]);

        Assert.Contains("<FullName>Smith &amp; &lt;Sons&gt;</FullName>", xml, StringComparison.Ordinal);
        Assert.Contains("<Quantity>2.12346</Quantity>", xml, StringComparison.Ordinal);
        Assert.Contains("<TxnDate>2026-03-08</TxnDate>", xml, StringComparison.Ordinal);
        Assert.Empty(Validate(xml, Schema13.Value));
    }

    [Fact]
    public void InvoiceMod_WithLines_SendsEachAsANewLineSoTheOldOnesAreReplaced()
    {
        var xml = QbXmlRequests.InvoiceMod("1", "T-1", "7", lines: [new QbdInvoiceLine("MUG-12", "Mug", 3m, 12.5m)]).ToString(SaveOptions.DisableFormatting);

        Assert.Contains("<InvoiceLineMod><TxnLineID>-1</TxnLineID><ItemRef><FullName>MUG-12</FullName></ItemRef><Desc>Mug</Desc><Quantity>3</Quantity><Rate>12.5</Rate></InvoiceLineMod>", xml, StringComparison.Ordinal);
    }

    [Fact]
    public void JournalEntryMod_Unbalanced_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => QbXmlRequests.JournalEntryMod("1", "T-1", "7", [new QbdJournalLine(true, "Accounts Receivable", 10m, "m"), new QbdJournalLine(false, "Sales", 9m, "m")]));
    }

    [Fact]
    public void JournalEntryAdd_Unbalanced_IsRefused()
    {
        var entry = new QbdJournalEntry(new DateOnly(2026, 3, 8), "SS-1001", "m", [new QbdJournalLine(true, "Accounts Receivable", 10m, "m", "Ada"), new QbdJournalLine(false, "Sales", 9.99m, "m")]);

        Assert.Throws<ArgumentException>(() => QbXmlRequests.JournalEntryAdd("1", entry));
    }

    [Theory]
    [InlineData(16, 0, "16.0")]
    [InlineData(17, 0, "16.0")]
    [InlineData(15, 0, "13.0")]
    [InlineData(13, 0, "13.0")]
    public void Pick_ChoosesTheHighestSupportedVersionNotAboveTheOffer(int major, int minor, string expected)
    {
        Assert.Equal(expected, QbXmlVersion.Pick(major, minor).ToString());
    }

    [Fact]
    public void Pick_BelowTheFloor_IsRefusedWithTheReason()
    {
        var error = Assert.Throws<NotSupportedException>(() => QbXmlVersion.Pick(12, 0));

        Assert.Contains("13.0", error.Message, StringComparison.Ordinal);
    }

    private static XElement Build(string which) => which switch
    {
        "CustomerQueryByName" => QbXmlRequests.CustomerQuery("1", new QbXmlListQuery { FullNames = ["Ada Lovelace", "Grace Hopper"] }),
        "CustomerQueryStart" => QbXmlRequests.CustomerQuery("2", new QbXmlListQuery { MaxReturned = 100, FromModifiedDate = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.FromHours(-5)), Iterator = "Start" }),
        "CustomerQueryContinue" => QbXmlRequests.CustomerQuery("3", new QbXmlListQuery { MaxReturned = 100, Iterator = "Continue", IteratorId = "{eb05f701-e727-472f-8ade-6753c4f67a46}" }),
        "ItemQuery" => QbXmlRequests.ItemQuery("4", new QbXmlListQuery { FullNames = ["MUG-12", "Shipping"] }),
        "ItemInventoryQuery" => QbXmlRequests.ItemInventoryQuery("5", new QbXmlListQuery { MaxReturned = 100, Iterator = "Start" }),
        "InvoiceQuery" => QbXmlRequests.InvoiceQueryByRefNumber("6", ["SS-1001", "SS-1002"], includeLineItems: true),
        "InvoiceAdd" => QbXmlRequests.InvoiceAdd("7", new QbdInvoice("Ada Lovelace", new DateOnly(2026, 12, 6), "SS-1001", "ShipStation order 1001", [new QbdInvoiceLine("MUG-12", "Ceramic mug", 2m, 12.5m)]) { PoNumber = "PO-9", ShipDate = new DateOnly(2026, 12, 6) }),
        "InvoiceMod" => QbXmlRequests.InvoiceMod("8", "1A2B-1234567890", "1234567890", memo: "corrected", shipDate: new DateOnly(2026, 12, 7)),
        "JournalEntryAdd" => QbXmlRequests.JournalEntryAdd("9", new QbdJournalEntry(new DateOnly(2026, 12, 6), "SS-1001", "ShipStation order 1001", [new QbdJournalLine(true, "Accounts Receivable", 25m, "order 1001", "Ada Lovelace"), new QbdJournalLine(false, "Sales", 25m, "order 1001")])),
        "InvoiceModLines" => QbXmlRequests.InvoiceMod("10", "1A2B-1234567890", "1234567890", memo: "corrected", lines: [new QbdInvoiceLine("MUG-12", "Ceramic mug", 3m, 12.5m), new QbdInvoiceLine("LID-1", "Lid", 1m, 2m)]),
        "JournalEntryMod" => QbXmlRequests.JournalEntryMod("11", "1A2C-1234567890", "1234567891", [new QbdJournalLine(true, "Accounts Receivable", 30m, "order 1001", "Ada Lovelace"), new QbdJournalLine(false, "Sales", 30m, "order 1001")]),
        "TxnVoidInvoice" => QbXmlRequests.TxnVoid("12", "Invoice", "1A2B-1234567890"),
        "TxnVoidJournalEntry" => QbXmlRequests.TxnVoid("13", "JournalEntry", "1A2C-1234567890"),
        "JournalEntryQuery" => QbXmlRequests.JournalEntryQueryByRefNumber("14", ["SS-1001"]),
        _ => throw new ArgumentOutOfRangeException(nameof(which)),
    };

    private static XmlSchemaSet LoadSchema(string version, string entry)
    {
        var set = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
        set.Add(null, ContractFiles.PathOf($"quickbooks-desktop/qbxml-xsd/{version}/{entry}"));
        set.Compile();
        return set;
    }

    private static List<string> Validate(string xml, XmlSchemaSet schemas)
    {
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas, DtdProcessing = DtdProcessing.Ignore };
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity}: {e.Message}");
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        while (reader.Read())
        {
        }

        return errors;
    }
}

using MlConnector.Core.Connectors.QuickBooksDesktop;

namespace MlConnector.Tests.Connectors.QuickBooksDesktop;

/// <summary>Reading qbXML responses: status codes, iterators, lenient parsing, and hostile XML refused.</summary>
public sealed class QbXmlDocumentParseTests
{
    [Fact]
    public void Parse_IteratorPage_ReadsEntitiesAndIteratorState()
    {
        const string xml = """
            <?xml version="1.0" ?>
            <QBXML><QBXMLMsgsRs>
              <CustomerQueryRs requestID="2" statusCode="0" statusSeverity="Info" statusMessage="Status OK" iteratorRemainingCount="1900" iteratorID="{eb05f701-e727-472f-8ade-6753c4f67a46}">
                <CustomerRet><ListID>80000001-1234567890</ListID><EditSequence>1234567890</EditSequence><Name>Ada</Name><FullName>Ada Lovelace</FullName><IsActive>true</IsActive><FutureField>x</FutureField></CustomerRet>
                <CustomerRet><ListID>80000002-1234567890</ListID><EditSequence>1234567891</EditSequence><FullName>Grace Hopper</FullName><IsActive>false</IsActive></CustomerRet>
              </CustomerQueryRs>
            </QBXMLMsgsRs></QBXML>
            """;

        var response = Assert.Single(QbXmlDocument.Parse(xml));

        Assert.Equal("2", response.RequestId);
        Assert.Equal(QbXmlStatus.Ok, response.Status);
        Assert.Equal("{eb05f701-e727-472f-8ade-6753c4f67a46}", response.IteratorId);
        Assert.Equal(1900, response.IteratorRemainingCount);
        var customers = response.ListEntities();
        Assert.Equal(["Ada Lovelace", "Grace Hopper"], customers.Select(c => c.FullName));
        Assert.False(customers[1].IsActive);
        Assert.Equal("1234567890", customers[0].EditSequence);
    }

    [Theory]
    [InlineData(0, QbXmlStatus.Ok, true)]
    [InlineData(1, QbXmlStatus.NoMatch, true)]
    [InlineData(530, QbXmlStatus.Warning, true)]
    [InlineData(3100, QbXmlStatus.NameInUse, false)]
    [InlineData(3200, QbXmlStatus.StaleEditSequence, false)]
    [InlineData(3120, QbXmlStatus.Error, false)]
    public void Parse_StatusCodes_AreClassified(int code, QbXmlStatus status, bool succeeded)
    {
        var xml = $"""<?xml version="1.0" ?><QBXML><QBXMLMsgsRs><InvoiceModRs requestID="8" statusCode="{code}" statusSeverity="Error" statusMessage="m" /></QBXMLMsgsRs></QBXML>""";

        var response = Assert.Single(QbXmlDocument.Parse(xml));

        Assert.Equal(status, response.Status);
        Assert.Equal(succeeded, response.Succeeded);
    }

    [Fact]
    public void Parse_InvoiceRet_ReadsTheTransactionKeys()
    {
        const string xml = """<?xml version="1.0" ?><QBXML><QBXMLMsgsRs><InvoiceQueryRs requestID="6" statusCode="0" statusSeverity="Info" statusMessage="Status OK"><InvoiceRet><TxnID>1A2B-1234567890</TxnID><EditSequence>1700000000</EditSequence><TxnDate>2026-12-06</TxnDate><RefNumber>SS-1001</RefNumber></InvoiceRet></InvoiceQueryRs></QBXMLMsgsRs></QBXML>""";

        var invoice = Assert.Single(Assert.Single(QbXmlDocument.Parse(xml)).Transactions());

        Assert.Equal("1A2B-1234567890", invoice.TxnId);
        Assert.Equal("1700000000", invoice.EditSequence);
        Assert.Equal("SS-1001", invoice.RefNumber);
        Assert.Equal(new DateOnly(2026, 12, 6), invoice.TxnDate);
    }

    [Fact]
    public void Parse_ExternalEntity_IsRefusedWithoutReadingTheFile()
    {
        var secret = Path.Combine(Path.GetTempPath(), "mlc-xxe-" + Guid.NewGuid().ToString("N") + ".txt");
        File.WriteAllText(secret, "TOP-SECRET-CONTENT");
        try
        {
            var xml = $"""<?xml version="1.0"?><!DOCTYPE QBXML [<!ENTITY x SYSTEM "file://{secret}">]><QBXML><QBXMLMsgsRs><CustomerQueryRs statusCode="0" statusMessage="&x;" /></QBXMLMsgsRs></QBXML>""";

            var error = Assert.Throws<QbXmlFormatException>(() => QbXmlDocument.Parse(xml));

            Assert.DoesNotContain("TOP-SECRET-CONTENT", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Fact]
    public void Parse_EntityExpansion_IsRefused()
    {
        const string xml = """<?xml version="1.0"?><!DOCTYPE QBXML [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><QBXML><QBXMLMsgsRs><CustomerQueryRs statusCode="0" statusMessage="&c;" /></QBXMLMsgsRs></QBXML>""";

        Assert.Throws<QbXmlFormatException>(() => QbXmlDocument.Parse(xml));
    }

    [Theory]
    [InlineData("not xml at all")]
    [InlineData("<QBXML><SomethingElse/></QBXML>")]
    [InlineData("<QBXML><QBXMLMsgsRs><CustomerQueryRs statusCode=\"zero\" /></QBXMLMsgsRs></QBXML>")]
    public void Parse_NotQbXml_IsAFormatError(string xml)
    {
        Assert.Throws<QbXmlFormatException>(() => QbXmlDocument.Parse(xml));
    }
}

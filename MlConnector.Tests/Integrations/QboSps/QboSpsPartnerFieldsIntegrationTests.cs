using System.Text.Json.Nodes;
using MlConnector.Core.Audit;
using MlConnector.Core.Errors;
using MlConnector.Core.Integrations.QboSps;
using MlConnector.Tests.Integration;

namespace MlConnector.Tests.Integrations.QboSps;

/// <summary>
/// Per-partner required fields: a partner that requires CarrierProNumber and BillOfLadingNumber on the 856, or a Department
/// on the 810, gets no document that lacks them (a data error naming the field and the partner, nothing uploaded); once the
/// merchant fills the invoice's custom fields, the same send goes, with the partner's vendor number.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class QboSpsPartnerFieldsIntegrationTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ShipNotice_PartnerRequiresProAndBolThatTheInvoiceLacks_FailsNamingThemAndUploadsNothingUntilFilled()
    {
        // Arrange: TARGETTESTID requires both on its 856; the BOL lives in the QBO custom field "BOL #".
        await using var s = await QboSpsSandbox.StartAsync(azurite);
        await ConfigureAsync(s, new()
        {
            [QboSpsPartnerFields.RequiredFieldsMapping] = new() { [$"{QboSpsSandbox.PartnerB}/856"] = "Header.ShipmentHeader.CarrierProNumber, Header.ShipmentHeader.BillOfLadingNumber" },
            [QboSpsPartnerFields.CustomFieldMapping] = new() { ["BillOfLadingNumber"] = "BOL #" },
            [QboSpsPartnerFields.VendorNumberMapping] = new() { [QboSpsSandbox.PartnerB] = "VEND6174" },
        });
        var invoiceId = s.CreateInvoice("1020", "72", QboSpsOrderMapper.Marker(QboSpsSandbox.PartnerB, "PO-7020"), SpsShipNoticeSenderIntegrationTests.Shipped("1Z999AA10123456790"), ("11", 1m, 20m));
        var invoice = new QboInvoiceRef(QboSpsSandbox.ConnectionId, invoiceId);

        // Act 1
        var error = await Assert.ThrowsAsync<ConnectorValidationException>(() => s.ShipNoticeSender.SendAsync(invoice));

        // Assert 1: both fields and the partner named; nothing sent; the audit row is the data error.
        Assert.Equal("Header.ShipmentHeader.CarrierProNumber", error.Field);
        Assert.Contains("Trading partner TARGETTESTID requires Header.ShipmentHeader.CarrierProNumber, Header.ShipmentHeader.BillOfLadingNumber on every 856", error.Message, StringComparison.Ordinal);
        Assert.Contains("'BOL #'", error.Message, StringComparison.Ordinal);
        Assert.Empty(s.Sps.Uploaded);
        Assert.Single(s.Audit.Records, r => r.Operation == SpsShipNoticeSender.Operation && r.Outcome == AuditOutcome.Failed && r.ErrorKind == ErrorKind.Validation && r.BusinessKey == "TARGETTESTID/1020");

        // Act 2: the merchant fills the custom fields; the send is retried.
        s.Qbo.TouchEntity(QboSpsSandbox.RealmId, "Invoice", invoiceId, i => i["CustomField"] = new JsonArray(
            new JsonObject { ["DefinitionId"] = "1", ["Name"] = "CarrierProNumber", ["Type"] = "StringType", ["StringValue"] = "PRO-778899" },
            new JsonObject { ["DefinitionId"] = "2", ["Name"] = "BOL #", ["Type"] = "StringType", ["StringValue"] = "BOL-123546879" }));
        var sent = await s.ShipNoticeSender.SendAsync(invoice);

        // Assert 2
        Assert.True(sent.Uploaded);
        var header = JsonNode.Parse(Assert.Single(s.Sps.Uploaded).Content)!;
        Assert.Equal(("PRO-778899", "BOL-123546879"), (header["Header"]!["ShipmentHeader"]!["CarrierProNumber"]!.GetValue<string>(), header["Header"]!["ShipmentHeader"]!["BillOfLadingNumber"]!.GetValue<string>()));
        Assert.Equal("VEND6174", header["OrderLevel"]![0]!["OrderHeader"]!["Vendor"]!.GetValue<string>());
    }

    [Fact]
    public async Task Invoice_PartnerRequiresADepartment_FailsNamingItWhileAnotherPartnersInvoiceGoes()
    {
        // Arrange: only SPSALLTESTID requires a Department on its 810.
        await using var s = await QboSpsSandbox.StartAsync(azurite);
        await ConfigureAsync(s, new()
        {
            [QboSpsPartnerFields.RequiredFieldsMapping] = new() { [$"{QboSpsSandbox.PartnerA}/810"] = "Header.InvoiceHeader.Department" },
        });
        var strict = s.CreateInvoice("1021", "71", QboSpsOrderMapper.Marker(QboSpsSandbox.PartnerA, "PO584615-1"), null, ("11", 1m, 20m));
        var relaxed = s.CreateInvoice("1022", "72", QboSpsOrderMapper.Marker(QboSpsSandbox.PartnerB, "PO-7022"), null, ("11", 1m, 20m));

        // Act
        var error = await Assert.ThrowsAsync<ConnectorValidationException>(() => s.InvoiceSender.SendAsync(new QboInvoiceRef(QboSpsSandbox.ConnectionId, strict)));
        var other = await s.InvoiceSender.SendAsync(new QboInvoiceRef(QboSpsSandbox.ConnectionId, relaxed));

        // Assert
        Assert.Equal("Header.InvoiceHeader.Department", error.Field);
        Assert.Contains("Trading partner SPSALLTESTID requires Header.InvoiceHeader.Department on every 810; 810 1021", error.Message, StringComparison.Ordinal);
        Assert.True(other.Uploaded);
        var uploaded = Assert.Single(s.Sps.Uploaded);
        Assert.Equal(QboSpsSandbox.PartnerB, uploaded.TradingPartnerId);
    }

    private static Task<MlConnector.Core.Connections.Connection> ConfigureAsync(QboSpsSandbox s, Dictionary<string, Dictionary<string, string>> tables) =>
        s.Connections.ChangeAsync(QboSpsSandbox.ConnectionId, c =>
        {
            var mappings = c.Mappings.ToDictionary(kv => kv.Key, kv => kv.Value);
            foreach (var (table, entries) in tables)
            {
                mappings[table] = entries;
            }

            return c with { Mappings = mappings };
        });
}

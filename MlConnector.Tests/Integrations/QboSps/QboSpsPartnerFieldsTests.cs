using System.Text;
using MlConnector.Core.Connections;
using MlConnector.Core.Errors;
using MlConnector.Core.Integrations.QboSps;

namespace MlConnector.Tests.Integrations.QboSps;

/// <summary>The required-field paths of <see cref="QboSpsPartnerFields.EnsureRequired"/>, including <c>[]</c> over arrays.</summary>
public sealed class QboSpsPartnerFieldsTests
{
    private const string Shipment = """
        {"Header":{"ShipmentHeader":{"TradingPartnerId":"P","ShipmentIdentification":"1","CarrierProNumber":"  "}},
         "OrderLevel":[{"OrderHeader":{"PurchaseOrderNumber":"PO1","Vendor":"V1"}},{"OrderHeader":{"PurchaseOrderNumber":"PO2"}}]}
        """;

    [Theory]
    [InlineData("OrderLevel[].OrderHeader.PurchaseOrderNumber", null)]
    [InlineData("OrderLevel[].OrderHeader.Vendor", "OrderLevel[].OrderHeader.Vendor")]
    [InlineData("Header.ShipmentHeader.CarrierProNumber", "Header.ShipmentHeader.CarrierProNumber")]
    [InlineData("Header.ShipmentHeader.ShipmentIdentification,Header.ShipmentHeader.BillOfLadingNumber", "Header.ShipmentHeader.BillOfLadingNumber")]
    [InlineData("ContainerLevel[].Pack", "ContainerLevel[].Pack")]
    public void EnsureRequired_Paths_FailOnlyOnTheMissingOrBlankField(string required, string? missing)
    {
        // Arrange
        var connection = new Connection
        {
            Id = "acme-sps",
            Kind = IntegrationKinds.QboSps,
            Mappings = new Dictionary<string, IReadOnlyDictionary<string, string>> { [QboSpsPartnerFields.RequiredFieldsMapping] = new Dictionary<string, string> { ["P/856"] = required } },
        };

        // Act
        var error = Record.Exception(() => QboSpsPartnerFields.EnsureRequired(connection, "P", "856", Encoding.UTF8.GetBytes(Shipment), "1"));

        // Assert
        Assert.Equal(missing, (error as ConnectorValidationException)?.Field);
        Assert.Equal(missing is null, error is null);
    }
}

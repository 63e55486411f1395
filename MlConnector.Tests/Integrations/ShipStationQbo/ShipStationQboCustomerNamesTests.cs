using MlConnector.Core.Connectors.ShipStation;
using MlConnector.Core.Errors;
using MlConnector.Core.Integrations.ShipStationQbo;

namespace MlConnector.Tests.Integrations.ShipStationQbo;

public class ShipStationQboCustomerNamesTests
{
    [Fact]
    public void Candidates_SameBuyer_SameNamesInTheSameOrder()
    {
        // Arrange
        var buyer = ShipStationBuyer.From(Order("Jane Smith", " Jane.Smith@Example.com "));

        // Act
        var first = ShipStationQboCustomerNames.Candidates(buyer);
        var second = ShipStationQboCustomerNames.Candidates(ShipStationBuyer.From(Order("Jane Smith", "jane.smith@example.com")));

        // Assert
        Assert.Equal(first, second);
        Assert.Equal(3, first.Count);
        Assert.Equal("Jane Smith", first[0]);
        Assert.Equal("Jane Smith (jane.smith@example.com)", first[1]);
        Assert.Matches(@"^Jane Smith \([0-9a-f]{8}\)$", first[2]);
    }

    [Fact]
    public void Candidates_DifferentBuyersOfOneName_DifferOnlyAfterTheFirst()
    {
        var one = ShipStationQboCustomerNames.Candidates(ShipStationBuyer.From(Order("Jane Smith", "a@example.com")));
        var two = ShipStationQboCustomerNames.Candidates(ShipStationBuyer.From(Order("Jane Smith", "b@example.com")));

        Assert.Equal(one[0], two[0]);
        Assert.NotEqual(one[1], two[1]);
        Assert.NotEqual(one[2], two[2]);
    }

    [Fact]
    public void Candidates_LongNameColonsAndLongEmail_FitQboLimitsWithoutColons()
    {
        // Arrange: a 150-character name with a colon and line break, and a 70-character e-mail (too long for a readable suffix).
        var name = "Acme: West\n" + new string('x', 139);
        var email = new string('e', 58) + "@example.com";

        // Act
        var names = ShipStationQboCustomerNames.Candidates(ShipStationBuyer.From(Order(name, email)));

        // Assert
        Assert.Equal(2, names.Count);
        Assert.All(names, n => Assert.True(n.Length <= ShipStationQboCustomerNames.MaxDisplayNameLength, n));
        Assert.All(names, n => Assert.DoesNotContain(':', n));
        Assert.StartsWith("Acme- West xxx", names[0], StringComparison.Ordinal);
        Assert.Matches(@" \([0-9a-f]{8}\)$", names[1]);
    }

    [Fact]
    public void From_KeyPrecedence_EmailThenCustomerIdThenOrder()
    {
        Assert.Equal("jo@example.com", ShipStationBuyer.From(Order("Jo", "JO@example.com", 9)).Key);
        Assert.Equal("shipstation-customer:9", ShipStationBuyer.From(Order("Jo", "no e-mail here", 9)).Key);
        Assert.Equal("shipstation-order:1001", ShipStationBuyer.From(Order("Jo", null)).Key);
        Assert.Equal("ShipStation customer 9", ShipStationBuyer.From(Order(null, null, 9)).Name);
        Assert.Throws<ConnectorValidationException>(() => ShipStationBuyer.From(Order(" ", null)));
    }

    private static ShipStationOrder Order(string? name, string? email, long? customerId = null) => new()
    {
        OrderId = 1,
        OrderNumber = "1001",
        OrderStatus = "awaiting_shipment",
        CustomerName = name,
        CustomerEmail = email,
        CustomerId = customerId,
    };
}

namespace MlConnector.Cli.Demo;

/// <summary>A demo order before it is put into the ShipStation simulator.</summary>
internal sealed record DemoOrder(
    string OrderNumber,
    string CustomerName,
    string CustomerEmail,
    string Street,
    string City,
    string State,
    string PostalCode,
    IReadOnlyList<DemoOrderLine> Lines,
    string ShippingService,
    decimal ShippingAmount,
    decimal TaxAmount,
    DateTimeOffset OrderDateUtc);

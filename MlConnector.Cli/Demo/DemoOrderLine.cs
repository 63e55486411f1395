namespace MlConnector.Cli.Demo;

/// <summary>One line of a demo order.</summary>
internal sealed record DemoOrderLine(string Sku, string Name, int Quantity, decimal UnitPrice);

namespace MlConnector.Cli.Demo;

/// <summary>Realistic, repeatable demo orders: a few repeat buyers, several SKUs, shipping and tax, one unmapped SKU.</summary>
internal static class DemoOrderGenerator
{
    public const string UnmappedSku = "WIDGET-9";

    public static readonly (string Sku, string Name, decimal Price)[] Catalog =
    [
        ("MUG-12-WHT", "Ceramic Mug 12oz", 14.00m),
        ("MUG-16-BLK", "Ceramic Mug 16oz", 16.50m),
        ("KIT-POUR-01", "Pour-Over Coffee Kit", 48.00m),
        ("BEAN-1LB-HOUSE", "Whole Bean Coffee 1lb", 17.95m),
        ("TUMBLER-20-SS", "Stainless Travel Tumbler", 29.99m),
        ("FILTER-100", "Paper Filters (100)", 6.49m),
    ];

    public static readonly string[] ShippingServices = ["UPS Ground", "UPS 2nd Day Air", "USPS Priority Mail"];

    private static readonly decimal[] ShippingCharges = [7.95m, 12.50m, 18.00m];
    private static readonly string[] FirstNames = ["Ava", "Noah", "Mia", "Liam", "Zoe", "Ethan", "Ivy", "Lucas", "Nora", "Owen", "Ruby", "Caleb"];
    private static readonly string[] LastNames = ["Reyes", "Kim", "Patel", "Novak", "Okafor", "Larsen", "Haddad", "Moreau"];
    private static readonly (string City, string State, string Zip)[] Cities =
    [
        ("Boulder", "CO", "80302"), ("Portland", "OR", "97205"), ("Asheville", "NC", "28801"), ("Bozeman", "MT", "59715"), ("Burlington", "VT", "05401"),
    ];

    /// <summary>Builds the demo orders.</summary>
    /// <param name="count">How many orders.</param>
    /// <param name="badOrderIndex">The 0-based index of the order that carries the unmapped SKU.</param>
    /// <param name="startUtc">The first order's time.</param>
    /// <returns>The orders, in order-number order.</returns>
    public static IReadOnlyList<DemoOrder> Generate(int count, int badOrderIndex, DateTimeOffset startUtc)
    {
        var random = new Random(20261123);
        var buyers = Enumerable.Range(0, Math.Max(4, count * 3 / 4)).Select(i =>
        {
            var first = FirstNames[i % FirstNames.Length];
            var last = LastNames[(i / FirstNames.Length + i) % LastNames.Length];
            return (Name: $"{first} {last}", Email: $"{first}.{last}{i}@example.com".ToLowerInvariant());
        }).ToArray();

        var orders = new List<DemoOrder>(count);
        for (var i = 0; i < count; i++)
        {
            var buyer = buyers[random.Next(buyers.Length)];
            var lines = Enumerable.Range(0, random.Next(1, 4))
                .Select(_ => Catalog[random.Next(Catalog.Length)])
                .DistinctBy(c => c.Sku)
                .Select(c => new DemoOrderLine(c.Sku, c.Name, random.Next(1, 3), c.Price))
                .ToList();
            if (i == badOrderIndex)
            {
                lines.Add(new DemoOrderLine(UnmappedSku, "Prototype grinder (not in QuickBooks)", 1, 12.00m));
            }

            var city = Cities[random.Next(Cities.Length)];
            var subtotal = lines.Sum(l => l.UnitPrice * l.Quantity);
            orders.Add(new DemoOrder(
                OrderNumber: (10001 + i).ToString(CultureInfo.InvariantCulture),
                CustomerName: buyer.Name,
                CustomerEmail: buyer.Email,
                Street: $"{random.Next(10, 999)} Roaster Ave",
                City: city.City,
                State: city.State,
                PostalCode: city.Zip,
                Lines: lines,
                ShippingService: ShippingServices[random.Next(ShippingServices.Length)],
                ShippingAmount: ShippingCharges[random.Next(ShippingCharges.Length)],
                TaxAmount: Math.Round(subtotal * 0.0725m, 2, MidpointRounding.AwayFromZero),
                OrderDateUtc: startUtc.AddMinutes(i * 7)));
        }

        return orders;
    }
}

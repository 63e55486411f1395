using MlConnector.Core.Audit;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.QuickBooksOnline;
using MlConnector.Core.Connectors.ShipStation;
using MlConnector.Core.Errors;

namespace MlConnector.Core.Integrations.ShipStationQbo;

/// <summary>
/// Keeps a connection's mappings in step with both systems: polls ShipStation products and carrier services and
/// QBO Items and Accounts; maps a SKU by itself only when exactly one active QBO Item carries that very SKU (never a
/// guess by name); and reports, in the audit trail and its result, every SKU still unmapped, every mapping that points
/// at a missing or inactive Item or Account, every shipping Item that posts to another income account than
/// <c>mappings.shippingAccount</c> says, and every shipping service with neither a mapping nor a default.
/// </summary>
/// <param name="connections">The connection store.</param>
/// <param name="shipStation">The ShipStation client.</param>
/// <param name="qbo">The QBO client.</param>
/// <param name="audit">The audit trail.</param>
public sealed class ShipStationQboMappingPoller(IConnectionStore connections, IShipStationClient shipStation, IQuickBooksOnlineClient qbo, IAuditTrail audit)
{
    /// <summary>Polls one connection.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels the poll.</param>
    /// <returns>What it found and did.</returns>
    /// <exception cref="KeyNotFoundException">When the connection does not exist.</exception>
    public async Task<MappingPollResult> PollAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        var connection = await connections.GetAsync(connectionId, cancellationToken) ?? throw new KeyNotFoundException($"Connection '{connectionId}' does not exist.");
        var products = new List<ShipStationProduct>();
        for (var page = 1; ; page++)
        {
            var batch = await shipStation.ListProductsAsync(connectionId, page, 100, cancellationToken);
            products.AddRange(batch.Items.Where(p => p.Active && !string.IsNullOrWhiteSpace(p.Sku)));
            if (page >= batch.Pages)
            {
                break;
            }
        }

        var items = (await qbo.ListItemsAsync(connectionId, cancellationToken)).ToDictionary(i => i.Id, StringComparer.Ordinal);
        var accounts = (await qbo.ListAccountsAsync(connectionId, cancellationToken)).ToDictionary(a => a.Id, StringComparer.Ordinal);
        var skuMap = connection.Mappings.TryGetValue(ShipStationQboNames.SkuMapping, out var existing)
            ? new Dictionary<string, string>(existing, StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);

        var autoMapped = new List<string>();
        var unmapped = new List<string>();
        foreach (var sku in products.Select(p => p.Sku).Distinct(StringComparer.Ordinal).Where(s => !skuMap.ContainsKey(s)))
        {
            var matches = items.Values.Where(i => i.Active && string.Equals(i.Sku, sku, StringComparison.OrdinalIgnoreCase)).ToList();
            if (matches.Count == 1)
            {
                skuMap[sku] = matches[0].Id;
                autoMapped.Add(sku);
            }
            else
            {
                unmapped.Add(sku);
            }
        }

        var broken = FindBrokenMappings(connection, items, accounts);
        var unmappedServices = await FindUnmappedServicesAsync(connection, cancellationToken);

        if (autoMapped.Count > 0)
        {
            // Add only what this poll mapped, onto the connection as it is now, so a concurrent edit is kept.
            await connections.ChangeAsync(connectionId, current => WithSkuMappings(current, autoMapped.ToDictionary(sku => sku, sku => skuMap[sku], StringComparer.Ordinal)), cancellationToken);
        }

        var result = new MappingPollResult(connectionId, products.Count, autoMapped, unmapped, broken, unmappedServices);
        var problems = unmapped.Count + broken.Count + unmappedServices.Count;
        await audit.WriteAsync(
            new AuditRecord(connectionId, "shipstation-qbo.mapping.poll", problems == 0 ? AuditOutcome.Succeeded : AuditOutcome.Failed)
            {
                ErrorKind = problems == 0 ? null : ErrorKind.Validation,
                Detail = $"{products.Count} active products; mapped by SKU now: {List(autoMapped)}; unmapped SKUs: {List(unmapped)}; broken mappings: {List(broken)}; unmapped shipping services: {List(unmappedServices)}.",
            },
            cancellationToken);
        return result;
    }

    private static List<string> FindBrokenMappings(Connection connection, Dictionary<string, QboItem> items, Dictionary<string, QboAccount> accounts)
    {
        var broken = new List<string>();
        foreach (var table in new[] { ShipStationQboNames.SkuMapping, ShipStationQboNames.ShippingMethodMapping, ShipStationQboNames.DefaultsMapping })
        {
            if (!connection.Mappings.TryGetValue(table, out var entries))
            {
                continue;
            }

            foreach (var (key, itemId) in entries)
            {
                if (!items.TryGetValue(itemId, out var item) || !item.Active)
                {
                    broken.Add($"mappings.{table}.{key} → QBO Item {itemId} is missing or inactive");
                }
            }
        }

        if (connection.Mappings.TryGetValue(ShipStationQboNames.ShippingAccountMapping, out var shippingAccounts))
        {
            foreach (var (method, accountId) in shippingAccounts)
            {
                if (!accounts.TryGetValue(accountId, out var account) || !account.Active)
                {
                    broken.Add($"mappings.{ShipStationQboNames.ShippingAccountMapping}.{method} → QBO Account {accountId} is missing or inactive");
                }
                else if (connection.GetMapping(ShipStationQboNames.ShippingMethodMapping, method) is { } itemId
                    && items.TryGetValue(itemId, out var item) && item.IncomeAccountRef is { } posts && posts.Value != accountId)
                {
                    broken.Add($"mappings.{ShipStationQboNames.ShippingMethodMapping}.{method} → QBO Item {itemId} posts to account {posts.Value}, not {accountId}");
                }
            }
        }

        return broken;
    }

    private static Connection WithSkuMappings(Connection connection, Dictionary<string, string> added)
    {
        var mappings = connection.Mappings.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var skus = mappings.TryGetValue(ShipStationQboNames.SkuMapping, out var current)
            ? new Dictionary<string, string>(current, StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (sku, itemId) in added)
        {
            skus.TryAdd(sku, itemId);
        }

        mappings[ShipStationQboNames.SkuMapping] = skus;
        return connection with { Mappings = mappings };
    }

    private static string List(List<string> values) => values.Count == 0 ? "none" : string.Join(", ", values);

    private async Task<List<string>> FindUnmappedServicesAsync(Connection connection, CancellationToken cancellationToken)
    {
        if (connection.GetMapping(ShipStationQboNames.DefaultsMapping, ShipStationQboNames.ShippingItemKey) is not null)
        {
            return [];
        }

        var unmapped = new List<string>();
        foreach (var carrier in await shipStation.ListCarriersAsync(connection.Id, cancellationToken))
        {
            foreach (var service in await shipStation.ListCarrierServicesAsync(connection.Id, carrier.Code, cancellationToken))
            {
                var key = $"{service.CarrierCode}/{service.Code}";
                if (connection.GetMapping(ShipStationQboNames.ShippingMethodMapping, key) is null && connection.GetMapping(ShipStationQboNames.ShippingMethodMapping, service.Name) is null)
                {
                    unmapped.Add(key);
                }
            }
        }

        return unmapped;
    }
}

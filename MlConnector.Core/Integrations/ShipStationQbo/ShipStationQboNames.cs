using MlConnector.Core.Connections;

namespace MlConnector.Core.Integrations.ShipStationQbo;

/// <summary>Names the ShipStation → QBO integration uses in secrets, mappings, audit rows and the ledger.</summary>
public static class ShipStationQboNames
{
    /// <summary>Mapping table: SKU → QBO Item id.</summary>
    public const string SkuMapping = "sku";

    /// <summary>Mapping table: shipping method (ShipStation requested service, or carrier/service code) → QBO Item id of the shipping line.</summary>
    public const string ShippingMethodMapping = "shippingMethod";

    /// <summary>Mapping table: shipping method → QBO income Account id the shipping item must post to (checked by the mapping poll).</summary>
    public const string ShippingAccountMapping = "shippingAccount";

    /// <summary>Mapping table of defaults: <see cref="FallbackItemKey"/>, <see cref="ShippingItemKey"/>, <see cref="TaxItemKey"/>.</summary>
    public const string DefaultsMapping = "defaults";

    /// <summary>Defaults key: the QBO Item used for a SKU without mapping (when absent, an unmapped SKU fails the order).</summary>
    public const string FallbackItemKey = "fallbackItem";

    /// <summary>Defaults key: the QBO Item used for shipping when the order's method has no mapping.</summary>
    public const string ShippingItemKey = "shippingItem";

    /// <summary>Defaults key: the QBO Item that carries the tax ShipStation collected, as its own line.</summary>
    public const string TaxItemKey = "taxItem";

    /// <summary>The source system code in ledger keys.</summary>
    public const string SourceSystem = "shipstation";

    /// <summary>The schedule (and job) name of the reconciliation poll: <c>Schedules:ShipStationQboReconcile</c>.</summary>
    public const string ReconcileJobName = "ShipStationQboReconcile";

    /// <summary>The schedule (and job) name of the mapping poll: <c>Schedules:ShipStationQboMappingPoll</c>.</summary>
    public const string MappingPollJobName = "ShipStationQboMappingPoll";

    /// <summary>The ShipStation store a connection is scoped to (<c>shipstation.storeId</c>), if any.</summary>
    /// <param name="connection">The connection.</param>
    /// <returns>The store id, or null for every store.</returns>
    public static long? StoreIdOf(Connection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.GetSetting("shipstation", "storeId") is { } store ? long.Parse(store, CultureInfo.InvariantCulture) : null;
    }
}

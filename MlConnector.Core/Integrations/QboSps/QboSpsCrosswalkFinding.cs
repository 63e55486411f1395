namespace MlConnector.Core.Integrations.QboSps;

/// <summary>One finding of the crosswalk check (<see cref="QboSpsCrosswalkCheck"/>).</summary>
/// <param name="Table">The mapping table: <c>spsItems</c>, <c>spsPartners</c> or <c>spsCustomers</c>.</param>
/// <param name="Source">The mapped SPS value (part number or TradingPartnerId); null for a QBO record no mapping points at.</param>
/// <param name="QboEntity">The QBO entity: <c>Item</c>, <c>Account</c>, <c>Vendor</c> or <c>Customer</c>.</param>
/// <param name="QboId">The QBO id.</param>
/// <param name="QboName">The QBO name, when the record exists.</param>
/// <param name="Problem">For people: what is wrong or what to map.</param>
public sealed record QboSpsCrosswalkFinding(string Table, string? Source, string QboEntity, string QboId, string? QboName, string Problem)
{
    /// <summary>The audit business key: <c>mappings.{table}.{source}</c> for a broken mapping, <c>qbo.{entity}.{id}</c> for an unmapped record.</summary>
    public string BusinessKey => Source is null ? $"qbo.{QboEntity}.{QboId}" : $"mappings.{Table}.{Source}";
}

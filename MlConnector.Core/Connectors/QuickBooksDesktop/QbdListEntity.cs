using System.Xml.Linq;

namespace MlConnector.Core.Connectors.QuickBooksDesktop;

/// <summary>A list entity as QuickBooks returned it (<c>CustomerRet</c>, <c>ItemInventoryRet</c>, <c>ItemServiceRet</c>, …).</summary>
/// <param name="Type">The Ret element name, for example <c>ItemInventoryRet</c>.</param>
/// <param name="ListId">The <c>ListID</c>.</param>
/// <param name="FullName">The <c>FullName</c> (or <c>Name</c>).</param>
/// <param name="EditSequence">The current <c>EditSequence</c>.</param>
/// <param name="IsActive">False when <c>IsActive</c> is false.</param>
/// <param name="QuantityOnHand">The <c>QuantityOnHand</c> of an inventory item, else null.</param>
public sealed record QbdListEntity(string Type, string ListId, string FullName, string EditSequence, bool IsActive, decimal? QuantityOnHand)
{
    /// <summary>Reads a Ret element leniently (missing fields become empty).</summary>
    /// <param name="ret">The element.</param>
    /// <returns>The entity.</returns>
    public static QbdListEntity From(XElement ret)
    {
        ArgumentNullException.ThrowIfNull(ret);
        return new QbdListEntity(
            ret.Name.LocalName,
            (string?)ret.Element("ListID") ?? string.Empty,
            (string?)ret.Element("FullName") ?? (string?)ret.Element("Name") ?? string.Empty,
            (string?)ret.Element("EditSequence") ?? string.Empty,
            !string.Equals((string?)ret.Element("IsActive"), "false", StringComparison.OrdinalIgnoreCase),
            decimal.TryParse((string?)ret.Element("QuantityOnHand"), NumberStyles.Number, CultureInfo.InvariantCulture, out var quantity) ? quantity : null);
    }
}

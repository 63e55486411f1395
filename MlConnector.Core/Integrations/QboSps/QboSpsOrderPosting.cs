using MlConnector.Core.Connections;
using MlConnector.Core.Errors;

namespace MlConnector.Core.Integrations.QboSps;

/// <summary>
/// What an inbound 850 becomes in QBO, per connection (setting <c>qbo.orderPosting</c>): a <c>PurchaseOrder</c> to the
/// partner's QBO vendor (<see cref="PurchaseOrder"/>, the default: drop-ship and back-to-back buying) or an
/// <c>Estimate</c> to the partner's QBO customer (<see cref="Estimate"/>, QBO's sales-order equivalent: the books of a
/// supplier selling to the retailer), which the invoice then bills through its <c>LinkedTxn</c>.
/// </summary>
/// <remarks>Source: contracts/quickbooks-online/xsd/Finance.xsd (<c>PurchaseOrder</c>, <c>Estimate</c>, <c>LinkedTxn</c>).</remarks>
public static class QboSpsOrderPosting
{
    /// <summary>The setting (system <c>qbo</c>) that chooses the posting.</summary>
    public const string SettingName = "orderPosting";

    /// <summary>An 850 becomes a QBO PurchaseOrder (the default).</summary>
    public const string PurchaseOrder = "purchaseorder";

    /// <summary>An 850 becomes a QBO Estimate to the retailer as customer.</summary>
    public const string Estimate = "estimate";

    /// <summary>
    /// Trading partners as customers: SPS <c>TradingPartnerId</c> → the QBO Customer id the partner's 850s become estimates
    /// for (mapping table <c>spsCustomers</c>; used when the posting is <see cref="Estimate"/>).
    /// </summary>
    public const string CustomerMapping = "spsCustomers";

    /// <summary>The QBO entity name of each posting.</summary>
    /// <param name="posting"><see cref="PurchaseOrder"/> or <see cref="Estimate"/>.</param>
    /// <returns><c>PurchaseOrder</c> or <c>Estimate</c>.</returns>
    public static string EntityName(string posting) => posting == Estimate ? "Estimate" : "PurchaseOrder";

    /// <summary>The connection's posting.</summary>
    /// <param name="connection">The connection.</param>
    /// <returns><see cref="PurchaseOrder"/> when the setting is absent.</returns>
    /// <exception cref="ConnectorValidationException">When the setting holds anything else.</exception>
    public static string Of(Connection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.GetSetting("qbo", SettingName)?.Trim().ToLowerInvariant() switch
        {
            null or "" or PurchaseOrder => PurchaseOrder,
            Estimate => Estimate,
            var other => throw new ConnectorValidationException(IntegrationKinds.QboSps, $"Connection {connection.Id}: qbo.{SettingName} '{other}' is not {PurchaseOrder} or {Estimate}.", field: $"settings.qbo.{SettingName}"),
        };
    }
}

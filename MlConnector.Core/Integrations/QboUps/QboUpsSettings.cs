using MlConnector.Core.Connections;
using MlConnector.Core.Errors;

namespace MlConnector.Core.Integrations.QboUps;

/// <summary>A <c>qbo-ups</c> connection's settings, read and checked together.</summary>
/// <param name="CostPosting"><see cref="QboUpsNames.PostingBill"/> or <see cref="QboUpsNames.PostingJournal"/>.</param>
/// <param name="ExpenseAccountId">The QBO expense Account charged with the shipping cost.</param>
/// <param name="UpsVendorId">The QBO Vendor the bill is owed to (bill posting).</param>
/// <param name="JournalCreditAccountId">The QBO Account credited (journal posting).</param>
/// <param name="ServiceCode">The default UPS service code.</param>
/// <param name="PackageWeightLbs">The default package weight in pounds.</param>
/// <param name="NegotiatedRates">Whether to ask UPS for negotiated rates.</param>
public sealed record QboUpsSettings(
    string CostPosting,
    string ExpenseAccountId,
    string? UpsVendorId,
    string? JournalCreditAccountId,
    string ServiceCode,
    decimal PackageWeightLbs,
    bool NegotiatedRates)
{
    /// <summary>The UPS service used when nothing else is configured: 03, UPS Ground (Rating.yaml service codes).</summary>
    public const string DefaultServiceCode = "03";

    /// <summary>Reads the settings of a connection.</summary>
    /// <param name="connection">The connection.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="ConnectorValidationException">When a required setting is missing, naming it (for example <c>settings.qbo.upsVendorId</c>).</exception>
    public static QboUpsSettings From(Connection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var posting = connection.GetSetting("qbo", "costPosting") ?? QboUpsNames.PostingBill;
        var expense = Required(connection, "qbo", "expenseAccountId");
        var vendor = connection.GetSetting("qbo", "upsVendorId");
        var credit = connection.GetSetting("qbo", "journalCreditAccountId");
        if (posting == QboUpsNames.PostingBill && string.IsNullOrWhiteSpace(vendor))
        {
            throw Missing(connection, "qbo", "upsVendorId", "costPosting is bill");
        }

        if (posting == QboUpsNames.PostingJournal && string.IsNullOrWhiteSpace(credit))
        {
            throw Missing(connection, "qbo", "journalCreditAccountId", "costPosting is journal");
        }

        var weight = connection.GetSetting("ups", "packageWeightLbs") is { } text
            ? decimal.Parse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture)
            : 1m;
        return new QboUpsSettings(
            posting,
            expense,
            vendor,
            credit,
            connection.GetSetting("ups", "serviceCode") ?? DefaultServiceCode,
            weight,
            string.Equals(connection.GetSetting("ups", "negotiatedRates"), "true", StringComparison.Ordinal));
    }

    private static string Required(Connection connection, string system, string name) =>
        connection.GetSetting(system, name) is { Length: > 0 } value ? value : throw Missing(connection, system, name, null);

    private static ConnectorValidationException Missing(Connection connection, string system, string name, string? because) =>
        new(
            Connections.IntegrationKinds.QboUps,
            $"Connection '{connection.Id}' needs settings.{system}.{name}{(because is null ? string.Empty : " because " + because)}.",
            field: $"settings.{system}.{name}");
}

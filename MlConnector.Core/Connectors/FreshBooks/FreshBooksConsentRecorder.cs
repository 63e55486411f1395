using MlConnector.Core.Auth;
using MlConnector.Core.Connections;
using MlConnector.Core.Errors;

namespace MlConnector.Core.Connectors.FreshBooks;

/// <summary>
/// After FreshBooks consent, reads <c>GET /auth/api/v1/users/me</c> and records the business's <c>account_id</c>
/// (<c>settings.freshbooks.accountId</c>, which scopes every accounting and callback call and routes webhooks) and
/// <c>business_id</c> (<c>settings.freshbooks.businessId</c>) on the connection (PROTOCOL-NOTES §4, "Identity";
/// python-sdk-fixtures/auth_me_response.json). A user in several businesses: the one the connection already names is
/// kept, else the first membership FreshBooks lists.
/// </summary>
/// <param name="client">The FreshBooks client.</param>
/// <param name="connections">The connection store.</param>
public sealed class FreshBooksConsentRecorder(IFreshBooksClient client, IConnectionStore connections) : IOAuthConsentRecorder
{
    /// <inheritdoc />
    public string Provider => FreshBooksAuthHandler.Provider;

    /// <inheritdoc />
    public async Task<string> RecordAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        var identity = await client.GetIdentityAsync(connectionId, cancellationToken);
        FreshBooksBusiness? chosen = null;
        await connections.ChangeAsync(
            connectionId,
            connection =>
            {
                var current = connection.GetSetting(FreshBooksClient.Connector, FreshBooksClient.AccountIdSetting);
                chosen = identity.Businesses.FirstOrDefault(b => b.AccountId == current) ?? (identity.Businesses.Count > 0 ? identity.Businesses[0] : null)
                    ?? throw new ConnectorValidationException(FreshBooksClient.Connector, "The FreshBooks user who consented belongs to no business with an accounting account.", field: "business_memberships");
                return WithSettings(connection, chosen);
            },
            cancellationToken);
        return string.Create(CultureInfo.InvariantCulture, $"FreshBooks account {chosen!.AccountId} (business {chosen.BusinessId})");
    }

    private static Connection WithSettings(Connection connection, FreshBooksBusiness business)
    {
        var settings = connection.Settings.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var system = settings.TryGetValue(FreshBooksClient.Connector, out var values) ? values.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal) : [];
        system[FreshBooksClient.AccountIdSetting] = business.AccountId;
        system[FreshBooksClient.BusinessIdSetting] = business.BusinessId.ToString(CultureInfo.InvariantCulture);
        settings[FreshBooksClient.Connector] = system;
        return connection with { Settings = settings };
    }
}

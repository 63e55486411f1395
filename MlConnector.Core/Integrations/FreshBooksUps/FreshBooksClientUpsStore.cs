using MlConnector.Core.Errors;
using MlConnector.Core.Secrets;

namespace MlConnector.Core.Integrations.FreshBooksUps;

/// <summary>
/// Reads and writes <see cref="FreshBooksClientUpsData"/>: one secret per FreshBooks client,
/// <c>conn-{connectionId}-freshbooks-client-{clientId}-ups</c>, so the UPS account number of a client is encrypted at rest
/// and never in a setting, an audit row or a workflow payload. An operator sets it with
/// <c>PUT /api/connections/{id}/secrets/freshbooks-client-{clientId}-ups</c> and the JSON as the value.
/// </summary>
/// <param name="secrets">The secret store.</param>
public sealed class FreshBooksClientUpsStore(ISecretStore secrets)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The secret purpose of a client's UPS data.</summary>
    /// <param name="clientId">The FreshBooks client id.</param>
    /// <returns>The purpose, <c>freshbooks-client-{clientId}-ups</c>.</returns>
    public static string Purpose(long clientId) => "freshbooks-client-" + clientId.ToString(CultureInfo.InvariantCulture) + "-ups";

    /// <summary>Reads a client's UPS data.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="clientId">The FreshBooks client id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The data, or null when the client has none.</returns>
    /// <exception cref="ConnectorValidationException">When the stored value is not the documented JSON (the value is never echoed).</exception>
    public async Task<FreshBooksClientUpsData?> GetAsync(string connectionId, long clientId, CancellationToken cancellationToken = default)
    {
        var text = await secrets.GetAsync(SecretName.For(connectionId, Purpose(clientId)), cancellationToken);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<FreshBooksClientUpsData>(text, Json);
        }
        catch (JsonException)
        {
            throw new ConnectorValidationException(Connections.IntegrationKinds.FreshBooksUps, $"The UPS data of FreshBooks client {clientId} is not the documented JSON; set the secret {Purpose(clientId)} again.", field: "secrets." + Purpose(clientId));
        }
    }

    /// <summary>Stores a client's UPS data.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="clientId">The FreshBooks client id.</param>
    /// <param name="data">The data.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when stored.</returns>
    public Task SetAsync(string connectionId, long clientId, FreshBooksClientUpsData data, CancellationToken cancellationToken = default) =>
        secrets.SetAsync(SecretName.For(connectionId, Purpose(clientId)), JsonSerializer.Serialize(data, Json), cancellationToken);
}

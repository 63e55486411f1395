using MlConnector.Core.Connectors.FreshBooks;
using MlConnector.Core.Connectors.Ups;
using MlConnector.Core.Errors;
using MlConnector.Core.Secrets;

namespace MlConnector.Core.Integrations.FreshBooksUps;

/// <summary>
/// Reads and writes a FreshBooks client's UPS data (<see cref="FreshBooksClientUpsData"/>), two secrets per client:
/// <list type="bullet">
/// <item>its UPS account number, <c>conn-{connectionId}-fbc{clientId}-ups-merchant-id</c>: the shipper number of the UPS
/// sub-account <c>fbc{clientId}</c> (<see cref="UpsShipmentRequest.ShipperAccount"/>), so it is the <c>x-merchant-id</c> of
/// that account's token and the shipper of its rate and ship calls; a client without one ships on the connection's
/// account. An operator sets it with <c>PUT /api/connections/{id}/secrets/fbc{clientId}-ups-merchant-id</c>.</item>
/// <item>its ship-to override, <c>conn-{connectionId}-freshbooks-client-{clientId}-ship-to</c>, JSON
/// <c>{"street","street2","city","province","postalCode","country"}</c>, set the same way.</item>
/// </list>
/// </summary>
/// <param name="secrets">The secret store.</param>
public sealed class FreshBooksClientUpsStore(ISecretStore secrets)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The UPS sub-account of a FreshBooks client: <c>fbc{clientId}</c>.</summary>
    /// <param name="clientId">The FreshBooks client id.</param>
    /// <returns>The sub-account.</returns>
    public static string ShipperAccount(long clientId) => "fbc" + clientId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The secret name of a client's UPS account number.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="clientId">The FreshBooks client id.</param>
    /// <returns>The secret name.</returns>
    public static string ShipperNumberName(string connectionId, long clientId) =>
        SecretName.For(connectionId + "-" + ShipperAccount(clientId), UpsClient.ShipperNumberSecret);

    /// <summary>The secret name of a client's ship-to override.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="clientId">The FreshBooks client id.</param>
    /// <returns>The secret name.</returns>
    public static string ShipToName(string connectionId, long clientId) =>
        SecretName.For(connectionId, "freshbooks-client-" + clientId.ToString(CultureInfo.InvariantCulture) + "-ship-to");

    /// <summary>Reads a client's UPS data.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="clientId">The FreshBooks client id.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The data (both parts null when the client has none).</returns>
    /// <exception cref="ConnectorValidationException">When the ship-to override is not the documented JSON (the value is never echoed).</exception>
    public async Task<FreshBooksClientUpsData> GetAsync(string connectionId, long clientId, CancellationToken cancellationToken = default)
    {
        var shipper = await secrets.GetAsync(ShipperNumberName(connectionId, clientId), cancellationToken);
        var shipToText = await secrets.GetAsync(ShipToName(connectionId, clientId), cancellationToken);
        FreshBooksAddress? shipTo = null;
        if (!string.IsNullOrWhiteSpace(shipToText))
        {
            try
            {
                shipTo = JsonSerializer.Deserialize<FreshBooksAddress>(shipToText, Json);
            }
            catch (JsonException)
            {
                throw new ConnectorValidationException(Connections.IntegrationKinds.FreshBooksUps, $"The ship-to override of FreshBooks client {clientId} is not the documented JSON; set it again.", field: "secrets.freshbooks-client-" + clientId.ToString(CultureInfo.InvariantCulture) + "-ship-to");
            }
        }

        return new FreshBooksClientUpsData(string.IsNullOrWhiteSpace(shipper) ? null : ShipperAccount(clientId), shipTo);
    }

    /// <summary>Stores a client's UPS account number.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="clientId">The FreshBooks client id.</param>
    /// <param name="shipperNumber">The 6-character UPS account number. A secret.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when stored.</returns>
    public Task SetShipperNumberAsync(string connectionId, long clientId, string shipperNumber, CancellationToken cancellationToken = default) =>
        secrets.SetAsync(ShipperNumberName(connectionId, clientId), shipperNumber, cancellationToken);

    /// <summary>Stores a client's ship-to override.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="clientId">The FreshBooks client id.</param>
    /// <param name="shipTo">The address.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when stored.</returns>
    public Task SetShipToAsync(string connectionId, long clientId, FreshBooksAddress shipTo, CancellationToken cancellationToken = default) =>
        secrets.SetAsync(ShipToName(connectionId, clientId), JsonSerializer.Serialize(shipTo, Json), cancellationToken);
}

using MlConnector.Core.Connections;
using MlConnector.Core.Secrets;

namespace MlConnector.Core.Webhooks;

/// <summary>
/// Authenticates a vendor webhook that signs nothing (ShipStation V1, UPS Track Alert) by the unguessable per-connection
/// secret in its URL path: <c>…/{connectionId}/{secret}</c>. Unknown connection, wrong kind, missing or different secret
/// all look the same to the caller (answer 404), and the secrets are compared in constant time. The connection and secret
/// read are kept for a few seconds (<see cref="WebhookVerifierCache"/>); a failed check reads both again before it refuses.
/// </summary>
/// <param name="connections">The connection store.</param>
/// <param name="secrets">The secret store (the path secret is <c>{connectionId}/{purpose}</c>).</param>
/// <param name="cache">Keeps what verification reads for a few seconds.</param>
public sealed class WebhookPathSecret(IConnectionStore connections, ISecretStore secrets, WebhookVerifierCache cache)
{
    /// <summary>Returns the connection when the path names one of the given kinds and carries its secret.</summary>
    /// <param name="connectionId">The connection id from the path.</param>
    /// <param name="presented">The secret from the path.</param>
    /// <param name="purpose">The secret's purpose, for example <c>shipstation-webhook-secret</c>.</param>
    /// <param name="kinds">The integration kinds this endpoint serves.</param>
    /// <param name="cancellationToken">Cancels the look-ups.</param>
    /// <returns>The connection, or null when the request must be refused.</returns>
    public async Task<Connection?> VerifyAsync(string connectionId, string presented, string purpose, IReadOnlyCollection<string> kinds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        if (!SecretName.IsValid("conn-" + connectionId))
        {
            return null;
        }

        return await VerifyAsync(connectionId, presented, purpose, kinds, refresh: false, cancellationToken)
            ?? await VerifyAsync(connectionId, presented, purpose, kinds, refresh: true, cancellationToken);
    }

    private async Task<Connection?> VerifyAsync(string connectionId, string presented, string purpose, IReadOnlyCollection<string> kinds, bool refresh, CancellationToken cancellationToken)
    {
        var connection = await cache.GetAsync("connection:" + connectionId, ct => connections.GetAsync(connectionId, ct), refresh, cancellationToken);
        var name = SecretName.For(connectionId, purpose);
        var expected = connection is null ? null : await cache.GetAsync("secret:" + name, ct => secrets.GetAsync(name, ct), refresh, cancellationToken);
        return connection is not null && expected is not null && kinds.Contains(connection.Kind) && SecretComparison.FixedTimeEquals(expected, presented)
            ? connection
            : null;
    }
}

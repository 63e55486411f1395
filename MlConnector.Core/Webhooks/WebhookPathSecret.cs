using MlConnector.Core.Connections;
using MlConnector.Core.Secrets;

namespace MlConnector.Core.Webhooks;

/// <summary>
/// Authenticates a vendor webhook that signs nothing (ShipStation V1, UPS Track Alert) by the unguessable per-connection
/// secret in its URL path: <c>…/{connectionId}/{secret}</c>. Unknown connection, wrong kind, missing or different secret
/// all look the same to the caller (answer 404), and the secrets are compared in constant time.
/// </summary>
/// <param name="connections">The connection store.</param>
/// <param name="secrets">The secret store (the path secret is <c>{connectionId}/{purpose}</c>).</param>
public sealed class WebhookPathSecret(IConnectionStore connections, ISecretStore secrets)
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
        var connection = SecretName.IsValid("conn-" + connectionId) ? await connections.GetAsync(connectionId, cancellationToken) : null;
        var expected = connection is null ? null : await secrets.GetAsync(SecretName.For(connectionId, purpose), cancellationToken);
        return connection is not null && expected is not null && kinds.Contains(connection.Kind) && SecretComparison.FixedTimeEquals(expected, presented)
            ? connection
            : null;
    }
}

namespace MlConnector.Core.Secrets;

/// <summary>
/// Where client secrets, API keys, refresh tokens and carrier account numbers live: Key Vault in Azure
/// (<c>KeyVaultSecretStore</c>), an encrypted-at-rest table locally (<c>LocalSecretStore</c>).
/// </summary>
/// <remarks>
/// Names are built by <see cref="SecretName.For"/> from the connection id and a purpose, so they are valid
/// Key Vault secret names (<c>^[0-9a-zA-Z-]{1,127}$</c>). Values never appear in logs, audit rows, workflow
/// history or exception messages; implementations' exceptions name the secret, never its value.
/// </remarks>
public interface ISecretStore
{
    /// <summary>Reads a secret.</summary>
    /// <param name="name">The secret name (see <see cref="SecretName"/>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The value, or null when no such secret exists.</returns>
    Task<string?> GetAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces a secret (a new version in Key Vault).</summary>
    /// <param name="name">The secret name.</param>
    /// <param name="value">The secret value.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the value is durably stored.</returns>
    Task SetAsync(string name, string value, CancellationToken cancellationToken = default);

    /// <summary>Deletes a secret if it exists.</summary>
    /// <param name="name">The secret name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the secret is gone.</returns>
    Task DeleteAsync(string name, CancellationToken cancellationToken = default);
}

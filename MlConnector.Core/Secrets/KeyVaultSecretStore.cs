using Azure;
using Azure.Security.KeyVault.Secrets;
using MlConnector.Core.Errors;

namespace MlConnector.Core.Secrets;

/// <summary>
/// <see cref="ISecretStore"/> over Azure Key Vault, used in Azure (configured by <see cref="SecretStoreOptions.KeyVaultUri"/>).
/// </summary>
/// <remarks>
/// <para>
/// Calls the Key Vault secrets REST API through the SDK's <see cref="SecretClient"/>: Set Secret
/// (<c>PUT {vault}/secrets/{name}</c>, a new version each time), Get Secret (<c>GET {vault}/secrets/{name}</c>, the
/// latest version) and Delete Secret (<c>DELETE {vault}/secrets/{name}</c>)
/// (https://learn.microsoft.com/rest/api/keyvault/secrets/set-secret/set-secret,
/// https://learn.microsoft.com/rest/api/keyvault/secrets/get-secret/get-secret,
/// https://learn.microsoft.com/rest/api/keyvault/secrets/delete-secret/delete-secret). The app's identity needs the
/// <c>Key Vault Secrets Officer</c> role (get, set, delete and recover).
/// </para>
/// <para>
/// With soft delete (on by default, and not switchable off for new vaults) a deleted name stays reserved until it is
/// purged: Set Secret answers 409 <c>Conflict</c> with inner error <c>ObjectIsDeletedButRecoverable</c>.
/// <see cref="SetAsync"/> therefore recovers the deleted secret and writes the new value as its next version, so a
/// connection that is removed and connected again can store its credentials. <see cref="DeleteAsync"/> waits until
/// the deletion has finished, so a following <see cref="SetAsync"/> never meets the transient
/// <c>ObjectIsBeingDeleted</c> state. Nothing is purged.
/// </para>
/// <para>
/// Failures become <see cref="ConnectorException"/>s with connector <see cref="ConnectorName"/>: 401/403 and a credential
/// that cannot get a token → <see cref="ConnectorAuthException"/>; 429 → <see cref="ConnectorRateLimitedException"/>
/// (with <c>Retry-After</c>); 5xx, 408, network failures and SDK timeouts → <see cref="ErrorKind.Transient"/>. The SDK has
/// already retried transient failures by then. Messages name the secret, never its value.
/// </para>
/// </remarks>
/// <param name="client">The Key Vault client (registered by <see cref="SecretsServiceCollectionExtensions.AddSecretStore"/>).</param>
/// <param name="timeProvider">The clock (for HTTP-date <c>Retry-After</c> values).</param>
/// <param name="logger">The logger.</param>
public sealed class KeyVaultSecretStore(SecretClient client, TimeProvider timeProvider, ILogger<KeyVaultSecretStore> logger) : ISecretStore
{
    /// <summary>The connector code on this store's exceptions.</summary>
    public const string ConnectorName = "keyvault";

    private const string StoreLabel = "Key Vault";

    /// <inheritdoc />
    /// <exception cref="ArgumentException">When <paramref name="name"/> is not a valid secret name.</exception>
    /// <exception cref="ConnectorException">When Key Vault refuses or fails the call (see the remarks on the class).</exception>
    public async Task<string?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        EnsureValidName(name);
        try
        {
            KeyVaultSecret secret = await client.GetSecretAsync(name, version: null, cancellationToken);
            logger.SecretRead(name, StoreLabel, found: true);
            return secret.Value;
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound && ex.ErrorCode == "SecretNotFound")
        {
            logger.SecretRead(name, StoreLabel, found: false);
            return null;
        }
        catch (Exception ex) when (SecretStoreErrors.IsServiceFailure(ex, cancellationToken))
        {
            throw Failed("read", name, ex);
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">When <paramref name="name"/> is not a valid secret name.</exception>
    /// <exception cref="ArgumentNullException">When <paramref name="value"/> is null.</exception>
    /// <exception cref="ConnectorException">When Key Vault refuses or fails the call (see the remarks on the class).</exception>
    public async Task SetAsync(string name, string value, CancellationToken cancellationToken = default)
    {
        EnsureValidName(name);
        ArgumentNullException.ThrowIfNull(value);
        try
        {
            try
            {
                await client.SetSecretAsync(name, value, cancellationToken);
            }
            catch (RequestFailedException ex) when (IsDeletedButRecoverable(ex))
            {
                logger.SoftDeletedSecretRecovering(name);
                var recovery = await client.StartRecoverDeletedSecretAsync(name, cancellationToken);
                await recovery.WaitForCompletionAsync(cancellationToken);
                await client.SetSecretAsync(name, value, cancellationToken);
            }
        }
        catch (Exception ex) when (SecretStoreErrors.IsServiceFailure(ex, cancellationToken))
        {
            throw Failed("write", name, ex, value);
        }

        logger.SecretWritten(name, StoreLabel);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">When <paramref name="name"/> is not a valid secret name.</exception>
    /// <exception cref="ConnectorException">When Key Vault refuses or fails the call (see the remarks on the class).</exception>
    public async Task DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        EnsureValidName(name);
        bool existed;
        try
        {
            var deletion = await client.StartDeleteSecretAsync(name, cancellationToken);
            await deletion.WaitForCompletionAsync(cancellationToken);
            existed = true;
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            existed = false;
        }
        catch (Exception ex) when (SecretStoreErrors.IsServiceFailure(ex, cancellationToken))
        {
            throw Failed("delete", name, ex);
        }

        logger.SecretDeleted(name, StoreLabel, existed);
    }

    private static void EnsureValidName(string name)
    {
        if (!SecretName.IsValid(name))
        {
            throw new ArgumentException($"'{name}' is not a valid secret name: use letters, digits and hyphens, at most 127 characters.", nameof(name));
        }
    }

    /// <summary>
    /// True for Set Secret's 409 on a soft-deleted name: <c>{"error":{"code":"Conflict","innererror":{"code":"ObjectIsDeletedButRecoverable"}}}</c>.
    /// </summary>
    private static bool IsDeletedButRecoverable(RequestFailedException exception)
    {
        if (exception.Status != (int)HttpStatusCode.Conflict)
        {
            return false;
        }

        var response = exception.GetRawResponse();
        if (response?.ContentStream is not MemoryStream)
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(response.Content);
            return document.RootElement.TryGetProperty("error", out var error)
                && error.TryGetProperty("innererror", out var inner)
                && inner.TryGetProperty("code", out var code)
                && code.ValueEquals("ObjectIsDeletedButRecoverable");
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private ConnectorException Failed(string operation, string name, Exception exception, string? value = null)
    {
        var mapped = SecretStoreErrors.Map(ConnectorName, StoreLabel, operation, name, exception, timeProvider, value);
        logger.SecretStoreCallFailed(mapped, StoreLabel, operation, name, mapped.Kind, (int?)mapped.StatusCode ?? 0, mapped.VendorErrorCode);
        return mapped;
    }
}

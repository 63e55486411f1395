using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.DataProtection;
using MlConnector.Core.Errors;
using MlConnector.Core.Storage;

namespace MlConnector.Core.Secrets;

/// <summary>
/// <see cref="ISecretStore"/> for standalone runs (<c>mlconnector serve</c> on Azurite): each value is encrypted with
/// ASP.NET Core Data Protection and the ciphertext is kept in the <see cref="StorageNames.Secrets"/> table.
/// </summary>
/// <remarks>
/// <para>
/// One row per secret: PartitionKey = the secret name in lower case (Key Vault names are case-insensitive, table keys
/// are not), RowKey <c>current</c>, property <c>Ciphertext</c> (binary). The protector's purpose chain is
/// <see cref="Purpose"/> then the secret name, so a ciphertext copied into another secret's row does not decrypt.
/// </para>
/// <para>
/// The Data Protection key ring lives in a directory (see <see cref="SecretStoreOptions.LocalKeyDirectory"/>) so that
/// secrets survive a restart; <see cref="CreateDataProtectionProvider"/> builds the provider over it
/// (https://learn.microsoft.com/aspnet/core/security/data-protection/configuration/non-di-scenarios). On Windows the
/// key files are encrypted with DPAPI; elsewhere they are plain XML protected by the directory's owner-only
/// permissions, so the key directory must not be shared or committed. Keys roll every 90 days and old keys keep
/// decrypting older rows.
/// </para>
/// <para>
/// Values are limited to <see cref="MaxValueBytes"/> of UTF-8, Key Vault's limit, so nothing that works locally fails
/// in Azure. Storage failures become <see cref="ConnectorException"/>s with connector <see cref="ConnectorName"/>; a
/// row that the key ring cannot decrypt becomes a <see cref="ConnectorAuthException"/>, because the credentials must
/// then be entered again.
/// </para>
/// </remarks>
/// <param name="tables">The tables (the secret rows go to <see cref="StorageNames.Secrets"/>).</param>
/// <param name="dataProtection">The provider over the persisted key ring (<see cref="CreateDataProtectionProvider"/>).</param>
/// <param name="keyDirectory">The key ring directory, for diagnostics only.</param>
/// <param name="timeProvider">The clock (for HTTP-date <c>Retry-After</c> values).</param>
/// <param name="logger">The logger.</param>
public sealed class LocalSecretStore(
    TableProvider tables,
    IDataProtectionProvider dataProtection,
    string keyDirectory,
    TimeProvider timeProvider,
    ILogger<LocalSecretStore> logger) : ISecretStore
{
    /// <summary>The Data Protection purpose of secret values; a new format gets a new version suffix.</summary>
    public const string Purpose = "MlConnector.Secrets.v1";

    /// <summary>The connector code on this store's exceptions.</summary>
    public const string ConnectorName = "local-secrets";

    /// <summary>The largest value accepted, in UTF-8 bytes: 25 KiB, as in Key Vault (https://learn.microsoft.com/azure/key-vault/secrets/about-secrets).</summary>
    public const int MaxValueBytes = 25 * 1024;

    /// <summary>The RowKey of a secret's row.</summary>
    internal const string CurrentRowKey = "current";

    /// <summary>The binary property that holds the ciphertext.</summary>
    internal const string CiphertextProperty = "Ciphertext";

    private const string StoreLabel = "local";
    private const string ApplicationName = "MlConnector";

    private readonly IDataProtector _protector = dataProtection.CreateProtector(Purpose);
    private int _announced;

    /// <summary>
    /// Creates the Data Protection provider whose key ring is persisted in <paramref name="directory"/>, creating the
    /// directory (owner-only on Unix) if needed. Every store that uses the same directory can read the others' values.
    /// </summary>
    /// <param name="directory">An absolute directory path.</param>
    /// <returns>The provider.</returns>
    /// <exception cref="ArgumentException">When <paramref name="directory"/> is empty.</exception>
    /// <exception cref="IOException">When the directory cannot be created.</exception>
    /// <exception cref="UnauthorizedAccessException">When the directory cannot be created for lack of permission.</exception>
    public static IDataProtectionProvider CreateDataProtectionProvider(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var info = OperatingSystem.IsWindows()
            ? Directory.CreateDirectory(directory)
            : Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        // A fixed application name keeps the key ring usable when the app is started from another folder.
        return DataProtectionProvider.Create(info, builder => builder.SetApplicationName(ApplicationName));
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">When <paramref name="name"/> is not a valid secret name.</exception>
    /// <exception cref="ConnectorAuthException">When the stored value cannot be decrypted with this key ring.</exception>
    /// <exception cref="ConnectorException">When Table Storage fails the call.</exception>
    public async Task<string?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        var key = RowPartition(name);
        NullableResponse<TableEntity> row;
        try
        {
            var table = await GetTableAsync(cancellationToken);
            row = await table.GetEntityIfExistsAsync<TableEntity>(key, CurrentRowKey, [CiphertextProperty], cancellationToken);
        }
        catch (Exception ex) when (SecretStoreErrors.IsServiceFailure(ex, cancellationToken))
        {
            throw Failed("read", name, ex);
        }

        if (!row.HasValue || row.Value is null)
        {
            logger.SecretRead(name, StoreLabel, found: false);
            return null;
        }

        var ciphertext = row.Value.GetBinary(CiphertextProperty)
            ?? throw new ConnectorException(ConnectorName, ErrorKind.Unknown, $"The local secret store's row for secret '{name}' has no ciphertext.");
        byte[] plaintext;
        try
        {
            plaintext = ProtectorFor(key).Unprotect(ciphertext);
        }
        catch (CryptographicException ex)
        {
            logger.SecretUndecryptable(ex, name, keyDirectory);
            throw new ConnectorAuthException(
                ConnectorName,
                $"Secret '{name}' cannot be decrypted with the Data Protection key ring in '{keyDirectory}' (it was written with other keys, or tampered with). Enter the connection's credentials again.",
                innerException: ex);
        }

        try
        {
            logger.SecretRead(name, StoreLabel, found: true);
            return Encoding.UTF8.GetString(plaintext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">When <paramref name="name"/> is not a valid secret name, or the value exceeds <see cref="MaxValueBytes"/>.</exception>
    /// <exception cref="ArgumentNullException">When <paramref name="value"/> is null.</exception>
    /// <exception cref="ConnectorException">When Table Storage fails the call.</exception>
    public async Task SetAsync(string name, string value, CancellationToken cancellationToken = default)
    {
        var key = RowPartition(name);
        ArgumentNullException.ThrowIfNull(value);
        var size = Encoding.UTF8.GetByteCount(value);
        if (size > MaxValueBytes)
        {
            throw new ArgumentException($"Secret '{name}' is {size} bytes; the limit is {MaxValueBytes} bytes (as in Key Vault).", nameof(value));
        }

        var plaintext = Encoding.UTF8.GetBytes(value);
        byte[] ciphertext;
        try
        {
            ciphertext = ProtectorFor(key).Protect(plaintext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }

        var entity = new TableEntity(key, CurrentRowKey) { [CiphertextProperty] = ciphertext };
        try
        {
            var table = await GetTableAsync(cancellationToken);
            await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
        }
        catch (Exception ex) when (SecretStoreErrors.IsServiceFailure(ex, cancellationToken))
        {
            throw Failed("write", name, ex);
        }

        logger.SecretWritten(name, StoreLabel);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">When <paramref name="name"/> is not a valid secret name.</exception>
    /// <exception cref="ConnectorException">When Table Storage fails the call.</exception>
    public async Task DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        var key = RowPartition(name);
        bool existed;
        try
        {
            var table = await GetTableAsync(cancellationToken);
            var response = await table.DeleteEntityAsync(key, CurrentRowKey, ETag.All, cancellationToken);
            existed = response.Status != (int)HttpStatusCode.NotFound;
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

    private static string RowPartition(string name) =>
        SecretName.IsValid(name)
            ? name.ToLowerInvariant()
            : throw new ArgumentException($"'{name}' is not a valid secret name: use letters, digits and hyphens, at most 127 characters.", nameof(name));

    private IDataProtector ProtectorFor(string partitionKey) => _protector.CreateProtector(partitionKey);

    private async Task<TableClient> GetTableAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(tables.Names.Secrets, cancellationToken);
        if (Interlocked.Exchange(ref _announced, 1) == 0)
        {
            logger.LocalSecretStoreReady(tables.Names.Secrets, keyDirectory);
        }

        return table;
    }

    private ConnectorException Failed(string operation, string name, Exception exception)
    {
        var mapped = SecretStoreErrors.Map(ConnectorName, "The local secret store", operation, name, exception, timeProvider);
        logger.SecretStoreCallFailed(mapped, StoreLabel, operation, name, mapped.Kind, (int?)mapped.StatusCode ?? 0, mapped.VendorErrorCode);
        return mapped;
    }
}

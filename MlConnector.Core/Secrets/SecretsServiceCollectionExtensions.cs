using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MlConnector.Core.Storage;

namespace MlConnector.Core.Secrets;

/// <summary>Registers the <see cref="ISecretStore"/>.</summary>
public static class SecretsServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="SecretStoreOptions"/> (section <c>Secrets</c>, validated at start-up) and an
    /// <see cref="ISecretStore"/> singleton: <see cref="KeyVaultSecretStore"/> when <c>Secrets:KeyVaultUri</c> is set,
    /// otherwise <see cref="LocalSecretStore"/>.
    /// </summary>
    /// <remarks>
    /// The <see cref="SecretClient"/> is registered through <c>AddAzureClients</c>, so it uses the credential that
    /// <c>AddMlConnectorCore</c> configures there (<c>DefaultAzureCredential</c>: the managed identity in Azure). It is
    /// built from the bound options on first use, so only a Key Vault configuration ever creates one. The local store
    /// needs the <see cref="TableProvider"/> that <c>AddMlConnectorCore</c> registers.
    /// </remarks>
    /// <param name="services">The service collection.</param>
    /// <returns>The same collection.</returns>
    public static IServiceCollection AddSecretStore(this IServiceCollection services)
    {
        services.AddOptions<SecretStoreOptions>()
            .BindConfiguration(SecretStoreOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        services.AddAzureClients(builder => builder.AddClient<SecretClient, SecretClientOptions>(
            (clientOptions, credential, provider) =>
            {
                var vault = provider.GetRequiredService<IOptions<SecretStoreOptions>>().Value.KeyVaultUri
                    ?? throw new InvalidOperationException("Secrets:KeyVaultUri is not configured; the local secret store is in use and no SecretClient is needed.");
                return new SecretClient(vault, credential, clientOptions);
            }));

        services.TryAddSingleton<KeyVaultSecretStore>();
        services.TryAddSingleton(provider =>
        {
            var keyDirectory = provider.GetRequiredService<IOptions<SecretStoreOptions>>().Value.ResolveLocalKeyDirectory();
            return new LocalSecretStore(
                provider.GetRequiredService<TableProvider>(),
                LocalSecretStore.CreateDataProtectionProvider(keyDirectory),
                keyDirectory,
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILogger<LocalSecretStore>>());
        });
        services.TryAddSingleton<ISecretStore>(provider =>
            provider.GetRequiredService<IOptions<SecretStoreOptions>>().Value.UsesKeyVault
                ? provider.GetRequiredService<KeyVaultSecretStore>()
                : provider.GetRequiredService<LocalSecretStore>());
        return services;
    }
}

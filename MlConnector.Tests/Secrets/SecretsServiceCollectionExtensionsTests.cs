using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MlConnector.Core.Hosting;
using MlConnector.Core.Secrets;

namespace MlConnector.Tests.Secrets;

public sealed class SecretsServiceCollectionExtensionsTests : IDisposable
{
    private readonly string _keyDirectory = Path.Combine(Path.GetTempPath(), "mlconnector-tests", Guid.NewGuid().ToString("N"), "keys");

    public void Dispose()
    {
        var root = Path.GetDirectoryName(_keyDirectory)!;
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void AddSecretStore_KeyVaultUriConfigured_ResolvesKeyVaultStoreOverThatVault()
    {
        // Arrange
        using var provider = CreateProvider(new() { ["Secrets:KeyVaultUri"] = "https://contoso-ml.vault.azure.net/" });

        // Act
        var store = provider.GetRequiredService<ISecretStore>();

        // Assert
        Assert.IsType<KeyVaultSecretStore>(store);
        Assert.Equal(new Uri("https://contoso-ml.vault.azure.net/"), provider.GetRequiredService<SecretClient>().VaultUri);
    }

    [Fact]
    public void AddSecretStore_NoKeyVaultUri_ResolvesLocalStoreWithConfiguredKeyDirectory()
    {
        // Arrange
        using var provider = CreateProvider(new() { ["Secrets:LocalKeyDirectory"] = _keyDirectory });

        // Act
        var store = provider.GetRequiredService<ISecretStore>();

        // Assert
        Assert.IsType<LocalSecretStore>(store);
        Assert.True(Directory.Exists(_keyDirectory));
        Assert.Same(store, provider.GetRequiredService<ISecretStore>());
    }

    [Fact]
    public void AddSecretStore_PlainHttpKeyVaultUri_FailsOptionsValidation()
    {
        // Arrange
        using var provider = CreateProvider(new() { ["Secrets:KeyVaultUri"] = "http://contoso-ml.vault.azure.net/" });

        // Act
        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SecretStoreOptions>>().Value);

        // Assert
        Assert.Contains("KeyVaultUri", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddSecretStore_LocalStoreInUse_NeverBuildsSecretClient()
    {
        // Arrange
        using var provider = CreateProvider(new() { ["Secrets:LocalKeyDirectory"] = _keyDirectory });

        // Act
        var ex = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<SecretClient>());

        // Assert
        Assert.Contains("Secrets:KeyVaultUri", ex.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider CreateProvider(Dictionary<string, string?> settings)
    {
        settings["Storage:ConnectionString"] = "UseDevelopmentStorage=true";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddMlConnectorCore(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }
}

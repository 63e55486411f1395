using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Core.Connectors.QuickBooksOnline;
using MlConnector.Core.Connectors.ShipStation;
using MlConnector.Core.Hosting;
using MlConnector.Core.Integrations.ShipStationQbo;
using MlConnector.Functions;
using Moq;

namespace MlConnector.Tests.Functions.TestSupport;

/// <summary>
/// The Functions app's container as Program.cs builds it, over a real Azurite (fresh table prefix, local secret store
/// in a temporary key directory), with the ShipStation → QBO integration registered and its two vendor clients as
/// mocks until their implementations land in Core. <c>settings</c> adds to (or overrides) the configuration, for
/// example the UPS provider of <see cref="UpsSandbox"/>; <c>configure</c> changes the registrations last.
/// </summary>
internal sealed class FunctionsServices : IDisposable
{
    private readonly string _keyDirectory = Path.Combine(Path.GetTempPath(), "mlc-fn-" + Guid.NewGuid().ToString("N"));

    public FunctionsServices(string storageConnectionString, string tablePrefix, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:ConnectionString"] = storageConnectionString,
                ["Storage:TablePrefix"] = tablePrefix,
                ["Secrets:LocalKeyDirectory"] = _keyDirectory,
            })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddMlConnectorCore(configuration);

        // AddShipStationQboIntegration moves into AddMlConnectorCore once ShipStationClient and QuickBooksOnlineClient exist.
        services.AddShipStationQboIntegration();
        services.AddSingleton(ShipStation.Object);
        services.AddSingleton(Qbo.Object);
        services.AddMlConnectorFunctions();
        configure?.Invoke(services);
        Provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public Mock<IShipStationClient> ShipStation { get; } = new(MockBehavior.Strict);

    public Mock<IQuickBooksOnlineClient> Qbo { get; } = new(MockBehavior.Strict);

    public ServiceProvider Provider { get; }

    /// <summary>A function class as the worker activates it: from the invocation's scope.</summary>
    public static T CreateFunction<T>(IServiceScope scope) => ActivatorUtilities.CreateInstance<T>(scope.ServiceProvider);

    public void Dispose()
    {
        Provider.Dispose();
        if (Directory.Exists(_keyDirectory))
        {
            Directory.Delete(_keyDirectory, recursive: true);
        }
    }
}

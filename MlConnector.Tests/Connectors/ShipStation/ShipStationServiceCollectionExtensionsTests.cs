using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.ShipStation;
using MlConnector.Core.Errors;
using MlConnector.Core.Resilience;
using MlConnector.Core.Secrets;
using Moq;

namespace MlConnector.Tests.Connectors.ShipStation;

public sealed class ShipStationServiceCollectionExtensionsTests
{
    [Fact]
    public void AddShipStationConnector_Defaults_ResolvesClientAuthHandlerClassifierAndOptions()
    {
        // Arrange
        using var provider = CreateSut();

        // Act
        var client = provider.GetRequiredService<IShipStationClient>();
        var options = provider.GetRequiredService<IOptions<ShipStationOptions>>().Value;
        using var handler = provider.GetRequiredService<ShipStationAuthHandler>();

        // Assert
        Assert.IsType<ShipStationClient>(client);
        Assert.Equal(new Uri("https://ssapi.shipstation.com/"), options.BaseUrl);
        Assert.Single(provider.GetServices<IVendorErrorClassifier>(), c => c.Connector == "shipstation-v2");
    }

    [Fact]
    public void AddShipStationConnector_RegistersTheV1AndV2BudgetsOfShipStationsDocs()
    {
        // Arrange
        using var provider = CreateSut();
        var registry = provider.GetRequiredService<RateGovernorRegistry>();

        // Act
        var v1 = registry.GetPolicy(ShipStationClient.Connector);
        var v2 = registry.GetPolicy(ShipStationClient.V2Connector);

        // Assert (V1: 40 requests/min per key and secret; V2: 200/min per key)
        Assert.Same(ShipStationRatePolicies.V1, v1);
        Assert.Single(v1.Windows, w => w.PermitLimit == 40 && w.Window == TimeSpan.FromMinutes(1));
        Assert.Null(v1.MaxConcurrency);
        Assert.Same(ShipStationRatePolicies.V2, v2);
        Assert.Single(v2.Windows, w => w.PermitLimit == 200 && w.Window == TimeSpan.FromMinutes(1));
    }

    private static ServiceProvider CreateSut()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton(Mock.Of<IConnectionStore>());
        services.AddSingleton(Mock.Of<ISecretStore>());
        services.AddShipStationConnector();
        return services.BuildServiceProvider();
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Core.Hosting;
using MlConnector.Core.Workflows;
using MlConnector.Functions;
using MlConnector.Functions.Workflows;

namespace MlConnector.Tests.Functions.Workflows;

public class UnboundWorkflowClientTests
{
    [Fact]
    public async Task StartAsync_Always_ThrowsNamingTheDurableClientWay()
    {
        // Arrange
        var sut = new UnboundWorkflowClient();

        // Act
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => sut.StartAsync("ShipStationNotificationWorkflow", "shipstation-qbo:c:notify:x", new { }));

        // Assert
        Assert.Contains(nameof(DurableClientServices), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddMlConnectorFunctions_AfterCore_ReplacesTheTableStorageClient()
    {
        // Arrange
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:ConnectionString"] = "UseDevelopmentStorage=true" }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddMlConnectorCore(configuration);

        // Act
        services.AddMlConnectorFunctions();
        using var provider = services.BuildServiceProvider();

        // Assert
        Assert.IsType<UnboundWorkflowClient>(provider.GetRequiredService<IWorkflowClient>());
    }
}

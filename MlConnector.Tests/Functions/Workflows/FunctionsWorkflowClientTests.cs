using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Core.Hosting;
using MlConnector.Core.Workflows;
using MlConnector.Core.Workflows.Engines;
using MlConnector.Functions;
using MlConnector.Functions.Workflows;

namespace MlConnector.Tests.Functions.Workflows;

public class FunctionsWorkflowClientTests
{
    [Fact]
    public async Task StartAsync_Always_ThrowsNamingTheDurableClientWay()
    {
        // Arrange
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:ConnectionString"] = "UseDevelopmentStorage=true" }).Build();
        using var provider = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddMlConnectorCore(configuration).AddMlConnectorFunctions().BuildServiceProvider();
        var sut = provider.GetRequiredService<IWorkflowClient>();

        // Act
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => sut.StartAsync("ShipStationNotificationWorkflow", "shipstation-qbo:c:notify:x", new { }));

        // Assert
        Assert.Contains(nameof(DurableClientServices), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddMlConnectorFunctions_AfterCore_ReplacesCoresNoEngineClientWithTheFunctionsOne()
    {
        // Arrange
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:ConnectionString"] = "UseDevelopmentStorage=true" }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddMlConnectorCore(configuration);

        // Act
        services.AddMlConnectorFunctions();
        using var provider = services.BuildServiceProvider();

        // Assert
        var client = Assert.IsType<NoWorkflowEngineClient>(provider.GetRequiredService<IWorkflowClient>());
        Assert.Equal(DurableClientServices.UnboundClientMessage, client.Reason);
    }
}

using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Functions.Http;
using MlConnector.Tests.Functions.TestSupport;
using Moq;

namespace MlConnector.Tests.Functions.Http;

public sealed class WorkflowsGetHttpTests : IDisposable
{
    private const string InstanceId = "shipstation-qbo:acme-store:order:1001";

    private readonly ServiceProvider _provider = OperatorFunctions.CreateProvider();
    private readonly Mock<DurableTaskClient> _durable = new("test-hub");

    [Fact]
    public async Task RunAsync_UnknownInstance_Returns404()
    {
        // Arrange
        _durable.Setup(c => c.GetInstanceAsync(InstanceId, true, It.IsAny<CancellationToken>())).ReturnsAsync((OrchestrationMetadata?)null);
        using var scope = _provider.CreateScope();
        var sut = FunctionsServices.CreateFunction<WorkflowsGetHttp>(scope);

        // Act
        var result = await sut.RunAsync(OperatorFunctions.Request(HttpMethods.Get), InstanceId, _durable.Object, CancellationToken.None);

        // Assert
        Assert.Equal(StatusCodes.Status404NotFound, OperatorFunctions.StatusOf(result));
    }

    [Fact]
    public async Task RunAsync_FailedOrchestration_Returns200WithTheWorkflowNameAndStatus()
    {
        // Arrange
        _durable.Setup(c => c.GetInstanceAsync(InstanceId, true, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new OrchestrationMetadata("ShipStationOrderToQboInvoiceOrchestrator", InstanceId) { RuntimeStatus = OrchestrationRuntimeStatus.Failed });
        using var scope = _provider.CreateScope();
        var sut = FunctionsServices.CreateFunction<WorkflowsGetHttp>(scope);

        // Act
        var result = await sut.RunAsync(OperatorFunctions.Request(HttpMethods.Get), InstanceId, _durable.Object, CancellationToken.None);

        // Assert
        Assert.Equal(StatusCodes.Status200OK, OperatorFunctions.StatusOf(result));
        var json = JsonSerializer.SerializeToElement(Assert.IsAssignableFrom<IValueHttpResult>(result).Value, OrchestrationContextMock.Json);
        Assert.Equal("ShipStationOrderToQboInvoiceWorkflow", json.GetProperty("name").GetString());
        Assert.Equal("acme-store", json.GetProperty("connectionId").GetString());
    }

    public void Dispose() => _provider.Dispose();
}

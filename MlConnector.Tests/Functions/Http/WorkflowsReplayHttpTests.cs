using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Functions.Http;
using MlConnector.Tests.Functions.TestSupport;
using Moq;

namespace MlConnector.Tests.Functions.Http;

public sealed class WorkflowsReplayHttpTests : IDisposable
{
    private const string InstanceId = "shipstation-qbo:acme-store:order:1001";

    private readonly ServiceProvider _provider = OperatorFunctions.CreateProvider();
    private readonly Mock<DurableTaskClient> _durable = new("test-hub");

    [Fact]
    public async Task RunAsync_CompletedInstance_Returns409AndSchedulesNothing()
    {
        // Arrange
        _durable.Setup(c => c.GetInstanceAsync(InstanceId, true, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new OrchestrationMetadata("ShipStationOrderToQboInvoiceOrchestrator", InstanceId) { RuntimeStatus = OrchestrationRuntimeStatus.Completed });
        using var scope = _provider.CreateScope();
        var sut = FunctionsServices.CreateFunction<WorkflowsReplayHttp>(scope);

        // Act
        var result = await sut.RunAsync(OperatorFunctions.Request(HttpMethods.Post), InstanceId, _durable.Object, CancellationToken.None);

        // Assert
        Assert.Equal(StatusCodes.Status409Conflict, OperatorFunctions.StatusOf(result));
        _durable.Verify(
            c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()),
            Times.Never);
    }

    public void Dispose() => _provider.Dispose();
}

using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Functions.Http;
using MlConnector.Tests.Functions.TestSupport;
using Moq;

namespace MlConnector.Tests.Functions.Http;

public sealed class WorkflowsListHttpTests : IDisposable
{
    private readonly ServiceProvider _provider = OperatorFunctions.CreateProvider();
    private readonly Mock<DurableTaskClient> _durable = new("test-hub");

    [Fact]
    public async Task RunAsync_StatusFailed_QueriesDurableForFailedAndTerminatedInstances()
    {
        // Arrange
        OrchestrationQuery? query = null;
        _durable.Setup(c => c.GetAllInstancesAsync(It.IsAny<OrchestrationQuery?>()))
            .Callback<OrchestrationQuery?>(q => query = q)
            .Returns(Pageable.Create<OrchestrationMetadata>((_, _) => Task.FromResult(new Page<OrchestrationMetadata>([], null))));
        using var scope = _provider.CreateScope();
        var sut = FunctionsServices.CreateFunction<WorkflowsListHttp>(scope);

        // Act
        var result = await sut.RunAsync(OperatorFunctions.Request(HttpMethods.Get, "?status=failed&connectionId=acme-store"), _durable.Object, CancellationToken.None);

        // Assert
        Assert.Equal(StatusCodes.Status200OK, OperatorFunctions.StatusOf(result));
        Assert.Equal([OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated], query!.Statuses);
    }

    [Fact]
    public async Task RunAsync_UnknownStatus_Returns400WithoutQueryingDurable()
    {
        // Arrange
        using var scope = _provider.CreateScope();
        var sut = FunctionsServices.CreateFunction<WorkflowsListHttp>(scope);

        // Act
        var result = await sut.RunAsync(OperatorFunctions.Request(HttpMethods.Get, "?status=broken"), _durable.Object, CancellationToken.None);

        // Assert
        Assert.Equal(StatusCodes.Status400BadRequest, OperatorFunctions.StatusOf(result));
        _durable.Verify(c => c.GetAllInstancesAsync(It.IsAny<OrchestrationQuery?>()), Times.Never);
    }

    public void Dispose() => _provider.Dispose();
}

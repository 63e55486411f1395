using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using MlConnector.Core.Errors;
using MlConnector.Core.Workflows.Engines;
using MlConnector.Functions.Workflows;
using MlConnector.Tests.Workflows.TestWorkflows;

namespace MlConnector.Tests.Functions.Workflows;

public class WorkflowActivityInvokerTests
{
    private const string InstanceId = "shipstation-qbo:c42:order:1001";

    private readonly FakeLogger<WorkflowActivityInvoker> _logger = new();
    private readonly WorkflowProbe _probe = new();

    [Fact]
    public async Task RunAsync_ActivitySucceeds_ReturnsItsOutputJson()
    {
        // Arrange
        var sut = CreateSut();

        // Act
        var result = await sut.RunAsync(new ShipOrderActivity(_probe), Request(attempt: 1));

        // Assert
        Assert.Equal(new WorkflowActivityResult("\"TRK-1001\"", null), result);
        Assert.Empty(_logger.Collector.GetSnapshot());
    }

    [Fact]
    public async Task RunAsync_VendorRateLimits_ReturnsTheClassifiedFailureWithRetryAfter()
    {
        // Arrange
        var failure = new ConnectorRateLimitedException("ups", "UPS answered 429", TimeSpan.FromSeconds(45));
        _probe.ShipFailures.Enqueue(failure);
        var sut = CreateSut();

        // Act
        var result = await sut.RunAsync(new ShipOrderActivity(_probe), Request(attempt: 2));

        // Assert
        Assert.Null(result.OutputJson);
        Assert.Equal(ErrorKind.RateLimited, result.Failure!.Kind);
        Assert.Equal(TimeSpan.FromSeconds(45), result.Failure.RetryAfter);
        var log = Assert.Single(_logger.Collector.GetSnapshot());
        Assert.Equal(1330, log.Id.Id);
        Assert.Equal(LogLevel.Warning, log.Level);
        Assert.Same(failure, log.Exception);
        Assert.Contains("attempt 2", log.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_HostShutsDown_RethrowsSoDurableRunsTheAttemptAgain()
    {
        // Arrange
        _probe.ShipGate = new TaskCompletionSource();
        using var shutdown = new CancellationTokenSource();
        var sut = CreateSut();
        var run = sut.RunAsync(new ShipOrderActivity(_probe), Request(attempt: 1), shutdown.Token);
        await _probe.ShipEntered.Task;

        // Act
        await shutdown.CancelAsync();

        // Assert
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    private WorkflowActivityInvoker CreateSut() => new(_logger);

    private static WorkflowActivityRequest Request(int attempt) =>
        new(InstanceId, 2, attempt, """{"connectionId":"c42","orderNumber":"1001"}""");
}

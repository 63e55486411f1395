using Microsoft.Extensions.DependencyInjection;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.Ups;
using MlConnector.Core.Integrations.FreshBooksUps;
using MlConnector.Core.Integrations.FreshBooksUps.Workflows;
using MlConnector.Core.Integrations.QboUps;
using MlConnector.Core.Integrations.QboUps.Workflows;
using MlConnector.Core.Shipping.Ups;
using MlConnector.Core.Workflows;
using Moq;

namespace MlConnector.Tests.Shipping.Ups;

/// <summary>
/// The one UPS tracking handler, registered by each integration that ships with its kind and tracking workflow: one
/// handler per kind however often it is registered, the deployed workflow names, and the deployed instance-id format
/// (<c>{kind}:{connection}:track:{tracking number}:{status key}</c>).
/// </summary>
public sealed class UpsTrackingWorkflowHandlerTests
{
    private static readonly UpsTrackingStatus Delivered = new("1Z204W4R0308071865", Found: true)
    {
        StatusType = "D",
        StatusCode = "011",
        ActivityLocalTime = new DateTimeOffset(2026, 11, 25, 10, 14, 0, TimeSpan.Zero),
    };

    private readonly Mock<IWorkflowClient> _workflows = new();

    [Fact]
    public void AddUpsTrackingWorkflow_TwoKindsEachRegisteredTwice_OneHandlerPerKind()
    {
        // Arrange
        using var provider = CreateProvider();

        // Act
        var handlers = provider.GetServices<IUpsTrackingHandler>().ToList();

        // Assert
        Assert.Equal([IntegrationKinds.QboUps, IntegrationKinds.FreshBooksUps], handlers.Select(h => h.IntegrationKind));
        Assert.IsType<UpsTrackingWorkflowHandler<UpsTrackingToQboBillWorkflow>>(handlers[0]);
        Assert.IsType<UpsTrackingWorkflowHandler<UpsTrackingToFreshBooksInvoiceWorkflow>>(handlers[1]);
    }

    [Theory]
    [InlineData(IntegrationKinds.QboUps, nameof(UpsTrackingToQboBillWorkflow), "qbo-ups:c1:track:1Z204W4R0308071865:D011:20261125101400")]
    [InlineData(IntegrationKinds.FreshBooksUps, nameof(UpsTrackingToFreshBooksInvoiceWorkflow), "freshbooks-ups:c1:track:1Z204W4R0308071865:D011:20261125101400")]
    public async Task StartAsync_EachKind_StartsItsDeployedWorkflowUnderItsDeployedInstanceId(string kind, string workflowName, string instanceId)
    {
        // Arrange
        using var provider = CreateProvider();
        var sut = provider.GetServices<IUpsTrackingHandler>().Single(h => h.IntegrationKind == kind);
        var update = new TrackingUpdate("c1", Delivered, UpsShippingNames.SourceTrackAlert);
        _workflows.Setup(w => w.StartAsync(workflowName, instanceId, update, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new WorkflowStartResult(instanceId, IsDuplicate: false, WorkflowRuntimeStatus.Pending));

        // Act
        var start = await sut.StartAsync(update);

        // Assert
        Assert.Equal(instanceId, start.InstanceId);
        Assert.Equal(instanceId, sut.InstanceIdOf("c1", Delivered));
        _workflows.Verify(w => w.StartAsync(workflowName, instanceId, update, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public void For_IntegrationKeys_AreTheSharedIds()
    {
        // Arrange
        var statusKey = UpsTrackingText.StatusKey(Delivered);

        // Act
        var qbo = QboUpsKeys.TrackingInstance("c1", Delivered.TrackingNumber, statusKey);
        var freshBooks = FreshBooksUpsKeys.TrackingInstance("c1", Delivered.TrackingNumber, statusKey);

        // Assert
        Assert.Equal(UpsTrackingInstanceId.For(IntegrationKinds.QboUps, "c1", Delivered.TrackingNumber, statusKey), qbo);
        Assert.Equal(UpsTrackingInstanceId.For(IntegrationKinds.FreshBooksUps, "c1", Delivered.TrackingNumber, statusKey), freshBooks);
    }

    private ServiceProvider CreateProvider()
    {
        var services = new ServiceCollection();
        services.AddSingleton(_workflows.Object);
        services.AddUpsTrackingWorkflow<UpsTrackingToQboBillWorkflow>(IntegrationKinds.QboUps)
            .AddUpsTrackingWorkflow<UpsTrackingToFreshBooksInvoiceWorkflow>(IntegrationKinds.FreshBooksUps)
            .AddUpsTrackingWorkflow<UpsTrackingToQboBillWorkflow>(IntegrationKinds.QboUps)
            .AddUpsTrackingWorkflow<UpsTrackingToFreshBooksInvoiceWorkflow>(IntegrationKinds.FreshBooksUps);
        return services.BuildServiceProvider();
    }
}

using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MlConnector.Core.Intake.ShipStation;
using MlConnector.Core.Integrations.ShipStationQbo;
using MlConnector.Core.Integrations.ShipStationQbo.Activities;
using MlConnector.Core.Operations;
using MlConnector.Core.Workflows;
using MlConnector.Functions.Workflows;
using Moq;

namespace MlConnector.Tests.Functions.Workflows;

public class DurableClientServicesTests
{
    private readonly Mock<DurableTaskClient> _durable = new("test-hub");
    private readonly Mock<IWorkflowClient> _processWide = new(MockBehavior.Strict);

    [Fact]
    public async Task Resolve_TypeTakingTheWorkflowClient_GetsTheInvocationsDurableClient()
    {
        // Arrange
        _durable.Setup(c => c.GetInstanceAsync("shipstation-qbo:acme-store:order:1001", true, It.IsAny<CancellationToken>()))
            .ReturnsAsync((OrchestrationMetadata?)null);
        var sut = CreateSut(s => s.AddSingleton<WorkflowsApi>().AddSingleton<OperatorAudit>().AddSingleton(Mock.Of<Core.Audit.IAuditTrail>()));

        // Act
        var api = sut.Resolve<WorkflowsApi>(_durable.Object);
        await api.GetAsync("shipstation-qbo:acme-store:order:1001");

        // Assert: the Durable client answered; the process-wide client (strict mock) was never touched.
        _durable.Verify(c => c.GetInstanceAsync("shipstation-qbo:acme-store:order:1001", true, It.IsAny<CancellationToken>()), Times.Once);
        _processWide.VerifyNoOtherCalls();
    }

    [Fact]
    public void Resolve_TypeThatNeedsNoWorkflowClient_ReturnsTheContainersInstance()
    {
        // Arrange
        var registered = new Unrelated();
        var sut = CreateSut(s => s.AddSingleton(registered));

        // Act
        var resolved = sut.Resolve<Unrelated>(_durable.Object);

        // Assert
        Assert.Same(registered, resolved);
    }

    [Fact]
    public void Resolve_DisposableTypeTakingTheWorkflowClient_IsRefused()
    {
        // Arrange
        var sut = CreateSut(_ => { });

        // Act / Assert
        var ex = Assert.Throws<InvalidOperationException>(() => sut.Resolve<DisposableStarter>(_durable.Object));
        Assert.Contains("disposable", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(typeof(ShipStationQboReconcileJob), true)]
    [InlineData(typeof(ShipStationFetchNotificationActivity), true)]
    [InlineData(typeof(ShipStationQboEventHandler), true)]
    [InlineData(typeof(ShipStationWebhookApi), false)] // it reaches the workflow client only through IEnumerable<IShipStationEventHandler>
    [InlineData(typeof(WorkflowsApi), true)]
    [InlineData(typeof(ConnectionsApi), true)]
    [InlineData(typeof(QboCreateInvoiceActivity), false)]
    [InlineData(typeof(IWorkflowActivity), false)]
    public void DependsOnWorkflowClient_CoreType_FollowsTheConstructorGraph(Type type, bool expected)
    {
        // Act
        var depends = DurableClientServices.DependsOnWorkflowClient(type);

        // Assert
        Assert.Equal(expected, depends);
    }

    [Fact]
    public void Resolve_TypeTakingAllImplementationsOfAnInterface_BuildsThoseThatStartWorkflowsOverTheDurableClient()
    {
        // Arrange: like the QBO webhook endpoint, which takes every IQboChangeHandler; one of them starts workflows.
        var sut = CreateSut(s => s.AddSingleton<IStarter, WorkflowStarter>().AddSingleton<IStarter, PlainStarter>().AddSingleton<StarterFanOut>());

        // Act
        var fanOut = sut.Resolve<StarterFanOut>(_durable.Object);

        // Assert
        Assert.Equal(2, fanOut.Starters.Count);
        var starter = Assert.IsType<WorkflowStarter>(fanOut.Starters[0]);
        Assert.IsType<DurableWorkflowClient>(starter.Client);
        Assert.IsType<PlainStarter>(fanOut.Starters[1]);
        Assert.False(DurableClientServices.DependsOnWorkflowClient(typeof(StarterFanOut)));
    }

    private DurableClientServices CreateSut(Action<IServiceCollection> configure)
    {
        var services = new ServiceCollection().AddSingleton(_processWide.Object);
        configure(services);
        return new DurableClientServices(services.BuildServiceProvider(), NullLogger<DurableWorkflowClient>.Instance);
    }

    private sealed class Unrelated;

    private sealed class DisposableStarter(IWorkflowClient client) : IDisposable
    {
        public IWorkflowClient Client => client;

        public void Dispose()
        {
        }
    }

    private interface IStarter;

    private sealed class WorkflowStarter(IWorkflowClient client) : IStarter
    {
        public IWorkflowClient Client => client;
    }

    private sealed class PlainStarter : IStarter;

    private sealed class StarterFanOut(IEnumerable<IStarter> starters)
    {
        public IReadOnlyList<IStarter> Starters { get; } = [.. starters];
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MlConnector.Core.Connectors.SpsCommerce;
using MlConnector.Core.Integrations.QboSps;
using MlConnector.Core.Integrations.QboSps.Workflows;
using MlConnector.Core.Workflows;
using MlConnector.Tests.Connectors.SpsCommerce;
using MlConnector.Tests.Integration;
using Moq;

namespace MlConnector.Tests.Integrations.QboSps;

/// <summary>
/// <see cref="QboSpsOrderPollJob"/> over the real SPS client and simulator (cursor pages), with the workflow client as the
/// mocked collaborator: one workflow per document under a deterministic id, and a document still listed next time is a
/// duplicate, not a second start.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class QboSpsOrderPollJobTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task PollAsync_ThreePagesOfDocuments_StartsOneWorkflowPerDocumentAndNoneTwice()
    {
        // Arrange
        await using var h = await SpsCommerceHarness.StartAsync(azurite, configuration: new() { ["Connectors:SpsCommerce:PageSize"] = "2" });
        for (var i = 1; i <= 5; i++)
        {
            h.Sps.AddOutboxDocument($"PO{i}.json", [0x7B, 0x7D]);
        }

        var started = new HashSet<string>(StringComparer.Ordinal);
        var inputs = new List<SpsDocumentRef>();
        var workflows = new Mock<IWorkflowClient>();
        workflows.Setup(w => w.StartAsync(nameof(SpsOrderToQboWorkflow), It.IsAny<string>(), It.IsAny<object>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string _, string id, object input, CancellationToken _) =>
            {
                inputs.Add((SpsDocumentRef)input);
                return new WorkflowStartResult(id, IsDuplicate: !started.Add(id), WorkflowRuntimeStatus.Pending);
            });
        var sut = new QboSpsOrderPollJob(h.Connections, h.Services.GetRequiredService<ISpsCommerceClient>(), workflows.Object, NullLogger<QboSpsOrderPollJob>.Instance);

        // Act
        var first = await sut.PollAsync(SpsCommerceHarness.ConnectionId);
        var second = await sut.PollAsync(SpsCommerceHarness.ConnectionId);

        // Assert
        Assert.Equal((5, 5), first);
        Assert.Equal((5, 0), second);
        Assert.Equal(5, started.Count);
        Assert.Contains(QboSpsOrderPollJob.InstanceId(SpsCommerceHarness.ConnectionId, "out/PO3.json"), started);
        Assert.All(inputs, i => Assert.Equal(SpsCommerceHarness.ConnectionId, i.ConnectionId));
    }
}

using MlConnector.Core.Errors;
using MlConnector.Core.Failures;
using MlConnector.Core.Workflows;
using MlConnector.Core.Workflows.Engines;
using Moq;

namespace MlConnector.Tests.Workflows;

/// <summary>
/// A <see cref="ConnectorException"/> thrown by a workflow's own code (QuickBooks Desktop's second 3200 stale EditSequence
/// in <c>QbdShipmentToQbdWorkflow</c>, a Conflict) keeps its kind through the engine, which stores only the exception's
/// type and message: before, the chaos run's QBD failure read back as <c>Unknown</c> ("something failed on ml-connector's
/// side").
/// </summary>
public class WorkflowFailedExceptionTests
{
    private const string Refused = "QuickBooks refused the correction of invoice 77-1 (order 1001): status 3200 The provided edit sequence \"1\" is out-of-date.";

    [Fact]
    public async Task RunSerializedAsync_WorkflowThrowsConnectorException_FailsWithWorkflowFailedExceptionKeepingTheKind()
    {
        // Arrange
        IWorkflow sut = new ThrowingWorkflow(new ConnectorException("qbd", ErrorKind.Conflict, Refused, vendorErrorCode: "3200"));

        // Act
        var error = await Assert.ThrowsAsync<WorkflowFailedException>(() => sut.RunSerializedAsync(Context()));

        // Assert
        Assert.Equal(ErrorKind.Conflict, error.Kind);
        Assert.Equal($"Workflow '{nameof(ThrowingWorkflow)}' failed: Conflict: {Refused}", error.Message);
        Assert.IsType<ConnectorException>(error.InnerException);
    }

    [Fact]
    public async Task ReadFailure_WhatTheEngineKeptOfAWorkflowsOwnConflict_IsConflictWithItsAdvice()
    {
        // Arrange: the engine keeps the type name and message only.
        IWorkflow workflow = new ThrowingWorkflow(new ConnectorException("qbd", ErrorKind.Conflict, Refused, vendorErrorCode: "3200"));
        var error = await Assert.ThrowsAsync<WorkflowFailedException>(() => workflow.RunSerializedAsync(Context()));

        // Act
        var failure = EngineWorkflowClient.ReadFailure(error.GetType().FullName, error.Message, "Failed");

        // Assert
        Assert.Equal(ErrorKind.Conflict, failure.Kind);
        Assert.Equal(error.Message, failure.Message);
        Assert.StartsWith("The record kept changing while we wrote it", FailureAdvice.WhatToFix(failure), StringComparison.Ordinal);
        Assert.Equal(Refused, FailureAdvice.Problem(failure.Message));
    }

    [Theory]
    [InlineData(ErrorKind.Validation)]
    [InlineData(ErrorKind.Transient)]
    [InlineData(ErrorKind.NeedsReconsent)]
    public void ReadFailure_WorkflowFailedExceptionOfEachKind_ReadsThatKind(ErrorKind kind)
    {
        // Arrange
        var error = new WorkflowFailedException("QbdShipmentToQbdWorkflow", new WorkflowFailureDetails(kind, typeof(ConnectorException).FullName!, "QuickBooks said no."));

        // Act
        var failure = EngineWorkflowClient.ReadFailure(typeof(WorkflowFailedException).FullName, error.Message, "Failed");

        // Assert
        Assert.Equal(kind, failure.Kind);
        Assert.Equal(kind, WorkflowFailureDetails.FromException(error).Kind);
    }

    [Fact]
    public void ReadFailure_OtherTypeWithTheSamePrefix_StaysUnknown()
    {
        // Act: only our own exception type's message is trusted to carry a kind.
        var failure = EngineWorkflowClient.ReadFailure(typeof(InvalidOperationException).FullName, "Workflow 'X' failed: Conflict: no.", "Failed");

        // Assert
        Assert.Equal(ErrorKind.Unknown, failure.Kind);
    }

    [Fact]
    public async Task RunSerializedAsync_WorkflowThrowsAnythingElse_PassesItUnchanged()
    {
        // Arrange
        IWorkflow sut = new ThrowingWorkflow(new InvalidOperationException("A bug."));

        // Act and assert
        await Assert.ThrowsAsync<InvalidOperationException>(() => sut.RunSerializedAsync(Context()));
    }

    private static IWorkflowContext Context()
    {
        var context = new Mock<IWorkflowContext>();
        context.Setup(c => c.GetInput<string>()).Returns("1001");
        return context.Object;
    }

    private sealed class ThrowingWorkflow(Exception error) : IWorkflow<string, string>
    {
        public string Name => nameof(ThrowingWorkflow);

        public Task<string> RunAsync(IWorkflowContext context, string input) => Task.FromException<string>(error);
    }
}

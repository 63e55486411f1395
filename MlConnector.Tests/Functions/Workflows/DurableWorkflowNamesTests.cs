using MlConnector.Functions.Workflows;

namespace MlConnector.Tests.Functions.Workflows;

public class DurableWorkflowNamesTests
{
    [Fact]
    public void OrchestratorFor_WorkflowName_ReplacesTheSuffixAndMapsBack()
    {
        // Arrange / Act
        var orchestrator = DurableWorkflowNames.OrchestratorFor("SyncOrderToQboWorkflow");

        // Assert
        Assert.Equal("SyncOrderToQboOrchestrator", orchestrator);
        Assert.Equal("SyncOrderToQboWorkflow", DurableWorkflowNames.WorkflowFor(orchestrator));
    }

    [Theory]
    [InlineData("SyncOrderToQbo")]
    [InlineData("Workflow")]
    [InlineData("syncorderworkflow ")]
    public void OrchestratorFor_NoWorkflowSuffix_Throws(string workflowName)
    {
        // Arrange / Act / Assert
        Assert.Throws<ArgumentException>(() => DurableWorkflowNames.OrchestratorFor(workflowName));
    }
}

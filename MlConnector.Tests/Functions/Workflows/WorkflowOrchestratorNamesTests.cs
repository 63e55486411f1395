using MlConnector.Core.Workflows.Engines;
using MlConnector.Functions.Workflows;

namespace MlConnector.Tests.Functions.Workflows;

public class WorkflowOrchestratorNamesTests
{
    [Fact]
    public void OrchestratorFor_WorkflowName_ReplacesTheSuffixAndMapsBack()
    {
        // Arrange / Act
        var orchestrator = WorkflowOrchestratorNames.OrchestratorFor("SyncOrderToQboWorkflow");

        // Assert
        Assert.Equal("SyncOrderToQboOrchestrator", orchestrator);
        Assert.Equal("SyncOrderToQboWorkflow", WorkflowOrchestratorNames.WorkflowFor(orchestrator));
    }

    [Theory]
    [InlineData("SyncOrderToQbo")]
    [InlineData("Workflow")]
    [InlineData("syncorderworkflow ")]
    public void OrchestratorFor_NoWorkflowSuffix_Throws(string workflowName)
    {
        // Arrange / Act / Assert
        Assert.Throws<ArgumentException>(() => WorkflowOrchestratorNames.OrchestratorFor(workflowName));
    }
}

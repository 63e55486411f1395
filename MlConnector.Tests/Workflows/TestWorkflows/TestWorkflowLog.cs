using Microsoft.Extensions.Logging;

namespace MlConnector.Tests.Workflows.TestWorkflows;

internal static partial class TestWorkflowLog
{
    [LoggerMessage(EventId = 1, EventName = "ApprovalRequested", Level = LogLevel.Information, Message = "Approval requested for {InstanceId}.")]
    public static partial void ApprovalRequested(this ILogger logger, string instanceId);
}

namespace MlConnector.Cli.Chaos;

/// <summary>One workflow instance as a settle listing saw it (<c>GET /api/workflows?status=</c>).</summary>
/// <param name="InstanceId">The instance id.</param>
/// <param name="ConnectionId">The connection it runs on.</param>
/// <param name="Name">The workflow's name (<c>UpsShipmentWorkflow</c>, …).</param>
internal sealed record ChaosWorkflowSeen(string InstanceId, string ConnectionId, string Name);

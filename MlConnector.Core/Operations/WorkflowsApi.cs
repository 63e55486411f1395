using Microsoft.AspNetCore.Http;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Operations;

/// <summary>
/// The operator HTTP API over workflow instances, shared by both hosts:
/// <c>GET /api/workflows?status=Failed&amp;connectionId=</c>, <c>GET /api/workflows/{instanceId}</c>,
/// <c>POST /api/workflows/{instanceId}/replay</c> (a failed instance, after its cause is fixed, runs again as a new
/// instance with its original input; completed side effects are not repeated because activities are idempotent).
/// </summary>
/// <param name="client">The workflow client of the host (Table runner or Durable).</param>
/// <param name="operatorAudit">Records who replayed what.</param>
public sealed class WorkflowsApi(IWorkflowClient client, OperatorAudit operatorAudit)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Lists instances.</summary>
    /// <param name="status">A runtime status name (default: all).</param>
    /// <param name="connectionId">Only this connection's instances.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>200 with the instances, or 400 for an unknown status.</returns>
    public async Task<IResult> ListAsync(string? status, string? connectionId, CancellationToken cancellationToken = default)
    {
        WorkflowRuntimeStatus? filter = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!Enum.TryParse<WorkflowRuntimeStatus>(status, ignoreCase: true, out var parsed))
            {
                return Results.Problem($"status must be one of {string.Join(", ", Enum.GetNames<WorkflowRuntimeStatus>())}.", statusCode: StatusCodes.Status400BadRequest);
            }

            filter = parsed;
        }

        return Results.Json(await client.ListAsync(filter, connectionId, cancellationToken: cancellationToken), Json);
    }

    /// <summary>Reads one instance: status, input, custom status, output, failure.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>200 with the status, or 404.</returns>
    public async Task<IResult> GetAsync(string instanceId, CancellationToken cancellationToken = default) =>
        await client.GetStatusAsync(instanceId, cancellationToken) is { } status
            ? Results.Json(status, Json)
            : Results.Problem($"Workflow instance '{instanceId}' does not exist.", statusCode: StatusCodes.Status404NotFound);

    /// <summary>Replays a failed instance.</summary>
    /// <param name="instanceId">The failed instance id.</param>
    /// <param name="identity">The operator (audited on the instance's connection).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>202 with the new instance id (200 when it was already replayed), 404, or 409 when the instance has not failed.</returns>
    public async Task<IResult> ReplayAsync(string instanceId, OperatorIdentity identity, CancellationToken cancellationToken = default)
    {
        var status = await client.GetStatusAsync(instanceId, cancellationToken);
        if (status is null)
        {
            return Results.Problem($"Workflow instance '{instanceId}' does not exist.", statusCode: StatusCodes.Status404NotFound);
        }

        try
        {
            var started = await client.ReplayAsync(instanceId, cancellationToken);
            if (!started.IsDuplicate && status.ConnectionId is { Length: > 0 } connectionId)
            {
                await operatorAudit.RecordAsync(connectionId, "workflow.replay", identity, $"replayed as {started.InstanceId}", instanceId, cancellationToken);
            }

            return Results.Json(started, Json, statusCode: started.IsDuplicate ? StatusCodes.Status200OK : StatusCodes.Status202Accepted);
        }
        catch (InvalidOperationException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict);
        }
    }
}

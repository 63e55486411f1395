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

    /// <summary>The response header that carries the next page's token, and is absent on the last page (as in Durable Functions' HTTP API for instance queries).</summary>
    public const string ContinuationHeader = "x-ms-continuation-token";

    /// <summary>
    /// Lists one page of instances: up to <paramref name="pageSize"/> instances of the engine's query (default and most
    /// <see cref="WorkflowInstancePage.MaxPageSize"/>), filtered by connection, as a JSON array; when more follow, the
    /// <see cref="ContinuationHeader"/> header holds the token to pass as <paramref name="continuationToken"/> for the next.
    /// Each page is one query of the engine's store.
    /// </summary>
    /// <param name="status">A runtime status name (default: all).</param>
    /// <param name="connectionId">Only this connection's instances (a page may then hold fewer, or none, while more follow).</param>
    /// <param name="continuationToken">The previous page's <see cref="ContinuationHeader"/>; none for the first page.</param>
    /// <param name="pageSize">Instances read for this page, 1 to <see cref="WorkflowInstancePage.MaxPageSize"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>200 with the instances, or 400 for an unknown status or a page size out of range.</returns>
    public async Task<IResult> ListAsync(string? status, string? connectionId, string? continuationToken = null, int? pageSize = null, CancellationToken cancellationToken = default)
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

        if (pageSize is < 1 or > WorkflowInstancePage.MaxPageSize)
        {
            return Results.Problem($"pageSize must be 1 to {WorkflowInstancePage.MaxPageSize}.", statusCode: StatusCodes.Status400BadRequest);
        }

        var page = await client.ListPageAsync(filter, connectionId, continuationToken, pageSize ?? WorkflowInstancePage.MaxPageSize, cancellationToken);
        var json = Results.Json(page.Instances, Json);
        return page.ContinuationToken is { } next ? new ContinuedResult(json, next) : json;
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

    /// <summary>A result with the next page's token in <see cref="ContinuationHeader"/>.</summary>
    private sealed class ContinuedResult(IResult inner, string continuationToken) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            httpContext.Response.Headers[ContinuationHeader] = continuationToken;
            return inner.ExecuteAsync(httpContext);
        }
    }
}

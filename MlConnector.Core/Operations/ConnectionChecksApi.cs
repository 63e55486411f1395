using Microsoft.AspNetCore.Http;
using MlConnector.Core.Health;

namespace MlConnector.Core.Operations;

/// <summary>
/// The operator HTTP API that tests and reports on one connection, shared by both hosts:
/// <c>POST /api/connections/{id}/test</c> → 200 <see cref="ConnectionTestReport"/> (<c>{"connectionId","ok","checks":[{"system","check","ok","detail","fix"}]}</c>);
/// <c>GET /api/connections/{id}/health</c> → 200 <see cref="ConnectionHealth"/>. Both answer 404 (problem details) for an unknown connection.
/// </summary>
/// <param name="tester">Runs the connection test.</param>
/// <param name="health">Reads the health document.</param>
public sealed class ConnectionChecksApi(ConnectionTester tester, ConnectionHealthReader health)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>POST connections/{id}/test.</summary>
    /// <param name="id">The connection id.</param>
    /// <param name="cancellationToken">Cancels the test.</param>
    /// <returns>200 with the report (<c>ok</c> false when a check failed), or 404.</returns>
    public async Task<IResult> TestAsync(string id, CancellationToken cancellationToken = default) =>
        await tester.TestAsync(id, cancellationToken) is { } report ? Results.Json(report, Json) : NotFound(id);

    /// <summary>GET connections/{id}/health.</summary>
    /// <param name="id">The connection id.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>200 with the health document, or 404.</returns>
    public async Task<IResult> HealthAsync(string id, CancellationToken cancellationToken = default) =>
        await health.ReadAsync(id, cancellationToken) is { } document ? Results.Json(document, Json) : NotFound(id);

    private static IResult NotFound(string id) => Results.Problem($"Connection '{id}' does not exist.", statusCode: StatusCodes.Status404NotFound);
}

using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace MlConnector.Functions.Http;

/// <summary>
/// <c>GET /api/openapi.json</c> (anonymous: it describes the operator API and changes nothing): the same OpenAPI document
/// the standalone host generates from its operator routes, kept as <c>openapi.json</c> in this project and embedded in
/// the assembly (a test checks it against both hosts' routes).
/// </summary>
public sealed class OpenApiHttp
{
    private static readonly Lazy<byte[]> Document = new(() =>
    {
        using var stream = typeof(OpenApiHttp).Assembly.GetManifestResourceStream("MlConnector.Functions.openapi.json")
            ?? throw new InvalidOperationException("The embedded openapi.json is missing from the build.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    /// <summary>The document's bytes, as served.</summary>
    internal static ReadOnlyMemory<byte> Json => Document.Value;

    [Function(nameof(OpenApiHttp))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(Results.Bytes(Document.Value, "application/json"));
    }
}

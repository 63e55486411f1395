namespace MlConnector.Core.Connectors;

/// <summary>
/// An RFC 7807 <c>application/problem+json</c> error body: <c>type</c>, <c>title</c>, <c>status</c>, <c>detail</c>,
/// <c>instance</c>, plus the SPS API standard's <c>requestId</c> and <c>context</c> extensions
/// (https://spscommerce.github.io/sps-api-standards/standards/errors.html; PROTOCOL-NOTES §6). Connectors' error
/// classifiers read it through <see cref="TryParse"/>.
/// </summary>
/// <param name="Type">The problem type URI, if any.</param>
/// <param name="Title">The short summary, if any.</param>
/// <param name="Status">The HTTP status the body repeats, if any.</param>
/// <param name="Detail">The explanation of this occurrence, if any.</param>
/// <param name="Instance">The occurrence's URI, if any.</param>
/// <param name="RequestId">The vendor's request id (<c>requestId</c>), if any.</param>
/// <param name="ContextFields">The <c>field</c> values named in <c>context</c> entries (SPS standard), if any.</param>
public sealed record ProblemDetailsBody(string? Type, string? Title, int? Status, string? Detail, string? Instance, string? RequestId, IReadOnlyList<string> ContextFields)
{
    /// <summary>Reads a problem-details body; any JSON object with a <c>title</c>, <c>detail</c> or <c>type</c> qualifies.</summary>
    /// <param name="body">The response body, or <see langword="null"/>.</param>
    /// <returns>The problem, or <see langword="null"/> when the body is not one.</returns>
    public static ProblemDetailsBody? TryParse(string? body)
    {
        if (body is null || !body.TrimStart().StartsWith('{'))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var title = Text(root, "title");
            var detail = Text(root, "detail");
            var type = Text(root, "type");
            if (title is null && detail is null && type is null)
            {
                return null;
            }

            int? status = root.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt32(out var n) ? n : null;
            var fields = new List<string>();
            if (root.TryGetProperty("context", out var context) && context.ValueKind == JsonValueKind.Array)
            {
                foreach (var entry in context.EnumerateArray())
                {
                    if (entry.ValueKind == JsonValueKind.Object && Text(entry, "field") is { } field)
                    {
                        fields.Add(field);
                    }
                }
            }

            return new ProblemDetailsBody(type, title, status, detail, Text(root, "instance"), Text(root, "requestId"), fields);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}

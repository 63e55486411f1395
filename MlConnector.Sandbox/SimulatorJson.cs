using System.Text.Json;
using System.Text.Json.Nodes;

namespace MlConnector.Sandbox;

/// <summary>Request-body reading the simulators share.</summary>
internal static class SimulatorJson
{
    /// <summary>
    /// The body as a JSON object, or null when it is missing, blank, not JSON or not an object; each simulator answers that
    /// null with its vendor's own validation error.
    /// </summary>
    /// <param name="body">The raw request body.</param>
    /// <returns>The object, or null.</returns>
    public static JsonObject? ParseObject(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

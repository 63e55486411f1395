using System.Net.Http.Json;

namespace MlConnector.Cli.Backfill;

/// <summary>
/// The HTTP calls of `mlconnector backfill` to a running host's operator API (<c>POST</c> and <c>GET /api/connections/{id}/backfill</c>),
/// in one small class so they can join the shared operator API client.
/// </summary>
/// <param name="http">A client whose base address is the host, for example <c>http://127.0.0.1:7071/</c>.</param>
internal sealed class BackfillOperatorClient(HttpClient http)
{
    /// <summary>Starts (or finds) the backfill; returns the host's JSON answer.</summary>
    public async Task<JsonElement> StartAsync(string connectionId, DateTimeOffset sinceUtc, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(Route(connectionId), new { since = sinceUtc.ToString("o", CultureInfo.InvariantCulture) }, cancellationToken);
        return await ReadAsync(response, cancellationToken);
    }

    /// <summary>The backfill's progress and workflow status, as the host answers it.</summary>
    public async Task<JsonElement> GetAsync(string connectionId, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(Route(connectionId), UriKind.Relative), cancellationToken);
        return await ReadAsync(response, cancellationToken);
    }

    private static string Route(string connectionId) => $"api/connections/{Uri.EscapeDataString(connectionId)}/backfill";

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The host answered {(int)response.StatusCode} {response.StatusCode}: {body}", null, response.StatusCode);
        }

        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }
}

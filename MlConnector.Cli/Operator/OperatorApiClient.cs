using System.Net.Http.Headers;
using System.Text;
using MlConnector.Core.Operations;

namespace MlConnector.Cli.Operator;

/// <summary>
/// The one client of a host's operator API (standalone or Azure) used by every operator command and by the demo: JSON
/// in and out, the operator credential on every request, errors as <see cref="OperatorApiException"/> with the host's
/// problem details; a host that cannot be reached throws <see cref="HttpRequestException"/>. Answers are returned as
/// JSON documents, printed as they are by <c>--json</c>.
/// </summary>
internal sealed class OperatorApiClient : IDisposable
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/json") { CharSet = "utf-8" };
    private readonly HttpClient _http;

    public OperatorApiClient(Uri baseUrl, OperatorCredential credential, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentNullException.ThrowIfNull(credential);
        BaseUrl = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        _http.BaseAddress = BaseUrl;
        _http.Timeout = TimeSpan.FromMinutes(2);
        credential.Apply(_http);
    }

    public Uri BaseUrl { get; }

    public Task<JsonElement> ListConnectionsAsync(string? kind = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "api/connections" + Query(("kind", kind)), null, cancellationToken);

    public Task<JsonElement> GetConnectionAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"api/connections/{Escape(id)}", null, cancellationToken);

    public Task<JsonElement> CreateConnectionAsync(string connectionJson, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "api/connections", connectionJson, cancellationToken);

    public Task<JsonElement> UpdateConnectionAsync(string id, string connectionJson, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Put, $"api/connections/{Escape(id)}", connectionJson, cancellationToken);

    public Task<JsonElement> PauseAsync(string id, string? reason, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"api/connections/{Escape(id)}/pause" + Query(("reason", reason)), string.Empty, cancellationToken);

    public Task<JsonElement> ResumeAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"api/connections/{Escape(id)}/resume", string.Empty, cancellationToken);

    public Task<JsonElement> DeleteConnectionAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, $"api/connections/{Escape(id)}", null, cancellationToken);

    /// <summary>Stores a connection's secret; the value travels only in the request body.</summary>
    public Task<JsonElement> SetSecretAsync(string id, string name, string value, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Put, $"api/connections/{Escape(id)}/secrets/{Escape(name)}", SecretBody(value), cancellationToken);

    /// <summary>Stores an app-wide secret (an OAuth client secret).</summary>
    public Task<JsonElement> SetAppSecretAsync(string name, string value, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Put, $"api/secrets/{Escape(name)}", SecretBody(value), cancellationToken);

    public Task<JsonElement> RegisterWebhooksAsync(string id, Uri? publicBaseUrl, CancellationToken cancellationToken = default) =>
        SendAsync(
            HttpMethod.Post,
            $"api/connections/{Escape(id)}/webhooks/register",
            publicBaseUrl is null ? string.Empty : JsonSerializer.Serialize(new Dictionary<string, string> { ["publicBaseUrl"] = publicBaseUrl.AbsoluteUri }),
            cancellationToken);

    public Task<JsonElement> TestConnectionAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"api/connections/{Escape(id)}/test", string.Empty, cancellationToken);

    public Task<JsonElement> HealthAsync(string? id, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, id is null ? "api/health" : $"api/connections/{Escape(id)}/health", null, cancellationToken);

    public Task<JsonElement> ListFailuresAsync(string? connectionId, string? kind, DateTimeOffset? since, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "api/failures" + Query(("connectionId", connectionId), ("kind", kind), ("since", since?.ToString("O", CultureInfo.InvariantCulture))), null, cancellationToken);

    public Task<JsonElement> DismissFailureAsync(string id, string reason, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"api/failures/{Escape(id)}/dismiss", JsonSerializer.Serialize(new Dictionary<string, string> { ["reason"] = reason }), cancellationToken);

    /// <summary>Replays the given failures (each once) with <c>POST failures/replay {"ids": [...]}</c>.</summary>
    public Task<JsonElement> ReplayFailuresAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "api/failures/replay", JsonSerializer.Serialize(new Dictionary<string, IReadOnlyList<string>> { ["ids"] = ids }), cancellationToken);

    /// <summary>Replays every open failure, optionally of one connection or error kind.</summary>
    public Task<JsonElement> ReplayAllFailedAsync(string? connectionId, string? kind, CancellationToken cancellationToken = default)
    {
        var body = new Dictionary<string, object> { ["allFailed"] = true };
        if (connectionId is not null)
        {
            body["connectionId"] = connectionId;
        }

        if (kind is not null)
        {
            body["kind"] = kind;
        }

        return SendAsync(HttpMethod.Post, "api/failures/replay", JsonSerializer.Serialize(body), cancellationToken);
    }

    /// <summary>Starts (or finds) the connection's ShipStation → QBO backfill (<c>POST connections/{id}/backfill</c> with <c>{"since"}</c>, UTC).</summary>
    public Task<JsonElement> StartBackfillAsync(string id, DateTimeOffset sinceUtc, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"api/connections/{Escape(id)}/backfill", JsonSerializer.Serialize(new Dictionary<string, string> { ["since"] = sinceUtc.ToString("o", CultureInfo.InvariantCulture) }), cancellationToken);

    /// <summary>The backfill's progress and workflow status (<c>GET connections/{id}/backfill</c>).</summary>
    public Task<JsonElement> GetBackfillAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"api/connections/{Escape(id)}/backfill", null, cancellationToken);

    /// <summary>The connection's QuickBooks Web Connector file, as XML text (<c>GET connections/{id}/qwc</c>).</summary>
    public Task<string> GetQwcAsync(string id, CancellationToken cancellationToken = default) =>
        SendTextAsync(HttpMethod.Get, $"api/connections/{Escape(id)}/qwc", null, cancellationToken);

    /// <summary>The connection's last inventory reconciliation (<c>GET connections/{id}/inventory</c>).</summary>
    public Task<JsonElement> GetInventoryAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"api/connections/{Escape(id)}/inventory", null, cancellationToken);

    /// <summary>Replays one failed workflow instance (<c>POST workflows/{id}/replay</c>).</summary>
    public Task<JsonElement> ReplayWorkflowAsync(string instanceId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"api/workflows/{Escape(instanceId)}/replay", string.Empty, cancellationToken);

    /// <summary>One workflow instance (<c>GET workflows/{id}</c>): status, input, custom status, output; <see cref="OperatorApiException"/> 404 when it does not exist.</summary>
    public Task<JsonElement> GetWorkflowAsync(string instanceId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"api/workflows/{Escape(instanceId)}", null, cancellationToken);

    /// <summary>
    /// Every workflow instance of one runtime status and connection, as one JSON array: <c>GET workflows?status=&amp;connectionId=</c>
    /// page after page (<c>continuationToken</c> from each page's <c>x-ms-continuation-token</c>) until the host sends no
    /// token. Each page costs the host one query of its workflow store (a scan of the Instances table on Azurite), so
    /// pages are as large as the host allows unless <paramref name="pageSize"/> says otherwise.
    /// </summary>
    /// <param name="status">A runtime status name, or null for all.</param>
    /// <param name="connectionId">One connection, or null for all.</param>
    /// <param name="pageSize">Instances per page (1 to 1,000), or null for the host's default (1,000).</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The instances of every page, and how many pages it took.</returns>
    public async Task<(JsonElement Instances, int Pages)> ListWorkflowsAsync(string? status, string? connectionId, int? pageSize = null, CancellationToken cancellationToken = default)
    {
        var instances = new List<JsonElement>();
        var pages = 0;
        string? continuation = null;
        do
        {
            var path = "api/workflows" + Query(("status", status), ("connectionId", connectionId), ("pageSize", pageSize?.ToString(CultureInfo.InvariantCulture)), ("continuationToken", continuation));
            (var text, continuation) = await SendForContinuationAsync(HttpMethod.Get, path, null, cancellationToken);
            using var page = JsonDocument.Parse(text);
            instances.AddRange(page.RootElement.EnumerateArray().Select(instance => instance.Clone()));
            pages++;
        }
        while (!string.IsNullOrEmpty(continuation));

        return (JsonSerializer.SerializeToElement(instances), pages);
    }

    /// <summary>Webhook deliveries recorded and not yet dispatched, and those kept as poison (<c>GET intake</c>: <c>{"pending","poison"}</c>).</summary>
    public Task<JsonElement> GetIntakeAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "api/intake", null, cancellationToken);

    /// <summary>Moves poison webhook deliveries back for dispatch (<c>POST intake/poison/replay</c>: <c>{"replayed"}</c>).</summary>
    public Task<JsonElement> ReplayPoisonAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "api/intake/poison/replay", string.Empty, cancellationToken);

    /// <summary>The merchant's consent link: the host's <c>/api/oauth/{provider}/connect/{id}</c> route, which redirects to the provider.</summary>
    public Uri ConsentUrl(string provider, string id) => new(BaseUrl, $"api/oauth/{Escape(provider)}/connect/{Escape(id)}");

    public void Dispose() => _http.Dispose();

    private static string SecretBody(string value) => JsonSerializer.Serialize(new Dictionary<string, string> { ["value"] = value });

    private static string Escape(string value) => Uri.EscapeDataString(value);

    private static string Query(params (string Name, string? Value)[] parameters)
    {
        var parts = parameters.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return parts.Count == 0 ? string.Empty : "?" + string.Join('&', parts);
    }

    private static OperatorApiException ToException(int status, string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var detail = root.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()!
                : root.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()!
                : body;
            var problems = root.TryGetProperty("problems", out var p) && p.ValueKind == JsonValueKind.Array
                ? p.EnumerateArray().Select(e => new OperatorApiProblem(Text(e, "field"), Text(e, "message"))).ToList()
                : [];
            return new OperatorApiException(status, detail, problems);
        }
        catch (JsonException)
        {
            return new OperatorApiException(status, string.IsNullOrWhiteSpace(body) ? "(no detail)" : body, []);
        }
    }

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;

    // body: null sends no body; a string (empty for none) is sent as application/json.
    private async Task<JsonElement> SendAsync(HttpMethod method, string path, string? body, CancellationToken cancellationToken)
    {
        var text = await SendTextAsync(method, path, body, cancellationToken);
        if (string.IsNullOrWhiteSpace(text))
        {
            return JsonDocument.Parse("{}").RootElement.Clone();
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    private async Task<string> SendTextAsync(HttpMethod method, string path, string? body, CancellationToken cancellationToken) =>
        (await SendForContinuationAsync(method, path, body, cancellationToken)).Text;

    /// <summary>Sends one request; the answer's body and its <see cref="WorkflowsApi.ContinuationHeader"/> (null when absent).</summary>
    private async Task<(string Text, string? ContinuationToken)> SendForContinuationAsync(HttpMethod method, string path, string? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = JsonType;
        }

        using var response = await _http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw ToException((int)response.StatusCode, text);
        }

        return (text, response.Headers.TryGetValues(WorkflowsApi.ContinuationHeader, out var values) ? values.FirstOrDefault() : null);
    }
}

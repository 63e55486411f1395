using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using MlConnector.Cli.Serve;

namespace MlConnector.Tests.TestSupport;

/// <summary>HTTP clients of a standalone host's operator API, authenticated with its operator token, and JSON bodies as the operator API requires.</summary>
public static class OperatorHttp
{
    internal static HttpClient Create(StandaloneHost host) => Create(host.BaseAddress, host.OperatorToken);

    public static HttpClient Create(Uri baseAddress, string token)
    {
        var http = new HttpClient { BaseAddress = baseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>A JSON body (empty for the POSTs that carry none).</summary>
    public static StringContent Json(string json = "") => new(json, Encoding.UTF8, "application/json");

    /// <summary>Creates a connection through <c>POST api/connections</c>; a refusal fails the test with the host's answer.</summary>
    public static async Task CreateConnectionAsync(this HttpClient http, JsonObject connection)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(connection);
        using var created = await http.PostAsync(new Uri("api/connections", UriKind.Relative), Json(connection.ToJsonString()));
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Connects a connection to <paramref name="provider"/> through <c>GET api/oauth/{provider}/connect/{id}</c> (the OAuth
    /// simulator consents at once and the client follows the redirects); a failure fails the test with the host's answer.
    /// </summary>
    public static async Task ConnectAsync(this HttpClient http, string provider, string connectionId)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var connected = await http.GetAsync(new Uri($"api/oauth/{provider}/connect/{connectionId}", UriKind.Relative));
        Assert.True(connected.IsSuccessStatusCode, await connected.Content.ReadAsStringAsync());
    }
}

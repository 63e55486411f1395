using System.Net.Http.Headers;
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
}

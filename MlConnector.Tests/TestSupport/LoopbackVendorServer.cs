using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MlConnector.Tests.TestSupport;

/// <summary>
/// A real HTTP peer on a free loopback port (Kestrel) that answers from a script of status codes, headers and optional
/// JSON bodies (or from a responder function, when one is set), and records each request: arrival time, headers, query
/// and body. An unscripted request gets 599, which no test expects.
/// </summary>
public sealed class LoopbackVendorServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<(HttpStatusCode Status, (string Name, string Value)[] Headers, string? Body)> _script = new();
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();
    private Func<ReceivedRequest, (HttpStatusCode Status, string Body)?>? _responder;
    private WebApplication? _app;

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<ReceivedRequest> Requests => [.. _received];

    public static async Task<LoopbackVendorServer> StartAsync()
    {
        var server = new LoopbackVendorServer();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server._app = app;
        server.BaseAddress = new Uri(app.Urls.Single());
        return server;
    }

    public LoopbackVendorServer Enqueue(HttpStatusCode status, params (string Name, string Value)[] headers)
    {
        _script.Enqueue((status, headers, null));
        return this;
    }

    /// <summary>Scripts one answer with a JSON body.</summary>
    public LoopbackVendorServer Enqueue(HttpStatusCode status, string jsonBody, params (string Name, string Value)[] headers)
    {
        _script.Enqueue((status, headers, jsonBody));
        return this;
    }

    /// <summary>Answers every request the script does not cover with <paramref name="responder"/> (null: 599).</summary>
    public LoopbackVendorServer Respond(Func<ReceivedRequest, (HttpStatusCode Status, string Body)?> responder)
    {
        _responder = responder;
        return this;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var received = new ReceivedRequest(context.Request.Method, context.Request.Path, Stopwatch.GetTimestamp())
        {
            Query = context.Request.QueryString.Value ?? string.Empty,
            Headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            Body = await reader.ReadToEndAsync(),
        };
        _received.Enqueue(received);
        if (_script.TryDequeue(out var next))
        {
            context.Response.StatusCode = (int)next.Status;
            foreach (var (name, value) in next.Headers)
            {
                context.Response.Headers[name] = value;
            }

            await WriteJsonAsync(context, next.Body ?? $"{{\"status\":{(int)next.Status}}}");
            return;
        }

        if (_responder?.Invoke(received) is { } answer)
        {
            context.Response.StatusCode = (int)answer.Status;
            await WriteJsonAsync(context, answer.Body);
            return;
        }

        context.Response.StatusCode = 599;
    }

    private static async Task WriteJsonAsync(HttpContext context, string body)
    {
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body);
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MlConnector.Tests.TestSupport;

/// <summary>
/// A real HTTP peer on a free loopback port (Kestrel) that answers from a script of status codes and headers, and
/// records when each request arrived. An unscripted request gets 599, which no test expects.
/// </summary>
public sealed class LoopbackVendorServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<(HttpStatusCode Status, (string Name, string Value)[] Headers)> _script = new();
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();
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
        _script.Enqueue((status, headers));
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
        _received.Enqueue(new ReceivedRequest(context.Request.Method, context.Request.Path, Stopwatch.GetTimestamp()));
        if (!_script.TryDequeue(out var next))
        {
            context.Response.StatusCode = 599;
            return;
        }

        context.Response.StatusCode = (int)next.Status;
        foreach (var (name, value) in next.Headers)
        {
            context.Response.Headers[name] = value;
        }

        await context.Response.WriteAsync($"{{\"status\":{(int)next.Status}}}");
    }
}

using Azure.Storage.Queues;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Core.Storage;

namespace MlConnector.Cli.Bench;

/// <summary>
/// Bench only: <c>POST /api/bench/bare-write</c>, the bare endpoint plus one durable storage write (one message to the queue
/// <c>{prefix}-benchwrite</c> on the host's own storage, through the same <see cref="QueueServiceClient"/> the intake
/// records deliveries with), then 200. It is the floor of any acknowledgement that records the delivery before answering,
/// so bench (c) can say how much of a webhook route's ack is that one write and how much is ours.
/// </summary>
/// <remarks>
/// Mapped only with <c>Bench:BareEndpoint</c>, beside <c>POST /api/bench/bare</c>. The messages live one minute and nothing
/// reads them. The queue is created on first use (a failed creation is tried again by the next request).
/// </remarks>
internal static class BenchWriteOnceEndpoint
{
    /// <summary>The route.</summary>
    public const string Path = "/api/bench/bare-write";

    private static readonly TimeSpan MessageLifetime = TimeSpan.FromMinutes(1);

    /// <summary>The queue the endpoint writes to: <c>{prefix}-benchwrite</c>.</summary>
    /// <param name="names">The host's storage names.</param>
    /// <returns>The queue name.</returns>
    public static string QueueName(StorageNames names) => (names ?? throw new ArgumentNullException(nameof(names))).Prefix.ToLowerInvariant() + "-benchwrite";

    /// <summary>Maps <see cref="Path"/>.</summary>
    /// <param name="app">The host.</param>
    public static void Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var queue = app.Services.GetRequiredService<QueueServiceClient>().GetQueueClient(QueueName(app.Services.GetRequiredService<StorageNames>()));
        var created = new CreatedOnce();
        app.MapPost(Path, async (CancellationToken cancellationToken) =>
        {
            await created.WaitAsync(() => queue.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None), cancellationToken);
            await queue.SendMessageAsync("{}", visibilityTimeout: null, timeToLive: MessageLifetime, cancellationToken);
            return Results.Ok();
        });
    }
}

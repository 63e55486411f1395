using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Cli.Bench;
using MlConnector.Cli.Serve;
using MlConnector.Core.Storage;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Cli;

/// <summary>
/// Bench (c)'s second reference, <c>POST /api/bench/bare-write</c>, on the real host and Azurite: one durable queue write per
/// request, then 200; and it exists only when the bench setting maps it.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class BenchWriteOnceEndpointTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task BareWrite_BenchHost_WritesOneQueueMessagePerRequestAndAnswers200()
    {
        // Arrange
        await using var host = await StartAsync(bench: true);
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        // Act
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var answer = await http.PostAsync(BenchWriteOnceEndpoint.Path.TrimStart('/'), null);
            statuses.Add(answer.StatusCode);
        }

        // Assert
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        var queue = host.Services.GetRequiredService<QueueServiceClient>().GetQueueClient(BenchWriteOnceEndpoint.QueueName(host.Services.GetRequiredService<StorageNames>()));
        var properties = await queue.GetPropertiesAsync();
        Assert.Equal(3, properties.Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task BareWrite_HostWithoutTheBenchSetting_IsNotMapped()
    {
        await using var host = await StartAsync(bench: false);
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        using var answer = await http.PostAsync(BenchWriteOnceEndpoint.Path.TrimStart('/'), null);

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
    }

    private Task<StandaloneHost> StartAsync(bool bench) => LoopbackPort.StartOnFreePortAsync(port => TestHost.StartAsync(
        azurite,
        azurite.NewPrefix(),
        port,
        bench ? new Dictionary<string, string?> { [StandaloneHost.BenchBareEndpointSetting] = "true" } : new Dictionary<string, string?>()));
}

using System.Net.Sockets;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using MlConnector.Core.Storage;

namespace MlConnector.Tests.Storage;

/// <summary>
/// <see cref="AzuriteLayout.ProcessPerService"/>: the three services from Azurite's own per-service entry points (the
/// queue's with the LokiJS batch-remove fix preloaded), used through the real Azure SDK clients on the one connection
/// string, and all stopped on dispose.
/// </summary>
public sealed class AzuriteEmulatorLayoutTests
{
    [Fact]
    public async Task ProcessPerService_EveryServiceAnswersThroughTheSdk_AndDisposeStopsThemAll()
    {
        var emulator = await AzuriteEmulator.StartAsync(null, AzuriteLayout.ProcessPerService);
        int[] ports = [emulator.BlobPort, emulator.QueuePort, emulator.TablePort];
        try
        {
            Assert.True(emulator.IsRunning);

            var table = new TableServiceClient(emulator.ConnectionString).GetTableClient("layout");
            await table.CreateIfNotExistsAsync();
            await table.AddEntityAsync(new TableEntity("p", "r") { ["Value"] = 7 });
            Assert.Equal(7, (await table.GetEntityAsync<TableEntity>("p", "r")).Value.GetInt32("Value"));

            // The queue process runs with the LokiJS batch-remove fix: expired messages still go, the others stay in order,
            // and a delete still removes exactly its message.
            var queue = new QueueClient(emulator.ConnectionString, "layout");
            await queue.CreateIfNotExistsAsync();
            await queue.SendMessageAsync("expires", timeToLive: TimeSpan.FromSeconds(1));
            await queue.SendMessageAsync("first");
            await queue.SendMessageAsync("second");
            await Task.Delay(TimeSpan.FromSeconds(2.5));
            var received = (await queue.ReceiveMessagesAsync(maxMessages: 32)).Value;
            Assert.Equal(["first", "second"], received.Select(m => m.MessageText));
            await queue.DeleteMessageAsync(received[0].MessageId, received[0].PopReceipt);
            await queue.UpdateMessageAsync(received[1].MessageId, received[1].PopReceipt, visibilityTimeout: TimeSpan.Zero);
            Assert.Equal(["second"], (await queue.ReceiveMessagesAsync(maxMessages: 32)).Value.Select(m => m.MessageText));

            var blob = new BlobServiceClient(emulator.ConnectionString).GetBlobContainerClient("layout");
            await blob.CreateIfNotExistsAsync();
            await blob.GetBlobClient("b").UploadAsync(BinaryData.FromString("body"));
            Assert.Equal("body", (await blob.GetBlobClient("b").DownloadContentAsync()).Value.Content.ToString());
        }
        finally
        {
            await emulator.DisposeAsync();
        }

        foreach (var port in ports)
        {
            using var client = new TcpClient();
            await Assert.ThrowsAsync<SocketException>(() => client.ConnectAsync(IPAddress.Loopback, port));
        }
    }

    [Fact]
    public async Task ProcessPerService_PointLookups_FindExactlyTheirEntityWhicheverKeyIsNarrower()
    {
        // Arrange: one partition of 40 rows, and three small partitions sharing one of its row keys (so each lookup is
        // narrowed by the partition in some cases and by the row key in others).
        await using var emulator = await AzuriteEmulator.StartAsync(null, AzuriteLayout.ProcessPerService);
        var table = new TableServiceClient(emulator.ConnectionString).GetTableClient("lookups");
        await table.CreateIfNotExistsAsync();
        for (var i = 0; i < 40; i++)
        {
            await table.AddEntityAsync(new TableEntity("big", $"r{i:D3}") { ["Value"] = $"big-{i}" });
        }

        foreach (var partition in new[] { "a", "b", "c" })
        {
            await table.AddEntityAsync(new TableEntity(partition, "r005") { ["Value"] = $"{partition}-5" });
            await table.AddEntityAsync(new TableEntity(partition, "only-" + partition) { ["Value"] = $"{partition}-only" });
        }

        // Act
        async Task<string?> ReadAsync(string partition, string row) =>
            (await table.GetEntityIfExistsAsync<TableEntity>(partition, row)) is { HasValue: true } found ? found.Value!.GetString("Value") : null;
        var duplicate = await Assert.ThrowsAsync<Azure.RequestFailedException>(() => table.AddEntityAsync(new TableEntity("b", "r005")));
        await table.UpsertEntityAsync(new TableEntity("big", "r010") { ["Value"] = "merged" }, TableUpdateMode.Merge);
        await table.DeleteEntityAsync("c", "r005");

        // Assert
        Assert.Equal("big-5", await ReadAsync("big", "r005"));
        Assert.Equal("a-5", await ReadAsync("a", "r005"));
        Assert.Equal("a-only", await ReadAsync("a", "only-a"));
        Assert.Equal("merged", await ReadAsync("big", "r010"));
        Assert.Null(await ReadAsync("a", "r006"));
        Assert.Null(await ReadAsync("zzz", "r005"));
        Assert.Null(await ReadAsync("c", "r005"));
        Assert.Equal("b-5", await ReadAsync("b", "r005"));
        Assert.Equal(409, duplicate.Status);
    }
}

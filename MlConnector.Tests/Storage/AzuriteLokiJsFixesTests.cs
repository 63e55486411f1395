using System.Diagnostics;
using System.Text.Json;
using MlConnector.Core.Storage;

namespace MlConnector.Tests.Storage;

/// <summary>
/// The LokiJS fixes <see cref="AzuriteEmulator"/> preloads into Azurite's per-service processes, run by Node.js against
/// the LokiJS that Azurite itself loads (the repository's <c>node_modules</c>), on a collection shaped like Azurite 3.35's
/// queue extents (<c>indices: ["id"]</c>, one document per message extent, removed one by one with
/// <c>findAndRemove({ id })</c> by the queue GC): the same documents go, every index still finds what is left, and removing
/// one document, or none, no longer rebuilds the indices from scratch (stock LokiJS rebuilds them on every call); and on
/// Azurite's own in-memory extent store, whose sweep now deletes its extents in chunks with the event loop turning between.
/// </summary>
public sealed class AzuriteLokiJsFixesTests
{
    private const string RemoveScript = """
        'use strict';
        const loki = require('lokijs');
        const proto = loki.Collection.prototype;
        let rebuilds = 0;
        const ensureAllIndexes = proto.ensureAllIndexes;
        proto.ensureAllIndexes = function (force) { if (force) { rebuilds++; } return ensureAllIndexes.apply(this, arguments); };
        const extents = new loki('queue').addCollection('extents', { indices: ['id'] });
        const ids = [];
        for (let i = 0; i < 2000; i++) {
          const id = 'extent-' + ((i * 7919) % 2000).toString().padStart(4, '0');
          ids.push(id);
          extents.insert({ id, locationId: id, path: id, size: i % 100 === 0 ? 7 : 100, lastModifiedInMS: i });
        }
        extents.findOne({ id: ids[0] });
        const swept = ids.filter((_, i) => i % 100 !== 0).slice(0, 500);
        rebuilds = 0;
        for (const id of swept) { extents.findAndRemove({ id }); }
        extents.findAndRemove({ id: 'extent-none' });
        const singleRebuilds = rebuilds;
        extents.findAndRemove({ size: 7 });
        const gone = new Set(swept.concat(ids.filter((_, i) => i % 100 === 0)));
        const left = ids.filter(id => !gone.has(id));
        console.log(JSON.stringify({
          singleRebuilds,
          count: extents.count(),
          expected: left.length,
          leftFound: left.filter(id => (extents.findOne({ id }) || {}).id === id).length,
          goneFound: [...gone].filter(id => extents.findOne({ id }) !== null).length,
          byRange: extents.find({ id: { $gte: 'extent-1000' } }).length,
          byRangeExpected: left.filter(id => id >= 'extent-1000').length,
        }));
        """;

    private const string SweepScript = """
        'use strict';
        const { default: MemoryExtentStore, MemoryExtentChunkStore } = require('azurite/dist/src/common/persistence/MemoryExtentStore.js');
        const { default: LokiExtentMetadata } = require('azurite/dist/src/common/persistence/LokiExtentMetadataStore.js');
        const quiet = { info() {}, debug() {}, verbose() {}, warn() {}, error() {} };
        (async () => {
          const metadata = new LokiExtentMetadata('mlconnector-sweep-test-extents', true);
          const chunks = new MemoryExtentChunkStore();
          const store = new MemoryExtentStore('queue', chunks, metadata, quiet, (code, name, message) => new Error(message));
          await store.init();
          const ids = [];
          for (let i = 0; i < 1000; i++) {
            ids.push((await store.appendExtent(Buffer.from('message ' + String(i).padStart(4, '0')))).id);
          }
          let turns = 0;
          let counting = true;
          const tick = () => { if (counting) { turns++; setImmediate(tick); } };
          setImmediate(tick);
          const deleted = await store.deleteExtents(new Set(ids.slice(0, 600)));
          counting = false;
          const [left] = await metadata.listExtents(undefined, 5000);
          const kept = new Set(left.map(e => e.id));
          console.log(JSON.stringify({
            deleted,
            turns,
            left: left.length,
            keptAreTheLast: ids.slice(600).every(id => kept.has(id)),
            bytes: chunks.totalSize(),
          }));
        })().catch(e => { console.error(e); process.exit(1); });
        """;

    [Fact]
    public async Task FindAndRemove_OneDocumentAtATime_RemovesExactlyIt_WithoutRebuildingTheIndices()
    {
        // Act
        using var result = await RunWithFixesAsync(RemoveScript);

        // Assert: 500 removed one by one, 20 by one filter; what is left is all found by its index, point and range.
        var root = result.RootElement;
        Assert.Equal(0, root.GetProperty("singleRebuilds").GetInt32());
        Assert.Equal(1480, root.GetProperty("expected").GetInt32());
        Assert.Equal(1480, root.GetProperty("count").GetInt32());
        Assert.Equal(1480, root.GetProperty("leftFound").GetInt32());
        Assert.Equal(0, root.GetProperty("goneFound").GetInt32());
        Assert.Equal(root.GetProperty("byRangeExpected").GetInt32(), root.GetProperty("byRange").GetInt32());
    }

    [Fact]
    public async Task MemoryExtentStoreSweep_DeletesExactlyItsExtents_AndLetsTheEventLoopRunBetweenChunks()
    {
        // Act: Azurite's own in-memory extent store, 1,000 message extents, a sweep of 600 of them.
        using var result = await RunWithFixesAsync(SweepScript);

        // Assert: the 600 are gone with their bytes (12 per message), the other 400 stay, and the event loop turned while
        // the sweep ran (stock Azurite deletes all 600 before the first turn: 0).
        var root = result.RootElement;
        Assert.Equal(600, root.GetProperty("deleted").GetInt32());
        Assert.Equal(400, root.GetProperty("left").GetInt32());
        Assert.True(root.GetProperty("keptAreTheLast").GetBoolean());
        Assert.Equal(400 * 12, root.GetProperty("bytes").GetInt32());
        Assert.InRange(root.GetProperty("turns").GetInt32(), 2, 100);
    }

    /// <summary>Runs <paramref name="script"/> in Node.js with the fixes preloaded and Azurite's packages on NODE_PATH; returns the JSON it printed.</summary>
    private static async Task<JsonDocument> RunWithFixesAsync(string script)
    {
        var azurite = AzuriteEmulator.FindAzuriteScript() ?? throw new InvalidOperationException("Azurite is not installed: run `npm ci`.");
        var nodeModules = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(azurite)!, "..", "..", ".."));
        var path = Path.Combine(Path.GetTempPath(), $"mlconnector-lokijs-fixes-test-{Guid.NewGuid():N}.cjs");
        await File.WriteAllTextAsync(path, script);
        var psi = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("--require");
        psi.ArgumentList.Add(AzuriteEmulator.WriteLokiJsFixes());
        psi.ArgumentList.Add(path);
        psi.Environment["NODE_PATH"] = nodeModules;
        try
        {
            using var node = Process.Start(psi)!;
            var output = node.StandardOutput.ReadToEndAsync();
            var errors = await node.StandardError.ReadToEndAsync();
            await node.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.True(node.ExitCode == 0, errors);
            return JsonDocument.Parse(await output);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

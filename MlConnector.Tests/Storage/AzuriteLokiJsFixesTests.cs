using System.Diagnostics;
using System.Text.Json;
using MlConnector.Core.Storage;

namespace MlConnector.Tests.Storage;

/// <summary>
/// The LokiJS fixes <see cref="AzuriteEmulator"/> preloads into Azurite's per-service processes, run by Node.js against
/// the LokiJS that Azurite itself loads (the repository's <c>node_modules</c>), on a collection shaped like Azurite 3.35's
/// queue extents (<c>indices: ["id"]</c>, one document per message extent, removed one by one with
/// <c>findAndRemove({ id })</c> by the queue GC): the same documents go, every index still finds what is left, and removing
/// one document, or none, no longer rebuilds the indices from scratch (stock LokiJS rebuilds them on every call).
/// </summary>
public sealed class AzuriteLokiJsFixesTests
{
    private const string Script = """
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

    [Fact]
    public async Task FindAndRemove_OneDocumentAtATime_RemovesExactlyIt_WithoutRebuildingTheIndices()
    {
        // Arrange: the fixes as AzuriteEmulator writes them, and Azurite's own LokiJS through NODE_PATH.
        var azurite = AzuriteEmulator.FindAzuriteScript() ?? throw new InvalidOperationException("Azurite is not installed: run `npm ci`.");
        var nodeModules = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(azurite)!, "..", "..", ".."));
        var script = Path.Combine(Path.GetTempPath(), $"mlconnector-lokijs-fixes-test-{Guid.NewGuid():N}.cjs");
        await File.WriteAllTextAsync(script, Script);
        var psi = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("--require");
        psi.ArgumentList.Add(AzuriteEmulator.WriteLokiJsFixes());
        psi.ArgumentList.Add(script);
        psi.Environment["NODE_PATH"] = nodeModules;

        // Act
        string output, errors;
        try
        {
            using var node = Process.Start(psi)!;
            var read = node.StandardOutput.ReadToEndAsync();
            errors = await node.StandardError.ReadToEndAsync();
            output = await read;
            await node.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.True(node.ExitCode == 0, errors);
        }
        finally
        {
            File.Delete(script);
        }

        // Assert: 500 removed one by one, 20 by one filter; what is left is all found by its index, point and range.
        using var result = JsonDocument.Parse(output);
        var root = result.RootElement;
        Assert.Equal(0, root.GetProperty("singleRebuilds").GetInt32());
        Assert.Equal(1480, root.GetProperty("expected").GetInt32());
        Assert.Equal(1480, root.GetProperty("count").GetInt32());
        Assert.Equal(1480, root.GetProperty("leftFound").GetInt32());
        Assert.Equal(0, root.GetProperty("goneFound").GetInt32());
        Assert.Equal(root.GetProperty("byRangeExpected").GetInt32(), root.GetProperty("byRange").GetInt32());
    }
}

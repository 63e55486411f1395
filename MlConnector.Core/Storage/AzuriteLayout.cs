namespace MlConnector.Core.Storage;

/// <summary>How <see cref="AzuriteEmulator"/> runs Azurite's three services.</summary>
public enum AzuriteLayout
{
    /// <summary>One Node.js process (<c>azurite</c>) serves Blob, Queue and Table on one thread: the cheapest to start (test fixtures).</summary>
    OneProcess,

    /// <summary>
    /// One process per service (<c>azurite-blob</c>, <c>azurite-queue</c>, <c>azurite-table</c>), each with the LokiJS
    /// fixes preloaded (see <see cref="AzuriteEmulator"/>): table and queue work run on separate cores and a
    /// queue operation no longer re-sorts every message held, for long runs (<c>serve</c>, <c>demo</c>, <c>chaos</c>,
    /// <c>bench</c>).
    /// </summary>
    ProcessPerService,
}

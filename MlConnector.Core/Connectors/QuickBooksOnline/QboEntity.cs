using MlConnector.Core.Connectors.QuickBooksOnline.Wire;

namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>How the client reads, creates and updates one QBO entity type: its name, URL path and where it sits in a response.</summary>
/// <typeparam name="T">The entity record.</typeparam>
/// <param name="Name">The entity name as QBO spells it, for example <c>JournalEntry</c>.</param>
/// <param name="Path">The URL path segment, for example <c>journalentry</c>.</param>
/// <param name="Pick">Takes the entity out of a response.</param>
/// <param name="IdOf">The entity's Id.</param>
/// <param name="SyncTokenOf">The entity's SyncToken.</param>
internal sealed record QboEntity<T>(string Name, string Path, Func<IntuitResponseWire, T?> Pick, Func<T, string?> IdOf, Func<T, string?> SyncTokenOf)
    where T : class;

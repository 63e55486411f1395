using Azure;
using Azure.Data.Tables;
using MlConnector.Core.Errors;
using MlConnector.Core.Storage;

namespace MlConnector.Core.Connections;

/// <summary>
/// The index rows of the connections' unique settings (<see cref="SystemDefinition.UniqueSetting"/>), kept in the
/// Connections table: PartitionKey <c>unique|{system}|{setting}</c>, RowKey <c>value|{escaped value}</c>, property
/// <c>ConnectionId</c>; and a marker row <c>indexed</c> in that partition once the connections written before the index
/// existed were indexed. No connection id can be such a partition (ids are lowercase letters, digits and hyphens) and no
/// RowKey is <c>connection</c>, so <see cref="TableConnectionStore.ListAsync"/> never sees these rows.
/// </summary>
/// <remarks>
/// A connection is one partition and its index row another, so they cannot change in one entity-group transaction (Table
/// Storage batches one partition only: learn.microsoft.com/rest/api/storageservices/performing-entity-group-transactions).
/// Instead the index row is claimed <em>before</em> the connection is written and released <em>after</em> it is removed or
/// changed, and every reader checks the connection it names: an index row whose connection is missing or now holds another
/// value (a host stopped between the two writes) counts as absent, and the next claim of that value takes it over.
/// </remarks>
internal static class ConnectionUniqueIndex
{
    private const string ConnectionIdProperty = "ConnectionId";
    private const string IndexedMarker = "indexed";
    private const int MaxAttempts = 5;

    /// <summary>A claimed index row: the ETag is set when this call wrote it (so a failed write gives it back).</summary>
    internal sealed record Claim(string Partition, string RowKey, ETag? Written);

    /// <summary>The unique settings a connection holds a value for: (system, setting, value).</summary>
    internal static IEnumerable<(string System, string Setting, string Value)> ValuesOf(Connection connection)
    {
        if (!IntegrationKinds.All.TryGetValue(connection.Kind, out var kind))
        {
            yield break;
        }

        foreach (var system in kind.Systems.Where(s => s.UniqueSetting is not null))
        {
            if (connection.GetSetting(system.Code, system.UniqueSetting!) is { Length: > 0 } value)
            {
                yield return (system.Code, system.UniqueSetting!, value);
            }
        }
    }

    /// <summary>Whether some integration kind declares <paramref name="setting"/> unique for <paramref name="system"/>.</summary>
    internal static bool IsDeclared(string system, string setting) =>
        IntegrationKinds.All.Values.SelectMany(k => k.Systems).Any(s => s.Code == system && s.UniqueSetting == setting);

    /// <summary>
    /// The connection the index names for a value, checked against the connection itself; with <c>Indexed</c> false when
    /// the store has no index row for it and was never indexed (the caller then indexes and asks again).
    /// </summary>
    internal static async Task<(Connection? Connection, bool Indexed)> FindAsync(TableClient table, string system, string setting, string value, Func<string, Task<Connection?>> getConnection, CancellationToken cancellationToken)
    {
        var partition = Partition(system, setting);
        var row = await table.GetEntityOrNullAsync<TableEntity>(partition, RowKeyOf(value), [ConnectionIdProperty], cancellationToken);
        if (row?.GetString(ConnectionIdProperty) is { Length: > 0 } holder && await getConnection(holder) is { } connection && Holds(connection, system, setting, value))
        {
            return (connection, true);
        }

        return (null, row is not null || await table.GetEntityOrNullAsync<TableEntity>(partition, IndexedMarker, ["PartitionKey"], cancellationToken) is not null);
    }

    /// <summary>
    /// Claims the index rows of a connection's unique values before the connection is written. A row held by another
    /// connection that still holds the value refuses the claim; a stale row (its connection gone or changed) is taken over.
    /// </summary>
    /// <returns>The rows claimed (give back the written ones with <see cref="ReleaseAsync"/> when the write then fails).</returns>
    /// <exception cref="ConnectionValidationException">When another connection holds one of the values (field
    /// <c>settings.{system}.{setting}</c>); rows claimed before it are given back.</exception>
    internal static async Task<IReadOnlyList<Claim>> ClaimAsync(TableClient table, Connection connection, IEnumerable<(string System, string Setting, string Value)> values, Func<string, Task<Connection?>> getConnection, CancellationToken cancellationToken)
    {
        var claims = new List<Claim>();
        foreach (var (system, setting, value) in values)
        {
            var (claim, holder) = await TryClaimAsync(table, connection.Id, system, setting, value, getConnection, cancellationToken);
            if (claim is null)
            {
                await ReleaseAsync(table, claims, cancellationToken);
                throw new ConnectionValidationException([new ConnectionProblem($"settings.{system}.{setting}", $"'{value}' is already used by connection '{holder}'")]);
            }

            claims.Add(claim);
        }

        return claims;
    }

    /// <summary>Gives back the index rows this call wrote (ETag-checked: a row claimed since by another stays).</summary>
    internal static async Task ReleaseAsync(TableClient table, IEnumerable<Claim> claims, CancellationToken cancellationToken)
    {
        foreach (var claim in claims.Where(c => c.Written is not null))
        {
            await DeleteQuietlyAsync(table, claim.Partition, claim.RowKey, claim.Written!.Value, cancellationToken);
        }
    }

    /// <summary>Removes the index rows of values a connection no longer holds, when they still name it.</summary>
    internal static async Task RemoveAsync(TableClient table, string connectionId, IEnumerable<(string System, string Setting, string Value)> values, CancellationToken cancellationToken)
    {
        foreach (var (system, setting, value) in values)
        {
            var (partition, rowKey) = (Partition(system, setting), RowKeyOf(value));
            var row = await table.GetEntityOrNullAsync<TableEntity>(partition, rowKey, [ConnectionIdProperty], cancellationToken);
            if (row?.GetString(ConnectionIdProperty) == connectionId)
            {
                await DeleteQuietlyAsync(table, partition, rowKey, row.ETag, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Indexes the connections written before the index existed, once per unique setting: one query of the connections,
    /// an index row per value (the lowest connection id first, the one the old look-up by listing found first; a value
    /// already indexed stays), then the marker row. A pass cut short writes no marker and runs again.
    /// </summary>
    internal static async Task IndexExistingAsync(TableClient table, string system, string setting, IReadOnlyList<Connection> connections, Func<string, Task<Connection?>> getConnection, CancellationToken cancellationToken)
    {
        foreach (var connection in connections.OrderBy(c => c.Id, StringComparer.Ordinal))
        {
            if (ValuesOf(connection).Where(v => v.System == system && v.Setting == setting).Select(v => v.Value).FirstOrDefault() is { } value)
            {
                await TryClaimAsync(table, connection.Id, system, setting, value, getConnection, cancellationToken);
            }
        }

        try
        {
            await table.AddEntityAsync(new TableEntity(Partition(system, setting), IndexedMarker), cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.Conflict)
        {
            // Another host's pass finished first.
        }
    }

    private static async Task<(Claim? Claim, string? Holder)> TryClaimAsync(TableClient table, string connectionId, string system, string setting, string value, Func<string, Task<Connection?>> getConnection, CancellationToken cancellationToken)
    {
        var (partition, rowKey) = (Partition(system, setting), RowKeyOf(value));
        var row = new TableEntity(partition, rowKey) { [ConnectionIdProperty] = connectionId };
        for (var attempt = 1; ; attempt++)
        {
            var existing = await table.GetEntityOrNullAsync<TableEntity>(partition, rowKey, [ConnectionIdProperty], cancellationToken);
            var holder = existing?.GetString(ConnectionIdProperty);
            if (holder == connectionId)
            {
                return (new Claim(partition, rowKey, null), holder);
            }

            if (holder is { Length: > 0 } && await getConnection(holder) is { } current && Holds(current, system, setting, value))
            {
                return (null, holder);
            }

            try
            {
                var response = existing is null
                    ? await table.AddEntityAsync(row, cancellationToken)
                    : await table.UpdateEntityAsync(row, existing.ETag, TableUpdateMode.Replace, cancellationToken);
                return (new Claim(partition, rowKey, response.Headers.ETag), connectionId);
            }
            catch (RequestFailedException ex) when (ex.Status is (int)HttpStatusCode.Conflict or (int)HttpStatusCode.PreconditionFailed && attempt < MaxAttempts)
            {
                // Another claim of the same value won the race: read again and decide on what it wrote.
            }
            catch (RequestFailedException ex) when (ex.Status is (int)HttpStatusCode.Conflict or (int)HttpStatusCode.PreconditionFailed)
            {
                throw new ConnectorException("connections", ErrorKind.Conflict, $"The index row of settings.{system}.{setting} kept changing; try again.", innerException: ex);
            }
        }
    }

    private static async Task DeleteQuietlyAsync(TableClient table, string partition, string rowKey, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(partition, rowKey, etag, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.PreconditionFailed)
        {
            // Claimed again since it was read: it is someone else's now.
        }
    }

    private static bool Holds(Connection connection, string system, string setting, string value) =>
        string.Equals(connection.GetSetting(system, setting), value, StringComparison.Ordinal);

    private static string Partition(string system, string setting) => TableKeys.Compose("unique", system, setting);

    private static string RowKeyOf(string value) => TableKeys.Compose("value", value);
}

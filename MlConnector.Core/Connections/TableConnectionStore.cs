using Azure;
using Azure.Data.Tables;
using MlConnector.Core.Errors;
using MlConnector.Core.Storage;

namespace MlConnector.Core.Connections;

/// <summary>
/// Connections in Table Storage: one partition per connection (PartitionKey = id, RowKey = <c>connection</c>).
/// </summary>
/// <remarks>
/// Settings, mappings and schedules are stored as JSON; mappings are split over several string properties of at
/// most 30 000 characters (Table Storage caps a string property at 64 KiB and an entity at 1 MiB). The routing
/// setting of each system (QBO realmId, FreshBooks accountId) is copied into a <c>Route_{system}</c> property so
/// webhooks can be routed with a server-side filter. A unique setting (QBD's <c>qbwcUserName</c>) has an index row of its
/// own in this table (<see cref="ConnectionUniqueIndex"/>), so <c>authenticate</c> finds its connection by point reads.
/// </remarks>
/// <param name="tables">The table provider.</param>
/// <param name="timeProvider">The clock.</param>
public sealed class TableConnectionStore(TableProvider tables, TimeProvider timeProvider) : IConnectionStore
{
    private const string RowKey = "connection";
    private const int ChunkLength = 30_000;
    private const int MaxChunks = 30;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <inheritdoc />
    public async Task<Connection> CreateAsync(Connection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ConnectionValidator.Validate(connection);
        var now = timeProvider.GetUtcNow();
        var stored = connection with { CreatedUtc = now, UpdatedUtc = now, Version = null };
        var table = await tables.GetTableAsync(tables.Names.Connections, cancellationToken);
        var claims = await ConnectionUniqueIndex.ClaimAsync(table, stored, ConnectionUniqueIndex.ValuesOf(stored), id => GetAsync(id, cancellationToken), cancellationToken);
        try
        {
            var response = await table.AddEntityAsync(ToEntity(stored), cancellationToken);
            return stored with { Version = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.Conflict)
        {
            await ConnectionUniqueIndex.ReleaseAsync(table, claims, cancellationToken);
            throw new ConnectionValidationException([new ConnectionProblem("id", $"'{connection.Id}' is already used by another connection")]);
        }
        catch
        {
            await ConnectionUniqueIndex.ReleaseAsync(table, claims, CancellationToken.None);
            throw;
        }
    }

    /// <inheritdoc />
    public async Task<Connection?> GetAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionId);
        var table = await tables.GetTableAsync(tables.Names.Connections, cancellationToken);
        var row = await table.GetEntityOrNullAsync<TableEntity>(TableKeys.Escape(connectionId), RowKey, cancellationToken: cancellationToken);
        return row is not null ? FromEntity(row) : null;
    }

    /// <inheritdoc />
    public async Task<Connection> UpdateAsync(Connection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ConnectionValidator.Validate(connection);
        var current = await GetAsync(connection.Id, cancellationToken)
            ?? throw new KeyNotFoundException($"Connection '{connection.Id}' does not exist.");
        if (current.Kind != connection.Kind)
        {
            throw new ConnectionValidationException([new ConnectionProblem("kind", $"cannot change from {current.Kind} to {connection.Kind}; create a new connection")]);
        }

        var stored = connection with { CreatedUtc = current.CreatedUtc, UpdatedUtc = timeProvider.GetUtcNow() };
        var table = await tables.GetTableAsync(tables.Names.Connections, cancellationToken);
        var (before, after) = (ConnectionUniqueIndex.ValuesOf(current).ToList(), ConnectionUniqueIndex.ValuesOf(stored).ToList());
        var claims = await ConnectionUniqueIndex.ClaimAsync(table, stored, after.Except(before), id => GetAsync(id, cancellationToken), cancellationToken);
        Response response;
        try
        {
            var etag = connection.Version is null ? new ETag(current.Version!) : new ETag(connection.Version);
            response = await table.UpdateEntityAsync(ToEntity(stored), etag, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.PreconditionFailed)
        {
            await ConnectionUniqueIndex.ReleaseAsync(table, claims, cancellationToken);
            throw new ConnectorException("connections", ErrorKind.Conflict, $"Connection '{connection.Id}' was changed by someone else; read it again and reapply the change.", innerException: ex);
        }
        catch
        {
            await ConnectionUniqueIndex.ReleaseAsync(table, claims, CancellationToken.None);
            throw;
        }

        await ConnectionUniqueIndex.RemoveAsync(table, connection.Id, before.Except(after), cancellationToken);
        return stored with { Version = response.Headers.ETag?.ToString() };
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Connection>> ListAsync(string? kind = null, CancellationToken cancellationToken = default)
    {
        var filter = kind is null
            ? TableClient.CreateQueryFilter($"RowKey eq {RowKey}")
            : TableClient.CreateQueryFilter($"RowKey eq {RowKey} and Kind eq {kind}");
        return await QueryAsync(filter, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Connection>> FindByRoutingKeyAsync(string system, string routingKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(system);
        ArgumentException.ThrowIfNullOrWhiteSpace(routingKey);
        if (!system.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException($"'{system}' is not a system code.", nameof(system));
        }

        // The property name is a validated identifier; only the value needs OData quoting.
        var filter = $"RowKey eq '{RowKey}' and Route_{system} eq " + TableClient.CreateQueryFilter($"{routingKey}");
        return await QueryAsync(filter, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<Connection?> FindByUniqueSettingAsync(string system, string setting, string value, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(system);
        ArgumentException.ThrowIfNullOrWhiteSpace(setting);
        ArgumentException.ThrowIfNullOrEmpty(value);
        if (!ConnectionUniqueIndex.IsDeclared(system, setting))
        {
            throw new ArgumentException($"settings.{system}.{setting} is not a unique setting of any integration kind.", nameof(setting));
        }

        var table = await tables.GetTableAsync(tables.Names.Connections, cancellationToken);
        var (found, indexed) = await ConnectionUniqueIndex.FindAsync(table, system, setting, value, id => GetAsync(id, cancellationToken), cancellationToken);
        if (found is not null || indexed)
        {
            return found;
        }

        await ConnectionUniqueIndex.IndexExistingAsync(table, system, setting, await ListAsync(cancellationToken: cancellationToken), id => GetAsync(id, cancellationToken), cancellationToken);
        return (await ConnectionUniqueIndex.FindAsync(table, system, setting, value, id => GetAsync(id, cancellationToken), cancellationToken)).Connection;
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionId);
        var table = await tables.GetTableAsync(tables.Names.Connections, cancellationToken);
        var current = await GetAsync(connectionId, cancellationToken);
        if (current is null)
        {
            return false;
        }

        // DeleteEntityAsync answers a missing row as success, so existence is read first; the ETag makes a concurrent
        // change win (the caller sees a conflict) rather than be deleted unseen. The index rows go after the connection.
        try
        {
            await table.DeleteEntityAsync(TableKeys.Escape(connectionId), RowKey, new ETag(current.Version!), cancellationToken);
            await ConnectionUniqueIndex.RemoveAsync(table, connectionId, ConnectionUniqueIndex.ValuesOf(current), cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.PreconditionFailed)
        {
            throw new ConnectorException("connections", ErrorKind.Conflict, $"Connection '{connectionId}' changed while it was being deleted; read it and try again.", innerException: ex);
        }
    }

    /// <inheritdoc />
    public Task<Connection> PauseAsync(string connectionId, string reason, CancellationToken cancellationToken = default) =>
        ChangeAsync(connectionId, c => c with { Paused = true, PausedReason = reason }, cancellationToken);

    /// <inheritdoc />
    public Task<Connection> ResumeAsync(string connectionId, CancellationToken cancellationToken = default) =>
        ChangeAsync(connectionId, c => c with { Paused = false, PausedReason = null }, cancellationToken);

    /// <inheritdoc />
    public async Task<Connection> ChangeAsync(string connectionId, Func<Connection, Connection> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 0; ; attempt++)
        {
            var current = await GetAsync(connectionId, cancellationToken)
                ?? throw new KeyNotFoundException($"Connection '{connectionId}' does not exist.");
            var changed = change(current);
            if (ReferenceEquals(changed, current))
            {
                return current;
            }

            try
            {
                return await UpdateAsync(changed, cancellationToken);
            }
            catch (ConnectorException ex) when (ex.Kind == ErrorKind.Conflict && attempt < 5)
            {
                // Someone changed another field meanwhile: reread and reapply the change.
            }
        }
    }

    private async Task<IReadOnlyList<Connection>> QueryAsync(string filter, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(tables.Names.Connections, cancellationToken);
        var result = new List<Connection>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            result.Add(FromEntity(entity));
        }

        return result.OrderBy(c => c.Id, StringComparer.Ordinal).ToList();
    }

    private static TableEntity ToEntity(Connection c)
    {
        var entity = new TableEntity(TableKeys.Escape(c.Id), RowKey)
        {
            ["Id"] = c.Id,
            ["Kind"] = c.Kind,
            ["DisplayName"] = c.DisplayName,
            ["SettingsJson"] = JsonSerializer.Serialize(c.Settings, Json),
            ["SchedulesJson"] = JsonSerializer.Serialize(c.Schedules, Json),
            ["Paused"] = c.Paused,
            ["PausedReason"] = c.PausedReason,
            ["CreatedUtc"] = c.CreatedUtc,
            ["UpdatedUtc"] = c.UpdatedUtc,
        };

        var mappings = JsonSerializer.Serialize(c.Mappings, Json);
        var chunks = (mappings.Length + ChunkLength - 1) / ChunkLength;
        if (chunks > MaxChunks)
        {
            throw new ConnectionValidationException([new ConnectionProblem("mappings", $"are too large to store ({mappings.Length} characters; at most {ChunkLength * MaxChunks})")]);
        }

        entity["MappingsChunks"] = chunks;
        for (var i = 0; i < chunks; i++)
        {
            entity["Mappings" + i.ToString(CultureInfo.InvariantCulture)] = mappings.Substring(i * ChunkLength, Math.Min(ChunkLength, mappings.Length - (i * ChunkLength)));
        }

        if (IntegrationKinds.All.TryGetValue(c.Kind, out var kind))
        {
            foreach (var system in kind.Systems.Where(s => s.RoutingSetting is not null))
            {
                var value = c.GetSetting(system.Code, system.RoutingSetting!);
                if (value is not null)
                {
                    entity["Route_" + system.Code] = value;
                }
            }
        }

        return entity;
    }

    private static Connection FromEntity(TableEntity e)
    {
        var chunks = e.GetInt32("MappingsChunks") ?? 0;
        var mappings = string.Concat(Enumerable.Range(0, chunks).Select(i => e.GetString("Mappings" + i.ToString(CultureInfo.InvariantCulture))));
        return new Connection
        {
            Id = e.GetString("Id"),
            Kind = e.GetString("Kind"),
            DisplayName = e.GetString("DisplayName") ?? string.Empty,
            Settings = ReadNested(e.GetString("SettingsJson")),
            Mappings = ReadNested(mappings),
            Schedules = JsonSerializer.Deserialize<Dictionary<string, string>>(e.GetString("SchedulesJson") ?? "{}", Json) ?? [],
            Paused = e.GetBoolean("Paused") ?? false,
            PausedReason = e.GetString("PausedReason"),
            CreatedUtc = e.GetDateTimeOffset("CreatedUtc") ?? default,
            UpdatedUtc = e.GetDateTimeOffset("UpdatedUtc") ?? default,
            Version = e.ETag.ToString(),
        };
    }

    private static Dictionary<string, IReadOnlyDictionary<string, string>> ReadNested(string? json) =>
        string.IsNullOrEmpty(json)
            ? new(StringComparer.Ordinal)
            : (JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(json, Json) ?? [])
                .ToDictionary(kv => kv.Key, kv => (IReadOnlyDictionary<string, string>)kv.Value, StringComparer.Ordinal);
}

namespace MlConnector.Core.Connections;

/// <summary>Creates, reads, updates, lists, pauses and resumes connections.</summary>
public interface IConnectionStore
{
    /// <summary>Creates a connection.</summary>
    /// <param name="connection">The definition; times and version are set by the store.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored connection with its version.</returns>
    /// <exception cref="ConnectionValidationException">When the definition is invalid, the id is taken (field <c>id</c>), or
    /// another connection holds the value of a unique setting (field <c>settings.qbd.qbwcUserName</c>).</exception>
    Task<Connection> CreateAsync(Connection connection, CancellationToken cancellationToken = default);

    /// <summary>Reads a connection.</summary>
    /// <param name="connectionId">The id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The connection, or null when it does not exist.</returns>
    Task<Connection?> GetAsync(string connectionId, CancellationToken cancellationToken = default);

    /// <summary>Replaces a connection's definition, checking its <see cref="Connection.Version"/>.</summary>
    /// <param name="connection">The new definition with the version that was read.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored connection with its new version.</returns>
    /// <exception cref="ConnectionValidationException">When the definition is invalid, or another connection holds the new
    /// value of a unique setting.</exception>
    /// <exception cref="KeyNotFoundException">When the connection does not exist.</exception>
    /// <exception cref="Errors.ConnectorException">With <see cref="Errors.ErrorKind.Conflict"/> when someone else changed it since it was read.</exception>
    Task<Connection> UpdateAsync(Connection connection, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies a change to the current connection and stores it; when someone else changed the connection meanwhile,
    /// rereads it and applies the change again (up to 5 times). Use it for changes to one part of a connection
    /// (a flag, a setting, some mappings) that must not overwrite concurrent changes to the rest.
    /// </summary>
    /// <param name="connectionId">The id.</param>
    /// <param name="change">Builds the new connection from the current one; may run more than once. Returning the same
    /// instance means "nothing to change" and writes nothing.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored connection.</returns>
    /// <exception cref="KeyNotFoundException">When the connection does not exist.</exception>
    /// <exception cref="ConnectionValidationException">When the changed definition is invalid.</exception>
    /// <exception cref="Errors.ConnectorException">With <see cref="Errors.ErrorKind.Conflict"/> when it kept changing underneath.</exception>
    Task<Connection> ChangeAsync(string connectionId, Func<Connection, Connection> change, CancellationToken cancellationToken = default);

    /// <summary>Lists connections, optionally of one kind.</summary>
    /// <param name="kind">An integration kind id, or null for all.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The connections, ordered by id.</returns>
    Task<IReadOnlyList<Connection>> ListAsync(string? kind = null, CancellationToken cancellationToken = default);

    /// <summary>Finds the connection a vendor's webhook belongs to, by the vendor's own key (QBO realmId, FreshBooks accountId).</summary>
    /// <param name="system">The system code, for example <c>qbo</c>.</param>
    /// <param name="routingKey">The vendor's key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The matching connections (normally one; a realm may be linked to several integrations).</returns>
    Task<IReadOnlyList<Connection>> FindByRoutingKeyAsync(string system, string routingKey, CancellationToken cancellationToken = default);

    /// <summary>
    /// Finds the one connection whose <paramref name="system"/> setting <paramref name="setting"/> (a
    /// <see cref="SystemDefinition.UniqueSetting"/>, such as QBD's <c>qbwcUserName</c>) is <paramref name="value"/>, by point
    /// reads of an index row and the connection; no table query after the first call that finds no index row on a store
    /// written before the index existed (that call indexes every connection once).
    /// </summary>
    /// <param name="system">The system code, for example <c>qbd</c>.</param>
    /// <param name="setting">The unique setting, for example <c>qbwcUserName</c>.</param>
    /// <param name="value">The value to find, compared ordinally.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The connection, or null when none holds the value.</returns>
    /// <exception cref="ArgumentException">When no integration kind declares <paramref name="setting"/> unique for <paramref name="system"/>.</exception>
    Task<Connection?> FindByUniqueSettingAsync(string system, string setting, string value, CancellationToken cancellationToken = default);

    /// <summary>Pauses a connection: nothing syncs until it is resumed.</summary>
    /// <param name="connectionId">The id.</param>
    /// <param name="reason">Why, for operators.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The paused connection.</returns>
    /// <exception cref="KeyNotFoundException">When the connection does not exist.</exception>
    Task<Connection> PauseAsync(string connectionId, string reason, CancellationToken cancellationToken = default);

    /// <summary>Resumes a paused connection.</summary>
    /// <param name="connectionId">The id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The resumed connection.</returns>
    /// <exception cref="KeyNotFoundException">When the connection does not exist.</exception>
    Task<Connection> ResumeAsync(string connectionId, CancellationToken cancellationToken = default);

    /// <summary>Deletes a connection (its audit trail and secrets stay).</summary>
    /// <param name="connectionId">The id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>True when it existed and is gone, false when it did not exist.</returns>
    /// <exception cref="Errors.ConnectorException">With <see cref="Errors.ErrorKind.Conflict"/> when it changed while being deleted.</exception>
    Task<bool> DeleteAsync(string connectionId, CancellationToken cancellationToken = default);
}

namespace MlConnector.Core.Resilience;

/// <summary>
/// Names one vendor rate budget: a connector code and the vendor key or realm it is counted on, for example
/// (<c>qbo</c>, realm id) or (<c>shipstation</c>, connection id).
/// </summary>
/// <remarks>
/// The key appears in logs, so it must never be a secret: use the connection id (one ShipStation API key per
/// connection) or a realm/account id, never the API key itself.
/// </remarks>
public sealed record RateLimitKey
{
    /// <summary>Creates the key.</summary>
    /// <param name="connector">The connector code (case-insensitive, stored lower-case).</param>
    /// <param name="key">The vendor key, realm or connection id; not a secret.</param>
    /// <exception cref="ArgumentException">When either part is empty.</exception>
    public RateLimitKey(string connector, string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connector);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        Connector = connector.Trim().ToLowerInvariant();
        Key = key;
    }

    /// <summary>The connector code, lower-case, for example <c>qbo</c>.</summary>
    public string Connector { get; }

    /// <summary>The vendor key, realm or connection id.</summary>
    public string Key { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Connector}/{Key}";
}

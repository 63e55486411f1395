namespace MlConnector.Core.Connections;

/// <summary>
/// One customer's link between two systems, for example a merchant's ShipStation account and its QuickBooks Online
/// company. Holds no secrets: credentials live in the secret store under names built by <c>SecretName.For(Id, …)</c>.
/// </summary>
/// <remarks>
/// <para><see cref="Settings"/> is keyed by system code (<c>shipstation</c>, <c>qbo</c>, <c>ups</c>, <c>freshbooks</c>,
/// <c>qbd</c>, <c>sps</c>), then setting name; which settings exist is given by <see cref="IntegrationKinds"/>.</para>
/// <para><see cref="Mappings"/> is keyed by mapping table (<c>sku</c> → QBO Item id, <c>shippingMethod</c> → shipping item,
/// <c>accounts</c>, <c>tradingPartners</c>…), then source value → target value.</para>
/// <para><see cref="Schedules"/> maps a schedule name (<c>reconcile</c>, <c>productPoll</c>, <c>trackAlertRenewal</c>…) to a
/// cron expression (5 fields, or 6 with seconds), evaluated in UTC.</para>
/// </remarks>
public sealed record Connection
{
    /// <summary>The connection id: 3–63 lowercase letters, digits and hyphens, starting with a letter or digit.</summary>
    public required string Id { get; init; }

    /// <summary>The integration kind id, one of <see cref="IntegrationKinds.All"/> (for example <c>shipstation-qbo</c>).</summary>
    public required string Kind { get; init; }

    /// <summary>A name for people (the merchant's name).</summary>
    public string DisplayName { get; init; } = string.Empty;

    /// <summary>Per-system settings: system code → setting name → value. No secrets.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Settings { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);

    /// <summary>Mapping tables: table name → source value → target value.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Mappings { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);

    /// <summary>Schedules: name → cron expression (UTC).</summary>
    public IReadOnlyDictionary<string, string> Schedules { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>True when the connection is paused: webhooks are still accepted and kept, but no sync runs.</summary>
    public bool Paused { get; init; }

    /// <summary>Why it was paused, for operators.</summary>
    public string? PausedReason { get; init; }

    /// <summary>When it was created, UTC. Set by the store.</summary>
    public DateTimeOffset CreatedUtc { get; init; }

    /// <summary>When it was last changed, UTC. Set by the store.</summary>
    public DateTimeOffset UpdatedUtc { get; init; }

    /// <summary>The storage version (ETag) read; an update with a stale version fails with a conflict.</summary>
    public string? Version { get; init; }

    /// <summary>
    /// The API base URL of one of the connection's systems, always ending in <c>/</c> so relative paths append to it:
    /// <c>settings.{system}.baseUrl</c> when set (a sandbox or simulator), else <paramref name="defaultUrl"/> (chosen by the
    /// caller, for example from <c>{system}.environment</c>).
    /// </summary>
    /// <param name="system">The system code, for example <c>qbo</c>.</param>
    /// <param name="defaultUrl">The vendor's URL when none is configured.</param>
    /// <returns>The base URL.</returns>
    /// <exception cref="Errors.ConnectorValidationException">When <c>settings.{system}.baseUrl</c> is not an absolute URL.</exception>
    public Uri GetBaseUrl(string system, Uri defaultUrl)
    {
        ArgumentNullException.ThrowIfNull(defaultUrl);
        var url = defaultUrl;
        if (GetSetting(system, "baseUrl") is { Length: > 0 } configured
            && !Uri.TryCreate(configured, UriKind.Absolute, out url))
        {
            throw new Errors.ConnectorValidationException(system, $"Connection {Id} has an invalid {system}.baseUrl.", field: $"settings.{system}.baseUrl");
        }

        return url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
    }

    /// <summary>Reads one setting.</summary>
    /// <param name="system">The system code.</param>
    /// <param name="name">The setting name.</param>
    /// <returns>The value, or null when not set.</returns>
    public string? GetSetting(string system, string name) =>
        Settings.TryGetValue(system, out var values) && values.TryGetValue(name, out var value) ? value : null;

    /// <summary>Reads one mapping.</summary>
    /// <param name="table">The mapping table, for example <c>sku</c>.</param>
    /// <param name="source">The source value, for example the SKU.</param>
    /// <returns>The target value, or null when not mapped.</returns>
    public string? GetMapping(string table, string source) =>
        Mappings.TryGetValue(table, out var values) && values.TryGetValue(source, out var value) ? value : null;
}

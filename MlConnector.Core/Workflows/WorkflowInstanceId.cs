using System.Security.Cryptography;

namespace MlConnector.Core.Workflows;

/// <summary>
/// Deterministic instance ids that carry the integration kind, the connection and the business key, for example
/// <c>shipstation-qbo:c42:order:1001</c>. The same business event always maps to the same id, so a redelivered webhook
/// or a reconciliation poll finds the existing instance instead of starting a second one.
/// </summary>
/// <remarks>
/// Ids are valid both as Table Storage keys (no <c>/ \ # ?</c> or control characters,
/// https://learn.microsoft.com/rest/api/storageservices/understanding-the-table-service-data-model#characters-disallowed-in-key-fields)
/// and as Durable Functions instance ids (the same characters, not starting with <c>@</c>, at most 256 characters;
/// Azure/azure-functions-durable-extension <c>DurableClient.StartNewAsync</c>).
/// </remarks>
public static class WorkflowInstanceId
{
    /// <summary>The longest instance id Durable Functions accepts.</summary>
    public const int MaxLength = 256;

    /// <summary>The longest id <see cref="For"/> builds, leaving room for replay suffixes (<c>:r12</c>).</summary>
    public const int MaxBaseLength = 240;

    /// <summary>The separator between the parts of an id.</summary>
    public const char Separator = ':';

    /// <summary>Builds the id for one business event of one connection.</summary>
    /// <param name="kind">The integration kind, for example <c>shipstation-qbo</c>.</param>
    /// <param name="connectionId">The connection id.</param>
    /// <param name="businessKey">The business key; may contain <c>:</c>, for example <c>order:1001</c> or <c>po:77:ack</c>.</param>
    /// <returns>
    /// <c>{kind}:{connectionId}:{businessKey}</c> with every character outside <c>A–Z a–z 0–9 - _ .</c> (and <c>:</c> in
    /// the business key) percent-encoded as UTF-8. When longer than <see cref="MaxBaseLength"/>, the business key is
    /// cut and suffixed with <c>~</c> and 16 hex digits of its SHA-256, which keeps it unique and deterministic.
    /// </returns>
    /// <exception cref="ArgumentException">When a part is null or blank, or the kind and connection alone are too long.</exception>
    public static string For(string kind, string connectionId, string businessKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionId);
        ArgumentException.ThrowIfNullOrWhiteSpace(businessKey);
        var prefix = Encode(kind, allowSeparator: false) + Separator + Encode(connectionId, allowSeparator: false) + Separator;
        var key = Encode(businessKey, allowSeparator: true);
        if (prefix.Length + key.Length <= MaxBaseLength)
        {
            return prefix + key;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(businessKey)))[..16];
        var room = MaxBaseLength - prefix.Length - hash.Length - 1;
        if (room < 1)
        {
            throw new ArgumentException("The integration kind and connection id leave no room for the business key.", nameof(connectionId));
        }

        var cut = key[..room];
        var percent = cut.LastIndexOf('%');
        if (percent >= 0 && percent > cut.Length - 3)
        {
            cut = cut[..percent];
        }

        return prefix + cut + "~" + hash;
    }

    /// <summary>Reads the connection id back from an id built by <see cref="For"/> (or a replay of one).</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <returns>The connection id, or null when the id does not have that shape.</returns>
    public static string? GetConnectionId(string instanceId)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        var parts = instanceId.Split(Separator, 3);
        return parts.Length == 3 && parts[1].Length > 0 ? Uri.UnescapeDataString(parts[1]) : null;
    }

    /// <summary>Checks that an id is acceptable to Table Storage and to Durable.</summary>
    /// <param name="instanceId">The id.</param>
    /// <exception cref="ArgumentException">When it is blank, longer than <see cref="MaxLength"/>, starts with <c>@</c> or holds <c>/ \ # ?</c> or control characters.</exception>
    public static void Validate(string instanceId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        if (instanceId.Length > MaxLength)
        {
            throw new ArgumentException($"Instance ids must not exceed {MaxLength} characters.", nameof(instanceId));
        }

        if (instanceId[0] == '@' || instanceId.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)))
        {
            throw new ArgumentException("Instance ids must not start with @ or contain /, \\, #, ? or control characters.", nameof(instanceId));
        }
    }

    /// <summary>
    /// The id of the <paramref name="generation"/>-th replay of <paramref name="rootInstanceId"/>: <c>{root}:r{generation}</c>.
    /// Both <see cref="IWorkflowClient"/> implementations (Table Storage and Durable) name replays with it.
    /// </summary>
    /// <param name="rootInstanceId">The id of the original (never replayed) instance.</param>
    /// <param name="generation">1 for the first replay, 2 for the replay of that replay, and so on.</param>
    /// <returns>The replay's instance id.</returns>
    public static string ForReplay(string rootInstanceId, int generation) =>
        rootInstanceId + Separator + "r" + generation.ToString(CultureInfo.InvariantCulture);

    /// <summary>Whether <paramref name="instanceId"/> names a replay (<see cref="ForReplay"/>: ends in <c>:r</c> and digits).</summary>
    /// <param name="instanceId">An instance id.</param>
    /// <returns>True for <c>{root}:r{n}</c>.</returns>
    public static bool IsReplay(string instanceId)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        return ReplayMarker(instanceId) > 0;
    }

    /// <summary>
    /// The id a replay chain started from: <paramref name="instanceId"/> without its replay suffixes (<see cref="ForReplay"/>),
    /// every one of them, so <c>{root}:r1:r2</c> gives <c>{root}</c>. An id that is not a replay is returned as it is.
    /// </summary>
    /// <param name="instanceId">An instance id, or a part of one that ends where the id ends (such as its business key).</param>
    /// <returns>The root id.</returns>
    public static string RootOf(string instanceId)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        var root = instanceId;
        for (var marker = ReplayMarker(root); marker > 0; marker = ReplayMarker(root))
        {
            root = root[..marker];
        }

        return root;
    }

    /// <summary>Where the replay suffix <c>:r{n}</c> starts in <paramref name="instanceId"/>; -1 when it has none (or only that suffix).</summary>
    private static int ReplayMarker(string instanceId)
    {
        var marker = instanceId.LastIndexOf(Separator + "r", StringComparison.Ordinal);
        return marker > 0 && instanceId.Length > marker + 2 && !instanceId.AsSpan(marker + 2).ContainsAnyExceptInRange('0', '9') ? marker : -1;
    }

    private static string Encode(string value, bool allowSeparator)
    {
        var sb = new StringBuilder(value.Length);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in value.EnumerateRunes())
        {
            if (rune.IsAscii && (char.IsAsciiLetterOrDigit((char)rune.Value) || rune.Value is '-' or '_' or '.' || (allowSeparator && rune.Value == Separator)))
            {
                sb.Append((char)rune.Value);
                continue;
            }

            var count = rune.EncodeToUtf8(bytes);
            for (var i = 0; i < count; i++)
            {
                sb.Append('%').Append(bytes[i].ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }
}

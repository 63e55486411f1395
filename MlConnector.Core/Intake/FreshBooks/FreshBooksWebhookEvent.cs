namespace MlConnector.Core.Intake.FreshBooks;

/// <summary>
/// One FreshBooks webhook delivery's fields (PROTOCOL-NOTES §4, "Webhook payload": a form-encoded POST
/// <c>name=invoice.create&amp;object_id=1234567&amp;account_id=6BApk&amp;business_id=6543&amp;identity_id=1234&amp;user_id=1</c>).
/// FreshBooks sends no delivery id: a redelivery carries the same fields as the first delivery, and two real updates of one
/// invoice carry the same fields too, so redeliveries are suppressed by what the event starts (one workflow instance per
/// invoice), never by the fields alone.
/// </summary>
/// <param name="Name">The event, for example <c>invoice.update</c>; <see cref="VerifyEvent"/> for the registration handshake.</param>
/// <param name="ObjectId">The object the event is about (the invoice id; the callback id for <see cref="VerifyEvent"/>).</param>
/// <param name="AccountId">The FreshBooks <c>account_id</c> the object belongs to.</param>
public sealed record FreshBooksWebhookEvent(string Name, long ObjectId, string AccountId)
{
    /// <summary>The name of the delivery FreshBooks sends to a newly registered callback, carrying its <c>verifier</c>.</summary>
    public const string VerifyEvent = "callback.verify";

    /// <summary>The form field of the verifier in a <see cref="VerifyEvent"/> delivery.</summary>
    public const string VerifierField = "verifier";

    /// <summary>True for the registration handshake.</summary>
    public bool IsVerify => string.Equals(Name, VerifyEvent, StringComparison.Ordinal);

    /// <summary>Reads the fields of a decoded form.</summary>
    /// <param name="fields">The fields, as <see cref="Connectors.FreshBooks.FreshBooksWebhookSignature.ParseForm"/> returns them.</param>
    /// <returns>The event.</returns>
    /// <exception cref="FormatException">When <c>name</c>, a numeric <c>object_id</c> or <c>account_id</c> is missing, naming it.</exception>
    public static FreshBooksWebhookEvent From(IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var name = First(fields, "name");
        var objectId = First(fields, "object_id");
        var accountId = First(fields, "account_id");
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new FormatException("The FreshBooks delivery has no name.");
        }

        if (!long.TryParse(objectId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            throw new FormatException("The FreshBooks delivery has no numeric object_id.");
        }

        if (string.IsNullOrWhiteSpace(accountId))
        {
            throw new FormatException("The FreshBooks delivery has no account_id.");
        }

        return new FreshBooksWebhookEvent(name, id, accountId);
    }

    /// <summary>The first value of a form field (a repeated field counts once, as FreshBooks' own rendering does).</summary>
    /// <param name="fields">The fields.</param>
    /// <param name="key">The field name.</param>
    /// <returns>The value, or null when absent.</returns>
    public static string? First(IReadOnlyList<KeyValuePair<string, string>> fields, string key)
    {
        ArgumentNullException.ThrowIfNull(fields);
        foreach (var (k, v) in fields)
        {
            if (string.Equals(k, key, StringComparison.Ordinal))
            {
                return v;
            }
        }

        return null;
    }
}

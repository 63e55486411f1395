using System.Xml.Linq;

namespace MlConnector.Core.Connectors.QuickBooksDesktop;

/// <summary>
/// One <c>*Rs</c> element of a qbXML response: its status attributes, iterator state and the <c>*Ret</c> elements it
/// carries. Unknown child elements are kept and ignored, so newer QuickBooks versions still parse.
/// </summary>
/// <param name="Name">The element name, for example <c>CustomerQueryRs</c>.</param>
/// <param name="RequestId">The echoed <c>requestID</c>, or null.</param>
/// <param name="StatusCode">The <c>statusCode</c>.</param>
/// <param name="StatusSeverity">The <c>statusSeverity</c>: Info, Warn or Error.</param>
/// <param name="StatusMessage">The <c>statusMessage</c>.</param>
/// <param name="Rets">The <c>*Ret</c> elements.</param>
public sealed record QbXmlResponse(string Name, string? RequestId, int StatusCode, string StatusSeverity, string StatusMessage, IReadOnlyList<XElement> Rets)
{
    /// <summary>The <c>*Rs</c> element as QuickBooks sent it (read safely by <see cref="QbXmlDocument.Parse"/>).</summary>
    public XElement Element { get; init; } = new("Rs");

    /// <summary>The iterator to continue with, when the request opened or continued one.</summary>
    public string? IteratorId { get; init; }

    /// <summary>How many items the iterator still holds (0 when the last page was read).</summary>
    public int? IteratorRemainingCount { get; init; }

    /// <summary>What the status code means.</summary>
    public QbXmlStatus Status => StatusCode switch
    {
        0 => QbXmlStatus.Ok,
        1 => QbXmlStatus.NoMatch,
        >= 500 and <= 999 => QbXmlStatus.Warning,
        3100 => QbXmlStatus.NameInUse,
        3200 => QbXmlStatus.StaleEditSequence,
        _ => QbXmlStatus.Error,
    };

    /// <summary>True for Ok, NoMatch and Warning: the request did what was asked (or found nothing).</summary>
    public bool Succeeded => Status is QbXmlStatus.Ok or QbXmlStatus.NoMatch or QbXmlStatus.Warning;

    /// <summary>The list entities in <see cref="Rets"/> (CustomerRet, Item*Ret, …).</summary>
    /// <returns>The entities.</returns>
    public IReadOnlyList<QbdListEntity> ListEntities() => [.. Rets.Select(QbdListEntity.From)];

    /// <summary>The transactions in <see cref="Rets"/> (InvoiceRet, JournalEntryRet, …).</summary>
    /// <returns>The transactions.</returns>
    public IReadOnlyList<QbdTransaction> Transactions() => [.. Rets.Select(QbdTransaction.From)];

    /// <summary>Reads one <c>*Rs</c> element.</summary>
    /// <param name="element">The element.</param>
    /// <returns>The response.</returns>
    /// <exception cref="QbXmlFormatException">When <c>statusCode</c> is missing or not a number.</exception>
    public static QbXmlResponse From(XElement element)
    {
        ArgumentNullException.ThrowIfNull(element);
        var name = element.Name.LocalName;
        if (!int.TryParse((string?)element.Attribute("statusCode"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var code))
        {
            throw new QbXmlFormatException($"{name} has no numeric statusCode.");
        }

        return new QbXmlResponse(
            name,
            (string?)element.Attribute("requestID"),
            code,
            (string?)element.Attribute("statusSeverity") ?? string.Empty,
            (string?)element.Attribute("statusMessage") ?? string.Empty,
            [.. element.Elements().Where(e => e.Name.LocalName.EndsWith("Ret", StringComparison.Ordinal))])
        {
            Element = element,
            IteratorId = (string?)element.Attribute("iteratorID"),
            IteratorRemainingCount = int.TryParse((string?)element.Attribute("iteratorRemainingCount"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var remaining) ? remaining : null,
        };
    }
}

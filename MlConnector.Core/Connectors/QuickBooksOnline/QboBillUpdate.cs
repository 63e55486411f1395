namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>
/// The fields a sparse Bill update may change; null leaves a field alone. <see cref="Line"/>, when given, replaces all of
/// the bill's lines (QBO replaces the whole collection), so it must carry the existing lines too.
/// </summary>
public sealed record QboBillUpdate
{
    /// <summary>The new memo.</summary>
    public string? PrivateNote { get; init; }

    /// <summary>The complete new line list.</summary>
    public IReadOnlyList<QboLine>? Line { get; init; }
}

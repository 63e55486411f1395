namespace MlConnector.Core.Connectors.SpsCommerce.Rsx;

/// <summary>An RSX <c>Dates</c> entry.</summary>
/// <param name="DateTimeQualifier">X12 DTM01, for example <c>010</c> requested ship, <c>011</c> shipped, <c>002</c> delivery requested.</param>
/// <param name="Date">The date, <c>yyyy-MM-dd</c>.</param>
public sealed record RsxDate(
    string? DateTimeQualifier = null,
    string? Date = null);

namespace MlConnector.Core.Failures;

/// <summary>Who fixes a failure, as the operator API names it (<c>whoFixes</c>).</summary>
public static class FailureOwner
{
    /// <summary>The merchant corrects data: a mapping, an address, a record in the source or target system.</summary>
    public const string MerchantData = "merchant-data";

    /// <summary>The merchant reconnects: OAuth consent or a new API key.</summary>
    public const string MerchantConsent = "merchant-consent";

    /// <summary>The vendor is down or throttling; it clears by itself and is then replayed.</summary>
    public const string VendorOutage = "vendor-outage";

    /// <summary>A defect or an unclassified failure on our side: ml-connector's operators look at the log.</summary>
    public const string MlConnector = "ml-connector";

    /// <summary>Every value.</summary>
    public static IReadOnlyList<string> All { get; } = [MerchantData, MerchantConsent, VendorOutage, MlConnector];
}

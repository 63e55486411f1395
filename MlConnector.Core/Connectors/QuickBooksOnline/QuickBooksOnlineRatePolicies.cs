using MlConnector.Core.Resilience;

namespace MlConnector.Core.Connectors.QuickBooksOnline;

/// <summary>
/// The rate budgets of QuickBooks Online, registered by
/// <see cref="QuickBooksOnlineServiceCollectionExtensions.AddQuickBooksOnlineConnector"/> for the connector codes
/// <c>qbo</c> (<see cref="Requests"/>) and <c>qbo-batch</c> (<see cref="Batch"/>); both are kept per realm.
/// </summary>
public static class QuickBooksOnlineRatePolicies
{
    /// <summary>
    /// Every request, per realm: Intuit allows 500 requests/min, 10 requests/s and 10 concurrent, and a 429 means
    /// wait 60 s (developer.intuit.com/app/developer/qbo/docs/learn/limits-and-throttles; PROTOCOL-NOTES §2). The budget
    /// runs below those limits (450/min, 8/s, 8 concurrent): Intuit counts a request when it arrives and releases a
    /// concurrency slot when it has answered, so requests that leave evenly spaced can arrive bunched, and one 429
    /// costs the whole realm a minute.
    /// </summary>
    public static RateLimitPolicy Requests { get; } =
        new(8, new RateWindow(450, TimeSpan.FromMinutes(1)), new RateWindow(8, TimeSpan.FromSeconds(1))) { ThrottlePause = TimeSpan.FromSeconds(60) };

    /// <summary>
    /// Batch requests (<c>POST …/batch</c>), per realm, spent on top of <see cref="Requests"/> (the client waits for it
    /// before sending, outside the HTTP pipeline's attempt timeout): Intuit allows 40 batch requests per minute per realm
    /// and app (120 per realm), each of at most 30 items
    /// (developer.intuit.com/app/developer/qbo/docs/learn/limits-and-throttles; blogs.intuit.com/2025/08/13/upcoming-changes-to-the-accounting-api;
    /// PROTOCOL-NOTES §2). The budget runs at 38 per minute for the same reason the request budget runs below 500: grants
    /// evenly spaced can arrive bunched, and a 429 costs the realm a minute.
    /// </summary>
    public static RateLimitPolicy Batch { get; } =
        new(null, new RateWindow(38, TimeSpan.FromMinutes(1))) { ThrottlePause = TimeSpan.FromSeconds(60) };
}

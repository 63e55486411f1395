namespace MlConnector.Core.Connectors.Ups;

/// <summary>
/// The UPS REST APIs for one connection at a time: OAuth client credentials (provider <c>ups</c>; the connection's
/// shipper number, kept as the secret <c>{connectionId}/ups-merchant-id</c>, goes out as <c>x-merchant-id</c>; the token
/// is cached until shortly before its <c>expires_in</c> and token requests are capped per UPS account per day), the base
/// URL from <c>ups.baseUrl</c> (default by <c>ups.environment</c>: CIE <c>https://wwwcie.ups.com/api</c>, production
/// <c>https://onlinetools.ups.com/api</c>). Every request carries <c>transId</c> (32 characters, unique per request) and
/// <c>transactionSrc</c>. UPS error bodies (<c>{"response":{"errors":[{"code","message"}]}}</c>) become
/// <see cref="Errors.ConnectorException"/>s of the shared taxonomy; HTTP 429 (code 10429) becomes
/// <see cref="Errors.ConnectorRateLimitedException"/>. Repeatable elements are read in both the object and the array form,
/// because UPS sends either.
/// </summary>
/// <remarks>
/// Source: PROTOCOL-NOTES.md §1; contracts/ups/*.yaml (UPS-API/api-documentation). <c>x-merchant-id</c> ("6-digit UPS
/// account number") is a header of the token request only (OAuthClientCredentials.yaml, <c>POST /security/v1/oauth/token</c>);
/// the API specs (AddressValidation.yaml, Rating.yaml, Shipping.yaml, Tracking.yaml, UPSTrackAlert.yaml) take the bearer
/// token that request issued. So a call made for a sub-account (<c>shipperAccount</c>) carries a token of its own, requested
/// with that sub-account's shipper number as <c>x-merchant-id</c>: every call, not only Rate and Ship.
/// </remarks>
public interface IUpsClient
{
    /// <summary>
    /// Validates and classifies a street address with Address Validation – Street Level (XAV,
    /// <c>POST /addressvalidation/v2/3</c>, request option 3 = validation and classification).
    /// </summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="address">The address to check (US or Puerto Rico; UPS XAV covers no other countries).</param>
    /// <param name="shipperAccount">The connection's sub-account the call is made for (<see cref="UpsShipmentRequest.ShipperAccount"/>:
    /// its own shipper number, hence its own token and <c>x-merchant-id</c>), or null for the connection's own account.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Valid (with the standardised address as the only candidate), ambiguous (with UPS's candidates) or no candidates.</returns>
    /// <exception cref="Errors.ConnectorValidationException">When UPS rejects the request itself (for example an unsupported country).</exception>
    Task<UpsAddressValidation> ValidateAddressAsync(string connectionId, UpsAddress address, string? shipperAccount = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Rates a shipment: <c>POST /rating/v2409/Rate</c> for the request's service, or <c>/Shop</c> for every service UPS
    /// offers between the two addresses. Negotiated rates are asked for when <see cref="UpsShipmentRequest.NegotiatedRates"/> is set.
    /// </summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="shipment">The shipment to rate.</param>
    /// <param name="shop">True for Shop (all services), false for Rate (the request's service only).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One quote per rated service (one for Rate).</returns>
    Task<IReadOnlyList<UpsRateQuote>> RateAsync(string connectionId, UpsShipmentRequest shipment, bool shop, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates the shipment and its labels (<c>POST /shipments/v2409/ship</c>). Not idempotent at UPS: callers guard it
    /// with the idempotency ledger. The request's <see cref="UpsShipmentRequest.ReferenceNumber"/> is sent as the
    /// shipment reference and <c>TransactionReference.CustomerContext</c>.
    /// </summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="shipment">The shipment.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The shipment identification number, the charges, and one tracking number and label per package.</returns>
    Task<UpsShipmentResult> CreateShipmentAsync(string connectionId, UpsShipmentRequest shipment, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads one page of the account's unread Quantum View events (<c>POST /quantumview/v3/events</c>, QuantumView.yaml;
    /// PROTOCOL-NOTES §1: a pull API; unread events come back with a <c>Bookmark</c> while there is more). A request with
    /// no file name and no date range asks for unread data, which UPS then counts as read.
    /// </summary>
    /// <param name="connectionId">The connection (its UPS credentials and shipper number).</param>
    /// <param name="subscriptionName">The Quantum View subscription name (up to 21 alphanumerics), or null for all of the subscriber's.</param>
    /// <param name="bookmark">The bookmark of the previous page, or null for the first.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page's package statuses and the next bookmark.</returns>
    Task<UpsQuantumViewPage> GetQuantumViewEventsAsync(string connectionId, string? subscriptionName, string? bookmark, CancellationToken cancellationToken = default);

    /// <summary>Voids a shipment (<c>DELETE /shipments/v2409/void/cancel/{shipmentIdentificationNumber}</c>).</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="shipmentIdentificationNumber">The 1Z shipment identification number.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when UPS has voided the shipment.</returns>
    /// <exception cref="Errors.ConnectorValidationException">When UPS refuses (for example the package is already in transit).</exception>
    Task VoidShipmentAsync(string connectionId, string shipmentIdentificationNumber, CancellationToken cancellationToken = default);

    /// <summary>
    /// Finds the packages of shipments created with a reference number (<c>GET /track/v1/reference/details/{referenceNumber}</c>,
    /// Tracking.yaml "Track by Reference Number", narrowed by <c>destCountry</c> and <c>destZip</c>). This is how a shipment
    /// whose Ship answer was lost is found again: UPS's Shipping API has no idempotency key, so a resent ShipmentRequest
    /// would buy a second label. Nothing found (200 with warning <c>TW0001</c>, or 404) is an empty list. UPS searches by
    /// pick-up date (default the last 14 days, Tracking.yaml <c>fromPickUpDate</c>), so a label made moments ago may not be
    /// listed yet by the real service.
    /// </summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="referenceNumber">The reference the shipment was created with (<see cref="UpsShipmentRequest.ReferenceNumber"/>).</param>
    /// <param name="destination">The ship-to address, whose country and 5-digit postal code narrow the search.</param>
    /// <param name="shipperAccount">The connection's sub-account, as in <see cref="TrackAsync"/>, or null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The packages found, each with its current status, ordered by tracking number.</returns>
    Task<IReadOnlyList<UpsTrackingStatus>> TrackByReferenceAsync(string connectionId, string referenceNumber, UpsAddress destination, string? shipperAccount = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Tracks packages (<c>GET /track/v1/details/{inquiryNumber}</c>, one request per number, all sharing the
    /// connection's budget). A number UPS does not know (200 with warning <c>TW0001</c>) comes back with
    /// <see cref="UpsTrackingStatus.Found"/> false rather than as an error.
    /// </summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="trackingNumbers">The 1Z tracking numbers.</param>
    /// <param name="shipperAccount">The connection's sub-account the call is made for (<see cref="UpsShipmentRequest.ShipperAccount"/>:
    /// its own shipper number, hence its own token and <c>x-merchant-id</c>), or null for the connection's own account.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One status per tracking number, in the order asked.</returns>
    Task<IReadOnlyList<UpsTrackingStatus>> TrackAsync(string connectionId, IReadOnlyList<string> trackingNumbers, string? shipperAccount = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Subscribes tracking numbers to Track Alert (<c>POST /track/v2/subscription/standard/package</c>), in requests of at
    /// most 100 numbers (UPS answers VSS220 beyond that). A subscription lasts 14 days; renewing is subscribing again.
    /// </summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="trackingNumbers">The tracking numbers (any count; split into requests of 100).</param>
    /// <param name="shipperAccount">The connection's sub-account the call is made for (<see cref="UpsShipmentRequest.ShipperAccount"/>:
    /// its own shipper number, hence its own token and <c>x-merchant-id</c>), or null for the connection's own account.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The numbers UPS accepted and those it refused.</returns>
    Task<UpsTrackAlertSubscriptionResult> SubscribeTrackAlertAsync(string connectionId, IReadOnlyList<string> trackingNumbers, string? shipperAccount = null, CancellationToken cancellationToken = default);
}

using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.QuickBooksOnline;
using MlConnector.Core.Connectors.ShipStation;
using MlConnector.Core.Errors;
using MlConnector.Core.Idempotency;

namespace MlConnector.Core.Integrations.ShipStationQbo;

/// <summary>
/// Makes each ShipStation buyer exactly one QBO customer, found by the buyer's stable key (<see cref="ShipStationBuyer"/>),
/// never by display name alone.
/// </summary>
/// <remarks>
/// <list type="number">
/// <item>The ledger: buyer key → customer id, per connection (<see cref="ShipStationQboKeys.CustomerCreate"/>).</item>
/// <item>QBO by key. An e-mail buyer: active customers whose <c>PrimaryEmailAddr</c> is the e-mail (queried with the
/// normalized and the order's own spelling; Intuit does not document whether query strings compare case-insensitively),
/// the oldest when several share it. Any other buyer: a customer at one of the buyer's display names
/// (<see cref="ShipStationQboCustomerNames.Candidates"/>; QBO filters Customer on <c>DisplayName</c>, Intuit's
/// "Retrieve Customer with DisplayName filter" sample, gist.github.com/IntuitDeveloperRelations/6582149) whose
/// <c>Notes</c> carry the buyer's key (<see cref="ShipStationQboCustomerNames.Marker"/>; Customer.Notes, IntuitNamesTypes.xsd).</item>
/// <item>Otherwise create, trying the buyer's display names in order. QBO answers a name already used by any customer,
/// vendor or employee with 6240 Duplicate Name (PROTOCOL-NOTES.md §2); then the buyer is looked up by key again: when
/// another run of the same buyer won the race its customer is used, otherwise the name belongs to someone else and the
/// next name is tried. 6240 therefore never fails an order unless every name is taken by others.</item>
/// </list>
/// No ledger claim is held while QBO is searched or written: the unique display name is what serialises racing runs, so
/// a run never waits for or fails on another. The mapping is recorded afterwards, when no other run is recording it.
/// </remarks>
/// <param name="qbo">The QBO client.</param>
/// <param name="ledger">The idempotency ledger.</param>
/// <param name="logger">The logger.</param>
public sealed class ShipStationQboCustomerResolver(IQuickBooksOnlineClient qbo, IIdempotencyLedger ledger, ILogger<ShipStationQboCustomerResolver> logger)
{
    /// <summary>QBO's Duplicate Name code (PROTOCOL-NOTES.md §2).</summary>
    public const string DuplicateNameCode = "6240";

    /// <summary>Finds the order's buyer among QBO customers, or creates their customer.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="order">The order.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The buyer's customer.</returns>
    /// <exception cref="ConnectorValidationException">When the order identifies no buyer, or every display name of the
    /// buyer is used by someone else.</exception>
    public async Task<CustomerResolution> EnsureAsync(string connectionId, ShipStationOrder order, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionId);
        ArgumentNullException.ThrowIfNull(order);
        var buyer = ShipStationBuyer.From(order);
        var key = ShipStationQboKeys.CustomerCreate(connectionId, buyer.Key);
        if (await ledger.GetAsync(key, cancellationToken) is { Status: LedgerStatus.Succeeded, TargetId: { } recorded })
        {
            return new CustomerResolution(recorded, Created: false, "Matched the buyer's customer recorded in the ledger.");
        }

        if (await FindAsync(connectionId, buyer, order.CustomerEmail, cancellationToken) is { } existing)
        {
            await RecordAsync(key, existing, cancellationToken);
            return new CustomerResolution(existing, Created: false, buyer.Email is null ? "Matched the customer carrying the buyer's key." : "Matched an existing customer by e-mail.");
        }

        var customer = ShipStationQboMapper.ToCustomer(order);
        var names = ShipStationQboCustomerNames.Candidates(buyer);
        for (var i = 0; i < names.Count; i++)
        {
            try
            {
                var requestId = ShipStationQboKeys.CustomerCreateRequestId(connectionId, buyer.Key, order.OrderNumber, i);
                var created = await qbo.CreateCustomerAsync(connectionId, customer with { DisplayName = names[i] }, requestId, cancellationToken);
                var createdId = created.Id ?? throw new ConnectorException(QuickBooksOnlineErrorClassifier.ConnectorCode, ErrorKind.Unknown, "QuickBooks Online returned a created customer without an Id.");
                await RecordAsync(key, createdId, cancellationToken);
                return new CustomerResolution(createdId, Created: true, $"Created the customer '{names[i]}'.");
            }
            catch (ConnectorException ex) when (ex.VendorErrorCode == DuplicateNameCode)
            {
                logger.CustomerNameTaken(connectionId, names[i], i + 1, names.Count);
                if (await FindAsync(connectionId, buyer, order.CustomerEmail, cancellationToken) is { } winner)
                {
                    logger.CustomerRaceResolved(connectionId, winner);
                    await RecordAsync(key, winner, cancellationToken);
                    return new CustomerResolution(winner, Created: false, "Another run created the buyer's customer at the same time; matched it.");
                }
            }
        }

        throw new ConnectorValidationException(
            IntegrationKinds.ShipStationQbo,
            $"Order {order.OrderNumber}: every display name for the buyer ({string.Join(", ", names.Select(n => $"'{n}'"))}) is used by another "
                + "QuickBooks Online customer, vendor or employee. Rename one of them in QuickBooks Online and replay the order.",
            field: "DisplayName");
    }

    private async Task<string?> FindAsync(string connectionId, ShipStationBuyer buyer, string? emailAsSent, CancellationToken cancellationToken)
    {
        if (buyer.Email is { } email)
        {
            var found = new List<QboCustomer>(await qbo.FindCustomersByEmailAsync(connectionId, email, cancellationToken));
            var spelling = emailAsSent?.Trim();
            if (found.Count == 0 && spelling is not null && !string.Equals(spelling, email, StringComparison.Ordinal))
            {
                found.AddRange(await qbo.FindCustomersByEmailAsync(connectionId, spelling, cancellationToken));
            }

            return PickByEmail(connectionId, found);
        }

        foreach (var name in ShipStationQboCustomerNames.Candidates(buyer))
        {
            if (await qbo.FindCustomerByDisplayNameAsync(connectionId, name, cancellationToken) is { } customer && IsMarkedCustomer(customer, buyer))
            {
                return customer.Id;
            }
        }

        return null;
    }

    /// <summary>
    /// The customer of an e-mail buyer among customers found by that e-mail (active, the address equal ignoring case):
    /// the oldest by Id when several share it (logged), or null when none.
    /// </summary>
    /// <param name="connectionId">The connection, for the log.</param>
    /// <param name="found">Customers found by the buyer's e-mail.</param>
    /// <returns>The customer's Id, or null.</returns>
    internal string? PickByEmail(string connectionId, IReadOnlyCollection<QboCustomer> found)
    {
        var usable = found.Where(c => c.Id is not null).ToList();
        if (usable.Count == 0)
        {
            return null;
        }

        var oldest = usable.OrderBy(c => NumericId(c.Id!)).ThenBy(c => c.Id, StringComparer.Ordinal).First().Id!;
        if (usable.Count > 1)
        {
            logger.CustomerSharedEmail(connectionId, usable.Count, oldest);
        }

        return oldest;
    }

    /// <summary>True when an active customer carries the buyer's key in its Notes (a buyer without e-mail).</summary>
    /// <param name="customer">A customer found at one of the buyer's display names.</param>
    /// <param name="buyer">The buyer.</param>
    /// <returns>Whether it is the buyer's customer.</returns>
    internal static bool IsMarkedCustomer(QboCustomer customer, ShipStationBuyer buyer) =>
        customer is { Active: true, Id: not null } && ShipStationQboCustomerNames.IsMarkedFor(customer.Notes, buyer);

    /// <summary>Records buyer → customer in the ledger unless another run already recorded it or is recording it now.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="buyer">The buyer.</param>
    /// <param name="customerId">The buyer's customer.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task.</returns>
    internal Task RecordAsync(string connectionId, ShipStationBuyer buyer, string customerId, CancellationToken cancellationToken) =>
        RecordAsync(ShipStationQboKeys.CustomerCreate(connectionId, buyer.Key), customerId, cancellationToken);

    /// <summary>Records buyer → customer unless another run already recorded it or is recording it now.</summary>
    private async Task RecordAsync(LedgerKey key, string customerId, CancellationToken cancellationToken)
    {
        var claim = await ledger.BeginAsync(key, cancellationToken);
        if (claim.Decision != LedgerDecision.Claimed)
        {
            return;
        }

        try
        {
            await ledger.CompleteAsync(claim, customerId, cancellationToken);
        }
        catch (ConnectorException ex) when (ex.Kind == ErrorKind.Conflict)
        {
            // Another run took the row over; it records the same buyer's customer.
        }
    }

    private static long NumericId(string id) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : long.MaxValue;
}

using MlConnector.Core.Audit;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.QuickBooksOnline;
using MlConnector.Core.Errors;
using MlConnector.Core.Idempotency;

namespace MlConnector.Core.Integrations.QboSps;

/// <summary>
/// Keeps a <c>qbo-sps</c> connection's crosswalk aligned with QBO (item 5 of the integration): validates every mapping
/// against QBO's current records and reports the QBO records that wait for a mapping. Read-only towards QBO.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><b>Broken</b>: a <c>spsItems</c> target (a QBO Item id, or <c>account:{id}</c>), a <c>spsPartners</c> vendor or a
/// <c>spsCustomers</c> customer that QBO no longer lists, or lists with <c>Active</c> false (QBO deletes name-list
/// records such as items, accounts, vendors and customers by making them inactive). Each is a failed audit row
/// (<see cref="BrokenOperation"/>, error kind validation, business key <c>mappings.{table}.{source}</c>) on every check,
/// until it is fixed.</item>
/// <item><b>Unmapped</b>: an active QBO Item no <c>spsItems</c> entry points at, and an active Vendor (posting
/// <c>purchaseorder</c>) or Customer (posting <c>estimate</c>) no partner points at. Each is reported once, when first
/// seen (an audit row <see cref="UnmappedOperation"/>, business key <c>qbo.{entity}.{id}</c>, guarded by the idempotency
/// ledger), so a new item shows up for mapping without repeating every day.</item>
/// <item>A summary row (<see cref="CheckOperation"/>) per check, failed when anything is broken.</item>
/// </list>
/// <para>Operators read the findings through the connection's audit view:
/// <c>GET /api/connections/{id}/audit?operation=sps.crosswalk.broken</c> (or <c>…unmapped</c>, <c>…check</c>).</para>
/// </remarks>
/// <param name="qbo">The QBO client.</param>
/// <param name="connections">The connection store.</param>
/// <param name="ledger">The idempotency ledger (reports each unmapped record once).</param>
/// <param name="audit">The audit trail.</param>
/// <param name="logger">The logger.</param>
public sealed class QboSpsCrosswalkCheck(
    IQuickBooksOnlineClient qbo,
    IConnectionStore connections,
    IIdempotencyLedger ledger,
    IAuditTrail audit,
    ILogger<QboSpsCrosswalkCheck> logger)
{
    /// <summary>The audit operation of a check's summary.</summary>
    public const string CheckOperation = "sps.crosswalk.check";

    /// <summary>The audit operation of a broken mapping.</summary>
    public const string BrokenOperation = "sps.crosswalk.broken";

    /// <summary>The audit (and ledger) operation of a QBO record reported for mapping.</summary>
    public const string UnmappedOperation = "sps.crosswalk.unmapped";

    private const string AccountPrefix = "account:";

    /// <summary>Checks one connection (see the class remarks).</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The findings.</returns>
    /// <exception cref="ConnectorValidationException">When the connection does not exist.</exception>
    /// <exception cref="ConnectorException">When QBO fails.</exception>
    public async Task<QboSpsCrosswalkReport> CheckAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        var connection = await connections.GetAsync(connectionId, cancellationToken)
            ?? throw new ConnectorValidationException(IntegrationKinds.QboSps, $"Connection '{connectionId}' does not exist.", field: "connectionId");
        var estimates = QboSpsOrderPosting.Of(connection) == QboSpsOrderPosting.Estimate;
        var items = (await qbo.ListItemsAsync(connectionId, cancellationToken)).Select(i => new Named("Item", i.Id, i.Name, i.Active)).ToList();
        var accounts = (await qbo.ListAccountsAsync(connectionId, cancellationToken)).Select(a => new Named("Account", a.Id, a.Name, a.Active)).ToList();
        var vendors = (await qbo.ListVendorsAsync(connectionId, cancellationToken)).Select(v => new Named("Vendor", v.Id ?? string.Empty, v.DisplayName, v.Active)).ToList();
        var customers = estimates || Table(connection, QboSpsOrderPosting.CustomerMapping).Count > 0
            ? (await qbo.ListCustomersAsync(connectionId, cancellationToken)).Select(c => new Named("Customer", c.Id ?? string.Empty, c.DisplayName, c.Active)).ToList()
            : [];

        var broken = new List<QboSpsCrosswalkFinding>();
        foreach (var (source, target) in Table(connection, QboSpsNames.ItemMapping))
        {
            var isAccount = target.StartsWith(AccountPrefix, StringComparison.Ordinal);
            AddIfBroken(broken, QboSpsNames.ItemMapping, source, isAccount ? target[AccountPrefix.Length..] : target, isAccount ? accounts : items);
        }

        foreach (var (source, target) in Table(connection, QboSpsNames.PartnerMapping))
        {
            AddIfBroken(broken, QboSpsNames.PartnerMapping, source, target, vendors);
        }

        foreach (var (source, target) in Table(connection, QboSpsOrderPosting.CustomerMapping))
        {
            AddIfBroken(broken, QboSpsOrderPosting.CustomerMapping, source, target, customers);
        }

        var unmapped = Unmapped(QboSpsNames.ItemMapping, items, Table(connection, QboSpsNames.ItemMapping).Values)
            .Concat(estimates
                ? Unmapped(QboSpsOrderPosting.CustomerMapping, customers, Table(connection, QboSpsOrderPosting.CustomerMapping).Values)
                : Unmapped(QboSpsNames.PartnerMapping, vendors, Table(connection, QboSpsNames.PartnerMapping).Values))
            .ToList();

        foreach (var finding in broken)
        {
            logger.SpsCrosswalkBroken(connectionId, finding.BusinessKey, finding.Problem);
            await audit.WriteAsync(
                new AuditRecord(connectionId, BrokenOperation, AuditOutcome.Failed)
                {
                    BusinessKey = finding.BusinessKey,
                    VendorReference = $"{finding.QboEntity} {finding.QboId}",
                    ErrorKind = ErrorKind.Validation,
                    Detail = finding.Problem,
                },
                cancellationToken);
        }

        var newlyReported = 0;
        foreach (var finding in unmapped)
        {
            var reported = await ledger.ExecuteOnceAsync(
                new LedgerKey(connectionId, "qbo", finding.BusinessKey, UnmappedOperation),
                _ => Task.FromResult<string?>(null),
                async ct =>
                {
                    await audit.WriteAsync(
                        new AuditRecord(connectionId, UnmappedOperation, AuditOutcome.Skipped)
                        {
                            BusinessKey = finding.BusinessKey,
                            VendorReference = $"{finding.QboEntity} {finding.QboId}",
                            Detail = finding.Problem,
                        },
                        ct);
                    return finding.BusinessKey;
                },
                cancellationToken);
            newlyReported += reported.Created ? 1 : 0;
        }

        logger.SpsCrosswalkChecked(connectionId, broken.Count, unmapped.Count, newlyReported);
        await audit.WriteAsync(
            new AuditRecord(connectionId, CheckOperation, broken.Count > 0 ? AuditOutcome.Failed : AuditOutcome.Succeeded)
            {
                BusinessKey = "crosswalk",
                ErrorKind = broken.Count > 0 ? ErrorKind.Validation : null,
                Detail = $"{broken.Count} broken mappings{(broken.Count > 0 ? ": " + string.Join(", ", broken.Select(b => b.BusinessKey)) : string.Empty)}; "
                    + $"{unmapped.Count} QBO records not mapped ({newlyReported} new). Checked {items.Count} items, {accounts.Count} accounts, {vendors.Count} vendors, {customers.Count} customers.",
            },
            cancellationToken);
        return new QboSpsCrosswalkReport(connectionId, broken, unmapped, newlyReported);
    }

    private static IReadOnlyDictionary<string, string> Table(Connection connection, string table) =>
        connection.Mappings.TryGetValue(table, out var rows) ? rows : new Dictionary<string, string>();

    private static void AddIfBroken(List<QboSpsCrosswalkFinding> broken, string table, string source, string qboId, List<Named> records)
    {
        var entity = records.FirstOrDefault()?.Entity ?? EntityOf(table, qboId);
        var found = records.FirstOrDefault(r => r.Id == qboId);
        if (found is null)
        {
            broken.Add(new(table, source, entity, qboId, null, $"{table} maps {source} to QBO {entity} {qboId}, which QBO no longer lists (deleted or made inactive). Map {source} to an active {entity}."));
        }
        else if (!found.Active)
        {
            broken.Add(new(table, source, found.Entity, qboId, found.Name, $"{table} maps {source} to QBO {found.Entity} {qboId} ({found.Name}), which is inactive. Reactivate it in QBO or map {source} to an active {found.Entity}."));
        }
    }

    private static string EntityOf(string table, string qboId) => table switch
    {
        QboSpsNames.PartnerMapping => "Vendor",
        QboSpsOrderPosting.CustomerMapping => "Customer",
        _ => qboId.StartsWith(AccountPrefix, StringComparison.Ordinal) ? "Account" : "Item",
    };

    private static IEnumerable<QboSpsCrosswalkFinding> Unmapped(string table, List<Named> records, IEnumerable<string> targets)
    {
        var mapped = targets.Select(t => t.StartsWith(AccountPrefix, StringComparison.Ordinal) ? string.Empty : t).ToHashSet(StringComparer.Ordinal);
        return records.Where(r => r.Active && r.Id.Length > 0 && !mapped.Contains(r.Id))
            .Select(r => new QboSpsCrosswalkFinding(table, null, r.Entity, r.Id, r.Name, $"QBO {r.Entity} {r.Id} ({r.Name}) is not in {table}: map it to its SPS {(table == QboSpsNames.ItemMapping ? "part number" : "TradingPartnerId")} if the retailers order it."));
    }

    private sealed record Named(string Entity, string Id, string? Name, bool Active);
}

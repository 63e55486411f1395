using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using MlConnector.Core.Connections;
using MlConnector.Core.Secrets;
using MlConnector.Core.Storage;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Connectors.QuickBooksDesktop.WebConnector;

/// <summary>
/// The Web Connector endpoint (see <see cref="IQuickBooksWebConnectorService"/>), following Intuit's WCWebService sample
/// and the QBWC Programmer's Guide (PROTOCOL-NOTES §3): authenticate by the connection's <c>qbd.qbwcUserName</c> and the
/// password in the secret store (<c>qbd-password</c>, compared in constant time); a fresh ticket per session kept in
/// Table Storage with its expiry; one queued request per <c>sendRequestXML</c>; answers stored on their request by
/// <c>requestID</c>; percent done from what is left.
/// </summary>
/// <param name="tables">The table provider (sessions).</param>
/// <param name="outbox">The connections' request outboxes.</param>
/// <param name="connections">Where <c>qbd-shipstation</c> connections and their user names are.</param>
/// <param name="secrets">Where each connection's Web Connector password is.</param>
/// <param name="options">Session lifetime and minimum QBWC version.</param>
/// <param name="timeProvider">The clock.</param>
/// <param name="presence">Where the Web Connector's last call and QuickBooks' last problem are kept per connection.</param>
/// <param name="workflows">Raises <see cref="QuickBooksDesktopAnswerSignal.EventName"/> to the workflow waiting for an answer.</param>
/// <param name="logger">The logger.</param>
public sealed class QuickBooksWebConnectorService(
    TableProvider tables,
    QuickBooksDesktopOutbox outbox,
    IConnectionStore connections,
    ISecretStore secrets,
    IOptions<QuickBooksWebConnectorOptions> options,
    TimeProvider timeProvider,
    QuickBooksWebConnectorPresence presence,
    IWorkflowClient workflows,
    ILogger<QuickBooksWebConnectorService> logger) : IQuickBooksWebConnectorService
{
    /// <summary>The system code of QuickBooks Desktop settings on a connection (<c>settings.qbd.qbwcUserName</c>).</summary>
    public const string SystemCode = "qbd";

    /// <summary>The secret purpose of a connection's Web Connector password: <c>SecretName.For(connectionId, PasswordSecret)</c>.</summary>
    public const string PasswordSecret = "qbd-password";

    /// <summary>The setting holding the user name the Web Connector presents; unique across connections.</summary>
    public const string UserNameSetting = "qbwcUserName";

    private const string SessionPartition = "ticket";
    private const string NotValidUser = "nvu";
    private const string NoWork = "none";

    /// <inheritdoc />
    public Task<string> ServerVersionAsync() => Task.FromResult("ml-connector " + typeof(QuickBooksWebConnectorService).Assembly.GetName().Version);

    /// <inheritdoc />
    public Task<string> ClientVersionAsync(string strVersion)
    {
        if (!Version.TryParse(strVersion, out var version) || !Version.TryParse(options.Value.MinimumClientVersion, out var minimum))
        {
            return Task.FromResult(string.Empty);
        }

        return Task.FromResult(version.Major < 2
            ? $"E:QuickBooks Web Connector {strVersion} is too old for ml-connector; install version {options.Value.MinimumClientVersion} or later."
            : version < minimum ? $"W:QuickBooks Web Connector {strVersion} is older than {options.Value.MinimumClientVersion}; please update it." : string.Empty);
    }

    /// <inheritdoc />
    public async Task<string[]> AuthenticateAsync(string strUserName, string strPassword)
    {
        var connection = await FindByUserNameAsync(strUserName);
        var stored = connection is null ? null : await secrets.GetAsync(SecretName.For(connection.Id, PasswordSecret));

        // Compare even when the user is unknown, so the answer takes as long either way.
        var valid = SecretComparison.FixedTimeEquals(stored ?? "\0no-password\0", strPassword) && connection is not null && stored is not null;
        if (!valid)
        {
            return [string.Empty, NotValidUser];
        }

        var ticket = Guid.NewGuid().ToString("D");
        var table = await tables.GetTableAsync(tables.Names.QuickBooksDesktop);
        await table.AddEntityAsync(new QuickBooksDesktopQueueEntity
        {
            PartitionKey = SessionPartition,
            RowKey = ticket,
            ConnectionId = connection!.Id,
            ExpiresAt = timeProvider.GetUtcNow() + options.Value.SessionLifetime,
        });
        await presence.SeenAsync(connection.Id);
        await outbox.SettleInterruptedAsync(connection.Id);
        foreach (var signal in await outbox.PendingSignalsAsync(connection.Id))
        {
            await SignalAsync(connection.Id, signal);
        }

        var pending = await outbox.CountPendingAsync(connection.Id);
        return [ticket, pending == 0 ? NoWork : string.Empty];
    }

    /// <inheritdoc />
    public async Task<string> SendRequestXMLAsync(string ticket, string strHCPResponse, string strCompanyFileName, string qbXMLCountry, int qbXMLMajorVers, int qbXMLMinorVers)
    {
        var session = await GetSessionAsync(ticket);
        if (session is null)
        {
            return string.Empty;
        }

        var request = await outbox.TakeNextAsync(session.ConnectionId!);
        return request is null ? string.Empty : QbXmlDocument.Build(QbXmlVersion.Pick(qbXMLMajorVers, qbXMLMinorVers), [request]);
    }

    /// <inheritdoc />
    public async Task<int> ReceiveResponseXMLAsync(string ticket, string response, string hresult, string message)
    {
        var session = await GetSessionAsync(ticket);
        if (session is null)
        {
            return -1;
        }

        if (!string.IsNullOrWhiteSpace(hresult))
        {
            await SetLastErrorAsync(session, $"QuickBooks could not process the request ({hresult}): {message}");
            return -101;
        }

        try
        {
            foreach (var answer in QbXmlDocument.Parse(response))
            {
                if (await outbox.AnswerAsync(session.ConnectionId!, answer.Element) is { } signal)
                {
                    await SignalAsync(session.ConnectionId!, signal);
                }

                session.Answered++;
            }
        }
        catch (QbXmlFormatException ex)
        {
            await SetLastErrorAsync(session, "ml-connector could not read QuickBooks' response: " + ex.Message);
            return -102;
        }

        await presence.SetErrorAsync(session.ConnectionId!, null);
        var pending = await outbox.CountPendingAsync(session.ConnectionId!);
        await SaveAsync(session);
        return pending == 0 ? 100 : Math.Min(99, session.Answered * 100 / (session.Answered + pending));
    }

    /// <inheritdoc />
    public async Task<string> ConnectionErrorAsync(string ticket, string hresult, string message)
    {
        var session = await GetSessionAsync(ticket);
        if (session is not null)
        {
            var reason = QuickBooksConnectionErrors.Describe(hresult, message);
            logger.QbdConnectionError(session.ConnectionId!, hresult);
            await SetLastErrorAsync(session, reason);
            await presence.SetErrorAsync(session.ConnectionId!, reason);
        }

        return "DONE";
    }

    /// <inheritdoc />
    public async Task<string> GetLastErrorAsync(string ticket) => (await GetSessionAsync(ticket, allowExpired: true))?.LastError ?? string.Empty;

    /// <inheritdoc />
    public async Task<string> CloseConnectionAsync(string ticket)
    {
        var session = await GetSessionAsync(ticket, allowExpired: true);
        if (session is null)
        {
            return "OK";
        }

        var table = await tables.GetTableAsync(tables.Names.QuickBooksDesktop);
        await table.DeleteEntityAsync(SessionPartition, session.RowKey, ETag.All);
        return $"OK: {session.Answered} request(s) answered.";
    }

    /// <summary>The connection whose <c>qbd.qbwcUserName</c> is the user name: an index row and the connection, two point reads.</summary>
    private async Task<Connection?> FindByUserNameAsync(string userName) =>
        string.IsNullOrWhiteSpace(userName) ? null : await connections.FindByUniqueSettingAsync(SystemCode, UserNameSetting, userName);

    /// <summary>
    /// Raises a stored answer's signal, then records it raised. A host killed between the answer's write and this leaves the
    /// row marked, and the next session start raises it (found stuck in a chaos run: the workflow otherwise waited for days).
    /// </summary>
    private async Task SignalAsync(string connectionId, QuickBooksDesktopPendingSignal pending)
    {
        var (instanceId, signal) = (pending.InstanceId, pending.Signal);
        try
        {
            await workflows.RaiseEventAsync(instanceId, QuickBooksDesktopAnswerSignal.EventName(signal.RequestId), signal);
            logger.QbdAnswerSignalled(signal.RequestId, connectionId, signal.State, instanceId);
        }
        catch (InvalidOperationException ex)
        {
            // The instance is gone (purged, or its id was never started): the answer stays on the row for a replay to read.
            logger.QbdAnswerSignalLost(signal.RequestId, connectionId, signal.State, instanceId, ex);
        }

        await outbox.SignalRaisedAsync(connectionId, pending);
    }

    private async Task<QuickBooksDesktopQueueEntity?> GetSessionAsync(string ticket, bool allowExpired = false)
    {
        if (!Guid.TryParse(ticket, out _))
        {
            return null;
        }

        var table = await tables.GetTableAsync(tables.Names.QuickBooksDesktop);
        var row = await table.GetEntityOrNullAsync<QuickBooksDesktopQueueEntity>(SessionPartition, ticket);
        return row is not null && (allowExpired || row.ExpiresAt > timeProvider.GetUtcNow()) ? row : null;
    }

    private async Task SetLastErrorAsync(QuickBooksDesktopQueueEntity session, string error)
    {
        session.LastError = error;
        await SaveAsync(session);
    }

    private async Task SaveAsync(QuickBooksDesktopQueueEntity session)
    {
        var table = await tables.GetTableAsync(tables.Names.QuickBooksDesktop);
        await table.UpdateEntityAsync(session, ETag.All, TableUpdateMode.Replace);
    }
}

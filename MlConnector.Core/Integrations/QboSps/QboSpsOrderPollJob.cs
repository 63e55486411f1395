using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.SpsCommerce;
using MlConnector.Core.Hosting.Scheduling;
using MlConnector.Core.Integrations.QboSps.Workflows;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.QboSps;

/// <summary>
/// The inbound poll of each <c>qbo-sps</c> connection (schedule <c>Schedules:QboSpsOrderPoll</c>, every 5–15 minutes):
/// lists SPS <c>data/out/</c> page by page (cursor) and starts one <see cref="SpsOrderToQboWorkflow"/> per document, under a
/// deterministic instance id per connection and path, so a document still listed next time is not started twice. The same
/// poll reads the SPS history for trading-partner rejections of our uploads (<see cref="SpsPartnerRejectionHandler.StartNewAsync"/>).
/// </summary>
/// <param name="connections">The connection store.</param>
/// <param name="sps">The SPS client.</param>
/// <param name="workflows">Starts the workflows.</param>
/// <param name="logger">The logger.</param>
public sealed class QboSpsOrderPollJob(IConnectionStore connections, ISpsCommerceClient sps, IWorkflowClient workflows, ILogger<QboSpsOrderPollJob> logger) : IScheduledJob
{
    /// <inheritdoc />
    public string Name => QboSpsNames.OrderPollJobName;

    /// <summary>The workflow instance id of one document.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="path">The SPS path.</param>
    /// <returns>The instance id.</returns>
    public static string InstanceId(string connectionId, string path) => WorkflowInstanceId.For(QboSpsNames.OrderInstanceKind, connectionId, path.TrimStart('/'));

    /// <inheritdoc />
    public Task RunAsync(DateTimeOffset scheduledTimeUtc, CancellationToken cancellationToken = default) =>
        ConnectionSweep.RunAsync(connections, IntegrationKinds.QboSps, (c, ct) => PollAsync(c.Id, ct), (ex, c) => logger.SpsPollFailed(ex, Name, c.Id), cancellationToken: cancellationToken);

    /// <summary>Polls one connection.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels the poll.</param>
    /// <returns>How many documents were listed and how many workflows this poll started.</returns>
    public async Task<(int Listed, int Started)> PollAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        var listed = 0;
        var started = 0;
        string? cursor = null;
        do
        {
            var page = await sps.ListOutboxAsync(connectionId, cursor, cancellationToken);
            foreach (var file in page.Files.Where(f => f.Type == "file"))
            {
                listed++;
                var start = await workflows.StartAsync(nameof(SpsOrderToQboWorkflow), InstanceId(connectionId, file.Path), new SpsDocumentRef(connectionId, file.Path), cancellationToken);
                started += start.IsDuplicate ? 0 : 1;
            }

            cursor = page.NextCursor;
        }
        while (cursor is not null);

        logger.SpsOrderPollFound(connectionId, listed, started);
        await SpsPartnerRejectionHandler.StartNewAsync(sps, workflows, connectionId, cancellationToken);
        return (listed, started);
    }
}

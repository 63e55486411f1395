namespace MlConnector.Cli.Bench;

/// <summary>One fresh <c>serve</c> child of bench (e), on storage of its own, after it took <see cref="Records"/> deliveries.</summary>
/// <param name="Records">UPS Track Alert deliveries sent, each recorded, dispatched and run as one tracking workflow.</param>
/// <param name="PeakRssMegabytes">The child's peak resident set (VmHWM) when it was idle again, MiB.</param>
/// <param name="EndRssMegabytes">Its resident set (VmRSS) then, MiB.</param>
/// <param name="Accepted">Deliveries the child answered 2xx in the end.</param>
/// <param name="Retried">Deliveries sent more than once (answered 503 or 429, or timed out, before they were accepted or given up).</param>
/// <param name="Resends">Sends beyond the first, over all deliveries.</param>
/// <param name="Processed">True when every accepted delivery was dispatched and no workflow was pending or running (twice in a row).</param>
/// <param name="FailedWorkflows">Workflows of the connection that ended Failed (up to the listing's 1,000).</param>
/// <param name="PoisonDeliveries">Deliveries the child's intake set aside as poison.</param>
/// <param name="PushSeconds">From the first send to the last delivery accepted.</param>
/// <param name="Seconds">From the first send to idle (or to giving up).</param>
internal sealed record RssRun(
    int Records,
    long PeakRssMegabytes,
    long EndRssMegabytes,
    int Accepted,
    int Retried,
    int Resends,
    bool Processed,
    int FailedWorkflows,
    int PoisonDeliveries,
    double PushSeconds,
    double Seconds)
{
    /// <summary>True when every delivery was accepted and processed, none failed and none was set aside.</summary>
    public bool Valid => Accepted == Records && Processed && FailedWorkflows == 0 && PoisonDeliveries == 0;
}

namespace MlConnector.Core.Shipping.Ups;

/// <summary>What one tracking write-back of a document did (<see cref="UpsTrackingWriteBack.WriteAsync"/>).</summary>
/// <param name="Text">The last text written or found already shown; empty when the write-back was handed over.</param>
/// <param name="Rounds">How many texts it wrote or found shown (0 when handed over).</param>
/// <param name="HandedTo">
/// Null when this write-back held the document's lease and wrote; else the owner of the write-back that held it and
/// wrote this one's status with its own (its pass after this one's status reached the rows).
/// </param>
public sealed record UpsTrackingWriteBackResult(string Text, int Rounds, string? HandedTo);

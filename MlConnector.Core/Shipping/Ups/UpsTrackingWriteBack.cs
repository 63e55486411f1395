namespace MlConnector.Core.Shipping.Ups;

/// <summary>
/// Writes a document's tracking text (built from its package rows) to the target system until the text written is the one
/// the rows give after the write. Two write-backs of one document race: a write-back that built its text before a newer
/// status reached the rows can land after the newer write-back (its request slower, or re-sent by the HTTP retry after its
/// answer was lost), which would show an older status (for example <c>Pickup Scan</c> over <c>Delivered</c>). Since every
/// status change is recorded on its row before its own write-back starts, and rows never go back (Delivered is never set
/// back, older statuses are not applied), the write-back whose write lands last re-reads the rows after it and writes the
/// newest text: the document converges to the rows' text.
/// </summary>
public static class UpsTrackingWriteBack
{
    /// <summary>The most writes one write-back makes (the first and up to two corrections).</summary>
    public const int MaxRounds = 3;

    /// <summary>
    /// Reads the rows' text, writes it, then reads the rows' text again and writes again while it differs from what was
    /// written, at most <see cref="MaxRounds"/> writes. Stopping at the bound is safe: a text that changed again after
    /// the last write belongs to a status whose own write-back runs after its change.
    /// </summary>
    /// <param name="readText">Reads the package rows and returns the document's tracking text (empty when it has none).</param>
    /// <param name="write">Writes one text to the document (may leave it alone when the document already shows it).</param>
    /// <param name="cancellationToken">Cancels the reads and writes.</param>
    /// <returns>The last text written (or found already shown), and how many writes were made (1–<see cref="MaxRounds"/>).</returns>
    public static async Task<(string Text, int Rounds)> WriteUntilCurrentAsync(Func<CancellationToken, Task<string>> readText, Func<string, CancellationToken, Task> write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(readText);
        ArgumentNullException.ThrowIfNull(write);
        var text = await readText(cancellationToken);
        for (var round = 1; ; round++)
        {
            await write(text, cancellationToken);
            if (round == MaxRounds)
            {
                return (text, round);
            }

            var current = await readText(cancellationToken);
            if (string.Equals(current, text, StringComparison.Ordinal))
            {
                return (text, round);
            }

            text = current;
        }
    }
}

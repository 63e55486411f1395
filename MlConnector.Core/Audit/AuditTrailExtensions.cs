using MlConnector.Core.Errors;

namespace MlConnector.Core.Audit;

/// <summary>Records the outcome of one audited step the same way everywhere.</summary>
public static class AuditTrailExtensions
{
    /// <summary>
    /// Runs a step and writes one audit record for it: <see cref="AuditOutcome.Succeeded"/> (or what the step reports)
    /// with its vendor reference, or <see cref="AuditOutcome.Failed"/> with the error class and message; the exception
    /// is rethrown. Audit write failures never mask the step's own exception.
    /// </summary>
    /// <typeparam name="T">The step's result.</typeparam>
    /// <param name="audit">The audit trail.</param>
    /// <param name="template">Connection, operation, workflow instance and business key of the step.</param>
    /// <param name="step">The step; returns its result, the vendor reference, the outcome and a detail.</param>
    /// <param name="cancellationToken">Cancels the step.</param>
    /// <returns>The value the step produced.</returns>
    public static async Task<T> RecordStepAsync<T>(
        this IAuditTrail audit,
        AuditRecord template,
        Func<CancellationToken, Task<AuditedResult<T>>> step,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(step);
        AuditedResult<T> result;
        try
        {
            result = await step(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var failed = template with
            {
                Outcome = AuditOutcome.Failed,
                ErrorKind = ex is ConnectorException connector ? connector.Kind : ErrorKind.Unknown,
                Detail = ex.Message,
            };
            try
            {
                await audit.WriteAsync(failed, CancellationToken.None);
            }
            catch (Exception auditFailure) when (auditFailure is Azure.RequestFailedException or HttpRequestException)
            {
                // The step's own error is what the caller must see; the workflow's failure record keeps it too.
            }

            throw;
        }

        await audit.WriteAsync(template with { Outcome = result.Outcome, VendorReference = result.VendorReference, Detail = result.Detail }, cancellationToken);
        return result.Value;
    }
}

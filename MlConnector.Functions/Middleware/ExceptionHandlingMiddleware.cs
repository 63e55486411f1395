using System.Net.Mime;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace MlConnector.Functions.Middleware;

/// <summary>
/// The last line of defence for every invocation: logs an unhandled exception with the exception object, then
/// <list type="bullet">
/// <item>for HTTP triggers, answers 500 with an RFC 9457 problem document that carries only the invocation id
/// (never the exception message, which may hold vendor payloads or connection details);</item>
/// <item>for every other trigger (timers, orchestrators, activities), rethrows, so the host records the failure
/// and Durable Functions applies its retry policy.</item>
/// </list>
/// </summary>
/// <param name="logger">The logger.</param>
public sealed class ExceptionHandlingMiddleware(ILogger<ExceptionHandlingMiddleware> logger) : IFunctionsWorkerMiddleware
{
    /// <inheritdoc />
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);

        try
        {
            await next(context);
        }
        catch (Exception ex)
        {
            var functionName = context.FunctionDefinition.Name;
            var http = context.GetHttpContext();
            if (http is null)
            {
                logger.FunctionFailed(ex, functionName, context.InvocationId);
                throw;
            }

            if (ex is OperationCanceledException && http.RequestAborted.IsCancellationRequested)
            {
                logger.FunctionCallerDisconnected(functionName, context.InvocationId);
                return;
            }

            if (http.Response.HasStarted)
            {
                logger.FunctionFailedAfterResponseStarted(ex, functionName, context.InvocationId);
                throw;
            }

            logger.FunctionFailed(ex, functionName, context.InvocationId);
            await WriteProblemAsync(http, context.InvocationId);
        }
    }

    private static Task WriteProblemAsync(HttpContext http, string invocationId)
    {
        http.Response.Clear();
        http.Response.StatusCode = StatusCodes.Status500InternalServerError;
        var problem = new ProblemDetails
        {
            Type = "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.1",
            Title = "An unexpected error occurred.",
            Status = StatusCodes.Status500InternalServerError,
            Detail = "The error has been logged. Quote the invocation id when reporting it.",
            Extensions = { ["invocationId"] = invocationId },
        };
        return http.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, MediaTypeNames.Application.ProblemJson, CancellationToken.None);
    }
}

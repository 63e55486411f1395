namespace MlConnector.Cli.Demo;

/// <summary>One order that could not be synced, as the operator sees it.</summary>
/// <param name="OrderNumber">The ShipStation order number.</param>
/// <param name="ErrorKind">The error class.</param>
/// <param name="Reason">The reason, naming what to fix.</param>
/// <param name="InstanceId">The failed workflow instance, to replay after the fix.</param>
internal sealed record DemoFailure(string OrderNumber, string ErrorKind, string Reason, string InstanceId);

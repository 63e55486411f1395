namespace MlConnector.Core.Workflows;

/// <summary>
/// Marks an activity that writes to a target system (creates or changes a QBO record, a UPS shipment or subscription, a
/// ShipStation order). <see cref="Engines.WorkflowActivityInvoker"/> refuses to run such an activity while its connection is
/// paused: the step fails with <see cref="Errors.ErrorKind.Paused"/> and its instance is held in <see cref="HeldWorkStore"/>
/// until the connection is resumed, which replays it once.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class TargetWriteAttribute : Attribute
{
    /// <summary>True when <paramref name="activityType"/> carries the attribute.</summary>
    /// <param name="activityType">The activity's type.</param>
    /// <returns>Whether it writes to a target system.</returns>
    public static bool IsOn(Type activityType)
    {
        ArgumentNullException.ThrowIfNull(activityType);
        return activityType.IsDefined(typeof(TargetWriteAttribute), inherit: false);
    }
}

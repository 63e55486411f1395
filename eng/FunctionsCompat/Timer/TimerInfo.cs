namespace Microsoft.Azure.Functions.Worker;

/// <summary>Timer invocation information (Worker.Extensions.Timer 4.3.1; not sealed).</summary>
public class TimerInfo
{
    public ScheduleStatus? ScheduleStatus { get; set; }

    public bool IsPastDue { get; set; }
}

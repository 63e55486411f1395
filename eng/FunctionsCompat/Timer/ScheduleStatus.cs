namespace Microsoft.Azure.Functions.Worker;

/// <summary>Schedule monitor status of a timer (Worker.Extensions.Timer 4.3.1).</summary>
public class ScheduleStatus
{
    public DateTime Last { get; set; }

    public DateTime Next { get; set; }

    public DateTime LastUpdated { get; set; }
}

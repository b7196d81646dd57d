namespace PolicyHub.DataGenerator;

/// <summary>The generator's clock: it stamps audit events with the simulated time of what they record.</summary>
public sealed class SimulatedClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}

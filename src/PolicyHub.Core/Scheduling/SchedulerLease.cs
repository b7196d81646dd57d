namespace PolicyHub.Core.Scheduling;

/// <summary>
/// A named lease in the database, so that of several Web instances only one runs a periodic job at a time.
/// The holder renews it while it works; if the holder dies, the lease runs out and another instance takes over.
/// </summary>
public sealed class SchedulerLease
{
    public required string Name { get; set; }
    public required string Holder { get; set; }
    public DateTime ExpiresAt { get; set; }
}

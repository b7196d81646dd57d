using Microsoft.EntityFrameworkCore;
using PolicyHub.Core.Scheduling;

namespace PolicyHub.Data.Web;

/// <summary>
/// Takes and releases a <see cref="SchedulerLease"/>: one conditional UPDATE (free, expired, or already ours),
/// or the first INSERT of the row; the primary key decides between two instances inserting at once.
/// </summary>
public sealed class DatabaseLease(PolicyHubDbContext db, TimeProvider time)
{
    public async Task<bool> TryAcquireAsync(string name, string holder, TimeSpan duration, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var until = now + duration;
        var taken = await db.SchedulerLeases.Where(l => l.Name == name && (l.ExpiresAt <= now || l.Holder == holder))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAt, until), ct);
        if (taken == 1)
        {
            return true;
        }

        if (await db.SchedulerLeases.AnyAsync(l => l.Name == name, ct))
        {
            return false;
        }

        try
        {
            db.SchedulerLeases.Add(new SchedulerLease { Name = name, Holder = holder, ExpiresAt = until });
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    public async Task ReleaseAsync(string name, string holder, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await db.SchedulerLeases.Where(l => l.Name == name && l.Holder == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, now), ct);
    }
}

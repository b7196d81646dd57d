using Microsoft.EntityFrameworkCore;
using PolicyHub.Core.Tenancy;

namespace PolicyHub.Data.Web;

/// <summary>
/// Every request carries a copy of its person's department and location, for the dashboard's counts by unit.
/// Requests get it when they are created (AudienceSync); when a person's unit changes, the requests follow in the
/// same save (<see cref="PolicyHubDbContext.SaveChangesAsync(bool, CancellationToken)"/> finds the moved people
/// itself), so no path that moves a person — the form, the CSV import, a future SCIM or API call — can forget it.
/// </summary>
internal static class RequestUnits
{
    private const int Chunk = 500;

    /// <summary>The people whose department or location this save changes.</summary>
    public static List<Guid> Moved(PolicyHubDbContext db)
        => db.ChangeTracker.Entries<Membership>()
            .Where(e => e.State == EntityState.Modified
                && (Changed(e.Property(m => m.DepartmentId)) || Changed(e.Property(m => m.LocationId))))
            .Select(e => e.Entity.Id)
            .ToList();

    /// <summary>Copies the saved department and location of these people onto all of their requests.</summary>
    public static async Task FollowAsync(PolicyHubDbContext db, IReadOnlyCollection<Guid> membershipIds, CancellationToken ct)
    {
        foreach (var ids in membershipIds.Chunk(Chunk))
        {
            await db.AcknowledgementRequests.Where(r => ids.Contains(r.MembershipId)).UpdateInTenantAsync(db, s => s
                .SetProperty(r => r.DepartmentId, r => db.Memberships.Where(m => m.Id == r.MembershipId).Select(m => m.DepartmentId).FirstOrDefault())
                .SetProperty(r => r.LocationId, r => db.Memberships.Where(m => m.Id == r.MembershipId).Select(m => m.LocationId).FirstOrDefault()), ct);
        }
    }

    private static bool Changed(Microsoft.EntityFrameworkCore.ChangeTracking.PropertyEntry<Membership, Guid?> property)
        => property.IsModified && property.OriginalValue != property.CurrentValue;
}

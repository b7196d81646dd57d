using Microsoft.EntityFrameworkCore;
using PolicyHub.Data.Web;

namespace PolicyHub.Web.Features.Campaigns;

/// <summary>
/// Every request carries a copy of its person's department and location, for the dashboard's counts by unit.
/// Requests get it when they are created (<see cref="AudienceSync"/>); whoever changes a person's unit calls
/// <see cref="FollowMembersAsync"/> in the same transaction, after saving the change.
/// </summary>
public static class RequestUnits
{
    private const int Chunk = 500;

    /// <summary>Copies the saved department and location of these people onto all of their requests.</summary>
    public static async Task FollowMembersAsync(this PolicyHubDbContext db, IReadOnlyCollection<Guid> membershipIds, CancellationToken ct)
    {
        foreach (var ids in membershipIds.Chunk(Chunk))
        {
            await db.AcknowledgementRequests.Where(r => ids.Contains(r.MembershipId)).UpdateInTenantAsync(db, s => s
                .SetProperty(r => r.DepartmentId, r => db.Memberships.Where(m => m.Id == r.MembershipId).Select(m => m.DepartmentId).FirstOrDefault())
                .SetProperty(r => r.LocationId, r => db.Memberships.Where(m => m.Id == r.MembershipId).Select(m => m.LocationId).FirstOrDefault()), ct);
        }
    }
}

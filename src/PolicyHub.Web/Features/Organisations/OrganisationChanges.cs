using System.Security.Claims;
using PolicyHub.Core.Audit;
using PolicyHub.Core.Text;

namespace PolicyHub.Web.Features.Organisations;

/// <summary>
/// Anyone signed in creates an organisation and becomes its administrator (and an employee): the organisation with
/// its audit chain (<see cref="PolicyHubDbContext.AddOrganisation"/>), the creator's membership and "member.joined",
/// in one transaction. A slug taken meanwhile comes back as the form's message.
/// </summary>
public sealed class CreateOrganisation(PolicyHubDbContext db, TimeProvider time, IStringLocalizer<SharedResource> l) : IStateChange
{
    public async Task<(Tenant? Organisation, string? Problem)> CreateAsync(CreateOrganisationModel model, ClaimsPrincipal creator, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var organisation = new Tenant { Slug = model.Slug, Name = TextRules.NormalizeName(model.Name)!, DefaultCulture = model.DefaultCulture, CreatedAt = now };
        var email = creator.FindFirst("email")?.Value ?? string.Empty;
        var membership = new Membership
        {
            Subject = creator.FindFirst("sub")!.Value,
            Email = email,
            NormalizedEmail = Membership.Normalize(email),
            DisplayName = creator.Identity?.Name ?? email,
            Roles = TenantRoles.Administrator | TenantRoles.Employee,
            Status = MembershipStatus.Active,
            InvitedAt = now,
            JoinedAt = now,
        };

        try
        {
            await db.InTransactionAsync(async token =>
            {
                db.AddOrganisation(organisation, membership.Id.ToString());
                db.Memberships.Add(membership);
                db.Audit(AuditEvents.MemberJoined(membership), membership.Id.ToString());
                return await db.SaveChangesAsync(token);
            }, ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Someone took the slug between validation and the insert (the unique index says so).
            db.ChangeTracker.Clear();
            return (null, l["This short name is already taken. Please choose another."]);
        }

        return (organisation, null);
    }
}

/// <summary>
/// An administrator changes the organisation's settings; the audit event lists what changed. A concurrent change
/// (the concurrency stamp the form was loaded with is stale) is refused with a message.
/// </summary>
public sealed class ChangeOrganisationSettings(PolicyHubDbContext db, TenantContext tenant, IStringLocalizer<SharedResource> l) : IStateChange
{
    /// <returns>Null when saved, else the message for the form.</returns>
    public async Task<string?> ChangeAsync(OrganisationSettingsModel model, CancellationToken ct)
    {
        try
        {
            await db.InTransactionAsync(async token =>
            {
                var organisation = await db.Tenants.SingleAsync(t => t.Id == tenant.Tenant.Id, token);
                db.Entry(organisation).Property(t => t.ConcurrencyStamp).OriginalValue = model.ConcurrencyStamp;
                var name = TextRules.NormalizeName(model.Name)!;
                var reminderDays = ReminderRules.Normalize(model.ReminderDaysBefore);
                db.Audit(AuditEvents.OrganisationSettingsChanged(organisation, name, model.DefaultCulture, model.FourEyesApproval, model.RequireTypedName,
                    reminderDays, model.OverdueReminderDays, model.ReviewReminderDays), tenant.Actor);
                organisation.Name = name;
                organisation.DefaultCulture = model.DefaultCulture;
                organisation.FourEyesApproval = model.FourEyesApproval;
                organisation.RequireTypedName = model.RequireTypedName;
                organisation.ReminderDaysBefore = reminderDays;
                organisation.OverdueReminderDays = model.OverdueReminderDays;
                organisation.ReviewReminderDays = model.ReviewReminderDays;
                organisation.ConcurrencyStamp = Guid.NewGuid();
                return await db.SaveChangesAsync(token);
            }, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return l["Someone else changed these settings meanwhile. Reload the page and try again."];
        }

        return null;
    }
}

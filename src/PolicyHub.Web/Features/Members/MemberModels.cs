using PolicyHub.ServiceDefaults.Validation;
using FluentValidation;

namespace PolicyHub.Web.Features.Members;

public sealed class MemberListQuery
{
    public string? Q { get; set; }
    public TenantRoles? Role { get; set; }
    public Guid? Department { get; set; }
    public Guid? Location { get; set; }
    public MembershipStatus? Status { get; set; }
    public int Page { get; set; } = 1;
}

public sealed record MemberRow(Guid Id, string DisplayName, string Email, TenantRoles Roles, string? Department, string? Location, MembershipStatus Status);

public sealed record Choice(Guid Id, string Name);

public sealed record MemberListModel(
    MemberListQuery Query, IReadOnlyList<MemberRow> Rows, int Total, int PageSize,
    IReadOnlyList<Choice> Departments, IReadOnlyList<Choice> Locations, bool CanManage)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>The fields an administrator sets for a person (invite and edit).</summary>
public class MemberFormModel
{
    public string DisplayName { get; set; } = string.Empty;
    public List<TenantRoles> Roles { get; set; } = [TenantRoles.Employee];
    public Guid? DepartmentId { get; set; }
    public Guid? LocationId { get; set; }

    /// <summary>Optional: where overdue acknowledgements are escalated when an assignment asks for it.</summary>
    public string? ManagerEmail { get; set; }

    // Filled by the controller for the form's drop-downs.
    public IReadOnlyList<Choice> Departments { get; set; } = [];
    public IReadOnlyList<Choice> Locations { get; set; } = [];

    public TenantRoles CombinedRoles => Roles.Aggregate(TenantRoles.None, (all, r) => all | r);
}

public sealed class InviteMemberModel : MemberFormModel
{
    public string Email { get; set; } = string.Empty;
}

public sealed class EditMemberModel : MemberFormModel
{
    public Guid Id { get; set; }
    public string Email { get; set; } = string.Empty;
    public MembershipStatus Status { get; set; }
    public DateTime? ErasedAt { get; set; }
    public DateTime? DeclinedAt { get; set; }
    public Guid ConcurrencyStamp { get; set; }
}

/// <summary>Rules shared by the invite and edit forms; department and location must belong to this organisation.</summary>
public static class MemberFormRules
{
    public static void Apply<T>(AbstractValidator<T> validator, IStringLocalizer l, PolicyHubDbContext db) where T : MemberFormModel
    {
        validator.RuleFor(m => m.DisplayName).ValidName(l, Limits.Name, () => l["Enter the person's name."]);
        validator.RuleFor(m => m.Roles).NotEmpty().WithMessage(_ => l["Choose at least one role."]);
        validator.RuleForEach(m => m.Roles).Must(r => TenantRoleList.All.Contains(r)).WithMessage(_ => l["Choose roles from the list."]);
        // The query filter limits these lookups to the current organisation: another organisation's id is "not found".
        validator.RuleFor(m => m.DepartmentId)
            .MustAsync(async (id, ct) => id is null || await db.Departments.AnyAsync(d => d.Id == id, ct))
            .WithMessage(_ => l["Choose a department from the list."]);
        validator.RuleFor(m => m.LocationId)
            .MustAsync(async (id, ct) => id is null || await db.Locations.AnyAsync(d => d.Id == id, ct))
            .WithMessage(_ => l["Choose a location from the list."]);
        validator.RuleFor(m => m.ManagerEmail).ValidEmail(l, Limits.Email).When(m => !string.IsNullOrWhiteSpace(m.ManagerEmail));
    }

    public static string? ManagerEmail(MemberFormModel model) => string.IsNullOrWhiteSpace(model.ManagerEmail) ? null : model.ManagerEmail.Trim();

    /// <summary>The name as it is stored (NFC, trimmed).</summary>
    public static string DisplayName(MemberFormModel model) => Core.Text.TextRules.NormalizeName(model.DisplayName)!;
}

public sealed class InviteMemberModelValidator : AbstractValidator<InviteMemberModel>
{
    public InviteMemberModelValidator(IStringLocalizer<SharedResource> l, PolicyHubDbContext db)
    {
        RuleFor(m => m.Email).NotEmpty().WithMessage(_ => l["Enter the person's email address."])
            .ValidEmail(l, Limits.Email)
            .MustAsync(async (email, ct) => !await db.Memberships.AnyAsync(m => m.NormalizedEmail == Membership.Normalize(email!), ct))
            .WithMessage(_ => l["This person is already a member or invited."]);
        MemberFormRules.Apply(this, l, db);
    }
}

public sealed class EditMemberModelValidator : AbstractValidator<EditMemberModel>
{
    public EditMemberModelValidator(IStringLocalizer<SharedResource> l, PolicyHubDbContext db) => MemberFormRules.Apply(this, l, db);
}

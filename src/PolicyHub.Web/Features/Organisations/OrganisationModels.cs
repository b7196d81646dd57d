using PolicyHub.ServiceDefaults.Validation;
using System.Text.RegularExpressions;
using FluentValidation;
using PolicyHub.ServiceDefaults.Localization;

namespace PolicyHub.Web.Features.Organisations;

public sealed class CreateOrganisationModel
{
    public string Name { get; set; } = string.Empty;
    public string Slug { get; set; } = string.Empty;
    public string DefaultCulture { get; set; } = "en";
}

public sealed partial class CreateOrganisationModelValidator : AbstractValidator<CreateOrganisationModel>
{
    /// <summary>Paths that must never be an organisation's slug.</summary>
    private static readonly string[] Reserved = ["new", "admin", "api", "account", "organisations", "invitations", "health", "error"];

    public CreateOrganisationModelValidator(IStringLocalizer<SharedResource> l, PolicyHubDbContext db)
    {
        RuleFor(m => m.Name).ValidName(l, Limits.Name, () => l["Enter the organisation's name."]);
        RuleFor(m => m.Slug).NotEmpty().WithMessage(_ => l["Enter a short name for web addresses."])
            .Matches(SlugPattern()).WithMessage(_ => l["Use 3 to 63 lower-case letters, digits and hyphens, starting and ending with a letter or digit."])
            .Must(s => !Reserved.Contains(s)).WithMessage(_ => l["This short name is reserved. Please choose another."])
            .MustAsync(async (slug, ct) => !await db.Tenants.AnyAsync(t => t.Slug == slug, ct))
            .WithMessage(_ => l["This short name is already taken. Please choose another."]);
        RuleFor(m => m.DefaultCulture).Must(Cultures.IsSupported).WithMessage(_ => l["Choose English or German."]);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")]
    public static partial Regex SlugPattern();
}

public sealed class OrganisationSettingsModel
{
    public string Name { get; set; } = string.Empty;
    public string DefaultCulture { get; set; } = "en";
    public bool FourEyesApproval { get; set; }
    public bool RequireTypedName { get; set; }
    public string? ReminderDaysBefore { get; set; }
    public int OverdueReminderDays { get; set; }
    public int ReviewReminderDays { get; set; }
    public Guid ConcurrencyStamp { get; set; }
}

public sealed class OrganisationSettingsModelValidator : AbstractValidator<OrganisationSettingsModel>
{
    public OrganisationSettingsModelValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(m => m.Name).ValidName(l, Limits.Name, () => l["Enter the organisation's name."]);
        RuleFor(m => m.DefaultCulture).Must(Cultures.IsSupported).WithMessage(_ => l["Choose English or German."]);
        ReminderRules.Apply(this, m => m.ReminderDaysBefore, m => m.OverdueReminderDays, l);
        RuleFor(m => m.ReviewReminderDays).InclusiveBetween(0, 30).WithMessage(_ => l["Choose between {0} and {1} days.", 0, 30]);
    }
}

/// <summary>The rules of a reminder schedule, shared by the organisation's defaults and each assignment.</summary>
public static class ReminderRules
{
    public static void Apply<T>(AbstractValidator<T> validator, System.Linq.Expressions.Expression<Func<T, string?>> daysBefore,
        System.Linq.Expressions.Expression<Func<T, int>> overdueEvery, IStringLocalizer l)
    {
        validator.RuleFor(daysBefore).Must(text => string.IsNullOrWhiteSpace(text) || Core.Acknowledgements.ReminderSchedule.TryParse(text, out _))
            .WithMessage(_ => l["Enter up to five numbers of days between 1 and {0}, separated by commas, for example 7, 1.", Core.Acknowledgements.ReminderSchedule.MaxDaysBefore]);
        validator.RuleFor(overdueEvery).InclusiveBetween(0, Core.Acknowledgements.ReminderSchedule.MaxOverdueEvery)
            .WithMessage(_ => l["Choose between {0} and {1} days.", 0, Core.Acknowledgements.ReminderSchedule.MaxOverdueEvery]);
    }

    /// <summary>The stored form: "7,1", or empty for no reminders before the due date.</summary>
    public static string Normalize(string? text)
        => Core.Acknowledgements.ReminderSchedule.TryParse(text, out var days) ? Core.Acknowledgements.ReminderSchedule.Format(days) : string.Empty;
}

public sealed record OrganisationHomeModel(string Slug, string Name, Core.Tenancy.TenantRoles Roles, int ActiveMembers, int InvitedMembers, Acknowledgements.InboxModel Inbox, RoleHomeCards Cards);

using System.Text.RegularExpressions;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PolicyHub.Data.Web;
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
        RuleFor(m => m.Name).NotEmpty().WithMessage(_ => l["Enter the organisation's name."])
            .MaximumLength(Limits.Name).WithMessage(_ => l["The name can have at most {0} characters.", Limits.Name]);
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
    public Guid ConcurrencyStamp { get; set; }
}

public sealed class OrganisationSettingsModelValidator : AbstractValidator<OrganisationSettingsModel>
{
    public OrganisationSettingsModelValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(m => m.Name).NotEmpty().WithMessage(_ => l["Enter the organisation's name."])
            .MaximumLength(Limits.Name).WithMessage(_ => l["The name can have at most {0} characters.", Limits.Name]);
        RuleFor(m => m.DefaultCulture).Must(Cultures.IsSupported).WithMessage(_ => l["Choose English or German."]);
    }
}

public sealed record OrganisationHomeModel(string Slug, string Name, Core.Tenancy.TenantRoles Roles, int ActiveMembers, int InvitedMembers);

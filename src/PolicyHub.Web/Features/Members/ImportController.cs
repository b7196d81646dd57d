using FluentValidation;

namespace PolicyHub.Web.Features.Members;

public sealed class ImportMembersModel
{
    public IFormFile? File { get; set; }
}

public sealed class ImportMembersModelValidator : AbstractValidator<ImportMembersModel>
{
    public const long MaxBytes = 2 * 1024 * 1024;

    public ImportMembersModelValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(m => m.File).NotNull().WithMessage(_ => l["Choose a CSV file."])
            .Must(f => f!.Length > 0).WithMessage(_ => l["The file is empty. The first line must name the columns: email, name, department, location, roles."])
            .Must(f => f!.Length <= MaxBytes).WithMessage(_ => l["The file is larger than 2 MB. Split it into several files."]);
    }
}

public sealed record ImportResultModel(IReadOnlyList<MemberCsvError> Errors, ImportSummary? Summary);

/// <summary>CSV import of people: every row is checked first; a file with any bad row imports nothing.</summary>
[Authorize]
[Route("o/{slug}/members/import")]
public sealed class ImportController(TenantContext tenant, MemberCsv csv, ImportMembers import, ServiceDefaults.Security.PublicOrigin origin, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("")]
    [TenantRole(Capabilities.ManagePeople)]
    public IActionResult Index() => View("Import", new ImportResultModel([], null));

    [HttpPost("")]
    [TenantRole(Capabilities.ManagePeople)]
    public async Task<IActionResult> Index(ImportMembersModel model, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return View("Import", new ImportResultModel([], null));
        }

        await using var stream = model.File!.OpenReadStream();
        var parsed = csv.Parse(stream);
        if (parsed.Errors.Count > 0)
        {
            ModelState.AddModelError(string.Empty, l["The file has {0} rows with problems. Nothing was imported; fix them and upload the file again.", parsed.Errors.Count]);
            return View("Import", new ImportResultModel(parsed.Errors, null));
        }

        var summary = await import.ImportAsync(tenant.Tenant, tenant.Membership, parsed.Rows, origin.Root(Request), cancellationToken);
        return View("Import", new ImportResultModel([], summary));
    }
}

using PolicyHub.Core.Policies;
using PolicyHub.Core.Templates;
using PolicyHub.Core.Text;

namespace PolicyHub.Web.Features.Templates;

/// <summary>A new template of the organisation, from the form or from a policy's latest text; records "template.created".</summary>
public sealed class CreateTemplate(PolicyHubDbContext db, TenantContext tenant, TimeProvider time) : IStateChange
{
    public async Task<OrganisationTemplate> CreateAsync(string title, string? category, string? description, string language, string body, Guid? fromPolicy, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var template = new OrganisationTemplate
        {
            Title = TextRules.NormalizeName(title)!, Category = TextRules.NormalizeName(category) ?? string.Empty, Description = description?.Trim() ?? string.Empty, Language = language,
            Body = ContentHash.Normalize(body), CreatedAt = now, UpdatedAt = now,
        };
        await db.InTransactionAsync(async token =>
        {
            db.OrganisationTemplates.Add(template);
            db.Audit(Core.Audit.AuditEvents.TemplateCreated(template, fromPolicy), tenant.Actor);
            return await db.SaveChangesAsync(token);
        }, ct);
        return template;
    }
}

/// <summary>Saves an edited template (refused when someone else saved it since the form was loaded); records "template.updated".</summary>
public sealed class EditTemplate(PolicyHubDbContext db, TenantContext tenant, TimeProvider time, IStringLocalizer<SharedResource> l) : IStateChange
{
    /// <returns>Null when saved, else the message for the form.</returns>
    public async Task<string?> EditAsync(OrganisationTemplate template, TemplateFormModel model, CancellationToken ct)
    {
        try
        {
            await db.InTransactionAsync(async token =>
            {
                db.Entry(template).Property(t => t.ConcurrencyStamp).OriginalValue = model.ConcurrencyStamp;
                template.Title = TextRules.NormalizeName(model.Title)!;
                template.Category = TextRules.NormalizeName(model.Category) ?? string.Empty;
                template.Description = model.Description?.Trim() ?? string.Empty;
                template.Language = model.Language;
                template.Body = ContentHash.Normalize(model.Body);
                template.UpdatedAt = time.GetUtcNow().UtcDateTime;
                template.ConcurrencyStamp = Guid.NewGuid();
                db.Audit(Core.Audit.AuditEvents.TemplateUpdated(template), tenant.Actor);
                return await db.SaveChangesAsync(token);
            }, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return l["Someone else changed this template meanwhile. Reload the page and try again."];
        }

        return null;
    }
}

/// <summary>Deletes a template of the organisation (policies made from it keep their text); records "template.deleted".</summary>
public sealed class DeleteTemplate(PolicyHubDbContext db, TenantContext tenant) : IStateChange
{
    public async Task<bool> DeleteAsync(Guid id, CancellationToken ct)
    {
        var template = await db.OrganisationTemplates.SingleOrDefaultAsync(t => t.Id == id, ct);
        if (template is null)
        {
            return false;
        }

        await db.InTransactionAsync(async token =>
        {
            db.OrganisationTemplates.Remove(template);
            db.Audit(Core.Audit.AuditEvents.TemplateDeleted(id), tenant.Actor);
            return await db.SaveChangesAsync(token);
        }, ct);
        return true;
    }
}

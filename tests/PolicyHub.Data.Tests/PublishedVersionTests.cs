using Microsoft.EntityFrameworkCore;
using PolicyHub.Core.Policies;
using PolicyHub.Core.Tenancy;
using PolicyHub.Data.Web;
using PolicyHub.Testing;

namespace PolicyHub.Data.Tests;

/// <summary>Whatever code path tries it, the text of a published version does not change.</summary>
public sealed class PublishedVersionTests
{
    [Theory]
    [InlineData("markdown")]
    [InlineData("html")]
    [InlineData("hash")]
    [InlineData("delete")]
    public async Task SaveChanges_PublishedVersionTextChangedOrDeleted_IsRefused(string change)
    {
        await using var database = await TestDatabase.CreateAsync();
        var tenant = await database.CreateTenantAsync("acme");
        var versionId = await PublishAsync(database, tenant.Id);

        await using var db = database.NewContext(tenant.Id);
        var version = await db.PolicyVersions.SingleAsync(v => v.Id == versionId);
        switch (change)
        {
            case "markdown": version.Markdown += " (edited)"; break;
            case "html": version.Html = "<p>other</p>"; break;
            case "hash": version.ContentHash = new byte[32]; break;
            case "delete": db.PolicyVersions.Remove(version); break;
        }

        await Assert.ThrowsAsync<PublishedVersionImmutableException>(() => db.SaveChangesAsync());
        await using var check = database.NewContext(tenant.Id);
        var stored = await check.PolicyVersions.SingleAsync(v => v.Id == versionId);
        Assert.Equal("# Rules\n\nBe kind.", stored.Markdown);
        Assert.Equal(ContentHash.Compute(stored.Markdown), stored.ContentHash);
    }

    [Theory]
    [InlineData("markdown")]
    [InlineData("hash")]
    [InlineData("delete")]
    public async Task SaveChanges_PublishedTranslationChangedOrDeleted_IsRefused(string change)
    {
        await using var database = await TestDatabase.CreateAsync();
        var tenant = await database.CreateTenantAsync("acme");
        var versionId = await PublishAsync(database, tenant.Id);
        await using (var setup = database.NewContext(tenant.Id))
        {
            setup.PolicyTranslations.Add(new PolicyTranslation
            {
                PolicyVersionId = versionId, Language = "de", Markdown = "# Regeln", Html = "<h1>Regeln</h1>", ContentHash = ContentHash.Compute("# Regeln"),
            });
            await setup.SaveChangesAsync();
        }

        await using var db = database.NewContext(tenant.Id);
        var translation = await db.PolicyTranslations.SingleAsync();
        switch (change)
        {
            case "markdown": translation.Markdown += " (geändert)"; break;
            case "hash": translation.ContentHash = new byte[32]; break;
            case "delete": db.PolicyTranslations.Remove(translation); break;
        }

        await Assert.ThrowsAsync<PublishedVersionImmutableException>(() => db.SaveChangesAsync());
        await using var check = database.NewContext(tenant.Id);
        Assert.Equal("# Regeln", (await check.PolicyTranslations.SingleAsync()).Markdown);
    }

    [Fact]
    public async Task SaveChanges_PublishedVersionSuperseded_IsAllowed()
    {
        await using var database = await TestDatabase.CreateAsync();
        var tenant = await database.CreateTenantAsync("acme");
        var versionId = await PublishAsync(database, tenant.Id);

        await using var db = database.NewContext(tenant.Id);
        var version = await db.PolicyVersions.SingleAsync(v => v.Id == versionId);
        version.Status = PolicyVersionStatus.Superseded;
        await db.SaveChangesAsync();

        await using var check = database.NewContext(tenant.Id);
        Assert.Equal(PolicyVersionStatus.Superseded, (await check.PolicyVersions.SingleAsync()).Status);
    }

    private static async Task<Guid> PublishAsync(TestDatabase database, Guid tenantId)
    {
        await using var db = database.NewContext(tenantId);
        var owner = new Membership { Email = "o@example.test", NormalizedEmail = "O@EXAMPLE.TEST", DisplayName = "Owner", Roles = TenantRoles.PolicyManager, Status = MembershipStatus.Active };
        var policy = new Policy { Title = "Social media", Category = "Social media", OwnerId = owner.Id };
        const string markdown = "# Rules\n\nBe kind.";
        var version = new PolicyVersion
        {
            PolicyId = policy.Id, Number = 1, Markdown = markdown, AuthorId = owner.Id, Status = PolicyVersionStatus.Draft,
        };
        db.AddRange(owner, policy, version);
        await db.SaveChangesAsync();

        version.Html = PolicyMarkdown.ToSafeHtml(markdown);
        version.ContentHash = ContentHash.Compute(markdown);
        version.Status = PolicyVersionStatus.Published;
        await db.SaveChangesAsync();
        return version.Id;
    }
}

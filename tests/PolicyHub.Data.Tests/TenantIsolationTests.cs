using Microsoft.EntityFrameworkCore;
using PolicyHub.Core.Tenancy;
using PolicyHub.Data.Database;
using PolicyHub.Data.Web;
using PolicyHub.Testing;

namespace PolicyHub.Data.Tests;

public sealed class TenantIsolationTests
{
    [Fact]
    public async Task QueryFilter_TwoContextsForTwoTenants_EachSeesOnlyItsOwnRows()
    {
        await using var database = await TestDatabase.CreateAsync();
        var acme = await database.CreateTenantAsync("acme");
        var globex = await database.CreateTenantAsync("globex");
        await AddDepartmentAsync(database, acme.Id, "Sales");
        await AddDepartmentAsync(database, globex.Id, "Legal");

        await using var acmeDb = database.NewContext(acme.Id);
        await using var globexDb = database.NewContext(globex.Id);

        // Interleaved on purpose: a filter that captured the first tenant would leak it into the second context.
        Assert.Equal(["Sales"], await acmeDb.Departments.Select(d => d.Name).ToListAsync());
        Assert.Equal(["Legal"], await globexDb.Departments.Select(d => d.Name).ToListAsync());
        Assert.Equal(["Sales"], await acmeDb.Departments.Select(d => d.Name).ToListAsync());
        Assert.All(await globexDb.AuditEvents.ToListAsync(), e => Assert.Equal(globex.Id, e.TenantId));
    }

    [Fact]
    public async Task QueryFilter_NoCurrentTenant_SeesNoTenantRows()
    {
        await using var database = await TestDatabase.CreateAsync();
        var acme = await database.CreateTenantAsync("acme");
        await AddDepartmentAsync(database, acme.Id, "Sales");

        await using var db = database.NewContext();

        Assert.Empty(await db.Departments.ToListAsync());
        Assert.Empty(await db.AuditEvents.ToListAsync());
    }

    [Fact]
    public async Task BulkUpdate_OnlyTouchesTheCurrentOrganisation_EvenWithTheFilterOff_AndNeedsOne()
    {
        await using var database = await TestDatabase.CreateAsync();
        var acme = await database.CreateTenantAsync("acme");
        var globex = await database.CreateTenantAsync("globex");
        await AddDepartmentAsync(database, acme.Id, "Sales");
        await AddDepartmentAsync(database, globex.Id, "Legal");

        await using (var acmeDb = database.NewContext(acme.Id))
        {
            var changed = await acmeDb.Departments.IgnoreQueryFilters([PolicyHubDbContext.TenantFilter])
                .UpdateInTenantAsync(acmeDb, s => s.SetProperty(d => d.Name, "Renamed"), CancellationToken.None);
            Assert.Equal(1, changed);
        }

        await using (var nobody = database.NewContext())
        {
            await Assert.ThrowsAsync<TenantIsolationException>(() =>
                nobody.Departments.UpdateInTenantAsync(nobody, s => s.SetProperty(d => d.Name, "Everyone"), CancellationToken.None));
        }

        await using var globexDb = database.NewContext(globex.Id);
        Assert.Equal(["Legal"], await globexDb.Departments.Select(d => d.Name).ToListAsync());
        await using var acmeAfter = database.NewContext(acme.Id);
        Assert.Equal(["Renamed"], await acmeAfter.Departments.Select(d => d.Name).ToListAsync());
    }

    [Fact]
    public async Task SaveChanges_NewRowWithoutTenant_IsStampedWithTheCurrentOne()
    {
        await using var database = await TestDatabase.CreateAsync();
        var acme = await database.CreateTenantAsync("acme");

        await using var db = database.NewContext(acme.Id);
        var department = new Department { Name = "Sales" };
        db.Departments.Add(department);
        await db.SaveChangesAsync();

        Assert.Equal(acme.Id, department.TenantId);
    }

    [Fact]
    public async Task SaveChanges_RowOfAnotherTenant_IsRefusedAndNothingIsWritten()
    {
        await using var database = await TestDatabase.CreateAsync();
        var acme = await database.CreateTenantAsync("acme");
        var globex = await database.CreateTenantAsync("globex");

        await using var db = database.NewContext(acme.Id);
        db.Departments.Add(new Department { Name = "Smuggled", TenantId = globex.Id });

        await Assert.ThrowsAsync<TenantIsolationException>(() => db.SaveChangesAsync());
        await using var check = database.NewContext(globex.Id);
        Assert.Empty(await check.Departments.ToListAsync());
    }

    [Fact]
    public async Task SaveChanges_MovingARowToAnotherTenant_IsRefused()
    {
        await using var database = await TestDatabase.CreateAsync();
        var acme = await database.CreateTenantAsync("acme");
        var globex = await database.CreateTenantAsync("globex");
        await AddDepartmentAsync(database, acme.Id, "Sales");

        await using var db = database.NewContext(acme.Id);
        var department = await db.Departments.SingleAsync();
        department.TenantId = globex.Id;

        await Assert.ThrowsAsync<TenantIsolationException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task SaveChanges_TenantRowWithoutCurrentTenant_IsRefused()
    {
        await using var database = await TestDatabase.CreateAsync();
        var acme = await database.CreateTenantAsync("acme");

        await using var db = database.NewContext();
        db.Departments.Add(new Department { Name = "Sales", TenantId = acme.Id });

        await Assert.ThrowsAsync<TenantIsolationException>(() => db.SaveChangesAsync());
    }

    private static async Task AddDepartmentAsync(TestDatabase database, Guid tenant, string name)
    {
        await using var db = database.NewContext(tenant);
        db.Departments.Add(new Department { Name = name });
        await db.SaveChangesAsync();
    }
}

using Microsoft.Extensions.DependencyInjection;
using PolicyHub.Core.Tenancy;
using PolicyHub.Data.Web;

namespace PolicyHub.IntegrationTests;

/// <summary>CSV import through the page, as an administrator of Demo GmbH.</summary>
public sealed class MemberImportTests(LiveServersFixture fixture) : IClassFixture<LiveServersFixture>
{
    private LiveServers Servers => fixture.Servers;

    [Fact]
    public async Task Import_FileWithBadRows_ReportsEachWithItsLineAndImportsNothing()
    {
        using var admin = await fixture.DemoBrowserAsync("admin");
        var before = await CountsAsync();
        var csv = """
            email,name,department,location,roles
            good.one@example.test,Good One,Sales,Berlin,Employee
            not-an-email,Bad Email,Sales,Berlin,Employee
            good.two@example.test,,Sales,Berlin,Employee
            good.one@example.test,Twice,Sales,Berlin,Employee
            good.three@example.test,Good Three,Sales,Berlin,Wizard
            """;
        var page = await admin.GetAsync($"{Servers.WebUrl}/o/demo/members/import");

        var result = await admin.UploadAsync(page, "main form", "File", "people.csv", Encoding.UTF8.GetBytes(csv));

        var errors = result.Document.QuerySelectorAll("#import-errors tbody tr")
            .Select(r => (Line: r.Children[0].TextContent, Problem: r.Children[1].TextContent)).ToList();
        Assert.Equal(["3", "4", "5", "6"], errors.Select(e => e.Line));
        Assert.Contains("'not-an-email' is not a valid email address.", errors[0].Problem, StringComparison.Ordinal);
        Assert.Contains("The name is missing.", errors[1].Problem, StringComparison.Ordinal);
        Assert.Contains("appears twice in the file (first on line 2)", errors[2].Problem, StringComparison.Ordinal);
        Assert.Contains("Unknown role: Wizard.", errors[3].Problem, StringComparison.Ordinal);
        Assert.Contains("Nothing was imported", result.Text, StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());
    }

    public static TheoryData<string, string, int> BadFiles => new()
    {
        // name, expected message (start), expected line
        { "unbalanced quote", "This line could not be read as CSV: a quote (\") is not closed", 3 },
        { "Latin-1", "The file is not saved as UTF-8", 1 },
        { "empty", "The file is empty.", 0 },
        { "only a byte order mark", "The file is empty.", 1 },
        { "NUL", "The file contains NUL characters", 3 },
        { "3 MB", "The file is larger than 2 MB.", 0 },
        { "zero-width name", "The name is missing.", 2 },
        { "direction override", "Name: Remove the characters that override the writing direction", 2 },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task Import_BrokenFile_IsExplainedAndImportsNothing(string kind, string message, int line)
    {
        using var admin = await fixture.DemoBrowserAsync("admin");
        var before = await CountsAsync();
        const string header = "email,name,department,location,roles\n";
        var file = kind switch
        {
            "unbalanced quote" => Encoding.UTF8.GetBytes(header + "ok.one@example.test,Ok One,Sales,Berlin,Employee\nbad@example.test,\"Quote Never Closed,Sales,Berlin,Employee\nok.two@example.test,Ok Two,Sales,Berlin,Employee\n"),
            "Latin-1" => Encoding.Latin1.GetBytes(header + "juergen@example.test,Jürgen Groß,Sales,Berlin,Employee\n"),
            "empty" => [],
            "only a byte order mark" => [0xEF, 0xBB, 0xBF, (byte)'\n'],
            "NUL" => Encoding.UTF8.GetBytes(header + "ok.one@example.test,Ok One,Sales,Berlin,Employee\nnul@example.test,Nul\0Name,Sales,Berlin,Employee\n"),
            "3 MB" => Encoding.UTF8.GetBytes(header + string.Concat(Enumerable.Range(0, 60_000).Select(i => $"person.{i}@example.test,Person {i},Sales,Berlin,Employee\n"))),
            "zero-width name" => Encoding.UTF8.GetBytes(header + "zw@example.test,\u200B\u200C,Sales,Berlin,Employee\n"),
            _ => Encoding.UTF8.GetBytes(header + "rlo@example.test,Evil\u202Eeman,Sales,Berlin,Employee\n"),
        };

        var result = await admin.UploadAsync(await admin.GetAsync($"{Servers.WebUrl}/o/demo/members/import"), "main form", "File", "people.csv", file);

        Assert.Equal(System.Net.HttpStatusCode.OK, result.Status);
        var rows = result.Document.QuerySelectorAll("#import-errors tbody tr").Select(r => (Line: r.Children[0].TextContent, Problem: r.Children[1].TextContent)).ToList();
        if (line == 0)
        {
            Assert.Contains(result.ErrorMessages, m => m.StartsWith(message, StringComparison.Ordinal));
        }
        else
        {
            var row = Assert.Single(rows);
            Assert.Equal(line.ToString(System.Globalization.CultureInfo.InvariantCulture), row.Line);
            Assert.StartsWith(message, row.Problem, StringComparison.Ordinal);
        }

        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Import_SameGoodFileTwice_InvitesOnceAndChangesNothingTheSecondTime()
    {
        using var admin = await fixture.DemoBrowserAsync("admin");
        var suffix = Guid.NewGuid().ToString("N")[..8];
        // Semicolon-separated, as German Excel writes it; roles with "|"; a new department is created on the way.
        var csv = $"""
            email;name;department;location;roles
            ida.{suffix}@example.test;Ida Import;Sales;Berlin;Employee
            jan.{suffix}@example.test;Jan Import;Research {suffix};Munich;PolicyManager|Employee
            """;
        var before = await CountsAsync();

        var first = await admin.UploadAsync(await admin.GetAsync($"{Servers.WebUrl}/o/demo/members/import"), "main form", "File", "people.csv", Encoding.UTF8.GetBytes(csv));
        Assert.Contains("Import finished: 2 invited, 0 updated, 0 unchanged.", first.Find("#import-summary")?.TextContent, StringComparison.Ordinal);
        var second = await admin.UploadAsync(await admin.GetAsync($"{Servers.WebUrl}/o/demo/members/import"), "main form", "File", "people.csv", Encoding.UTF8.GetBytes(csv));
        Assert.Contains("Import finished: 0 invited, 0 updated, 2 unchanged.", second.Find("#import-summary")?.TextContent, StringComparison.Ordinal);

        var after = await CountsAsync();
        Assert.Equal(before.Members + 2, after.Members);
        Assert.Equal(before.Emails + 2, after.Emails);
        var jan = await fixture.InTenantAsync("demo", db => db.Memberships.AsNoTracking().Include(m => m.Department).SingleAsync(m => m.Email == $"jan.{suffix}@example.test"));
        Assert.Equal(TenantRoles.PolicyManager | TenantRoles.Employee, jan.Roles);
        Assert.Equal($"Research {suffix}", jan.Department?.Name);
        Assert.Equal(MembershipStatus.Invited, jan.Status);
        var invitation = await Servers.WaitForEmailAsync($"ida.{suffix}@example.test");
        Assert.Equal("Demo GmbH lädt Sie zu PolicyHub ein", invitation.Subject); // Demo GmbH writes in German
    }

    [Fact]
    public async Task Import_ManagerColumn_SetsAndClearsManagerEmails_WithoutItTheyStay()
    {
        using var admin = await fixture.DemoBrowserAsync("admin");
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var email = $"kim.{suffix}@example.test";
        async Task<string> ImportAsync(string csv)
            => (await admin.UploadAsync(await admin.GetAsync($"{Servers.WebUrl}/o/demo/members/import"), "main form", "File", "people.csv", Encoding.UTF8.GetBytes(csv)))
                .Find("#import-summary")?.TextContent ?? string.Empty;
        Task<string?> ManagerAsync() => fixture.InTenantAsync("demo", db => db.Memberships.Where(m => m.Email == email).Select(m => m.ManagerEmail).SingleAsync());

        Assert.Contains("1 invited", await ImportAsync($"email,name,department,location,roles,manager\n{email},Kim Import,Sales,Berlin,Employee,lead@example.test"), StringComparison.Ordinal);
        Assert.Equal("lead@example.test", await ManagerAsync());
        Assert.Contains("1 unchanged", await ImportAsync($"email,name,department,location,roles\n{email},Kim Import,Sales,Berlin,Employee"), StringComparison.Ordinal);
        Assert.Equal("lead@example.test", await ManagerAsync());
        Assert.Contains("1 updated", await ImportAsync($"email,name,department,location,roles,manager\n{email},Kim Import,Sales,Berlin,Employee,"), StringComparison.Ordinal);
        Assert.Null(await ManagerAsync());

        var bad = await admin.UploadAsync(await admin.GetAsync($"{Servers.WebUrl}/o/demo/members/import"), "main form", "File", "people.csv",
            Encoding.UTF8.GetBytes($"email,name,department,location,roles,manager\n{email},Kim Import,Sales,Berlin,Employee,not-a-manager"));
        Assert.Contains("'not-a-manager' is not a valid email address.", bad.Text, StringComparison.Ordinal);
        Assert.Null(await ManagerAsync());
    }

    [Fact]
    public async Task Import_NoFile_AsksForOne()
    {
        using var admin = await fixture.DemoBrowserAsync("admin");
        var page = await admin.GetAsync($"{Servers.WebUrl}/o/demo/members/import");

        var result = await admin.SubmitAsync(page, "main form", []);

        Assert.Contains("Choose a CSV file.", result.ErrorMessages);
    }

    private async Task<(int Members, int Emails)> CountsAsync()
    {
        var members = await fixture.InTenantAsync("demo", db => db.Memberships.CountAsync());
        await using var scope = Servers.Web.Services.CreateAsyncScope();
        var emails = await scope.ServiceProvider.GetRequiredService<PolicyHubDbContext>().OutboxMessages.CountAsync();
        return (members, emails);
    }
}

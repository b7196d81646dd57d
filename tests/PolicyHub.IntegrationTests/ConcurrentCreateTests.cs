namespace PolicyHub.IntegrationTests;

/// <summary>
/// Identical creates sent at the same moment: each passes the form's "already taken" check before any of them is
/// written, the unique index stops all but one, and those get the form's own message — never an error page.
/// </summary>
public sealed class ConcurrentCreateTests(LiveServersFixture fixture) : IClassFixture<LiveServersFixture>
{
    private LiveServers Servers => fixture.Servers;

    [Fact]
    public async Task FiveIdenticalCreates_AtOnce_OneRowAndFourMessages()
    {
        using var admin = await fixture.DemoBrowserAsync("admin");
        var token = await admin.AntiforgeryTokenAsync($"{Servers.WebUrl}/o/demo");
        var name = $"Parallel {Guid.NewGuid():N}"[..20];
        var email = $"parallel-{Guid.NewGuid():N}@example.test";

        var departments = await SendFiveAsync(admin, $"{Servers.WebUrl}/o/demo/departments", new() { ["Name"] = name, ["__RequestVerificationToken"] = token });
        var invitations = await SendFiveAsync(admin, $"{Servers.WebUrl}/o/demo/members/invite",
            new() { ["Email"] = email, ["DisplayName"] = "Parallel Person", ["Roles"] = "Employee", ["__RequestVerificationToken"] = token });

        foreach (var (answers, message) in new[] { (departments, "This name is already in use."), (invitations, "This person is already a member or invited.") })
        {
            Assert.All(answers, a => Assert.True(a.Status < 500, $"answered {a.Status}"));
            Assert.Single(answers, a => a.Status == (int)HttpStatusCode.Found);
            Assert.Equal(4, answers.Count(a => a.Status == (int)HttpStatusCode.OK && a.Body.Contains(message, StringComparison.Ordinal)));
        }

        Assert.Equal(1, await fixture.InTenantAsync("demo", db => db.Departments.CountAsync(d => d.Name == name)));
        Assert.Equal(1, await fixture.InTenantAsync("demo", db => db.Memberships.CountAsync(m => m.Email == email)));
    }

    private static async Task<List<(int Status, string Body)>> SendFiveAsync(TestBrowser browser, string url, Dictionary<string, string> form)
    {
        using var start = new SemaphoreSlim(0);
        var sends = Enumerable.Range(0, 5).Select(async _ =>
        {
            await start.WaitAsync();
            using var response = await browser.Http.PostAsync(url, new FormUrlEncodedContent(form));
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }).ToList();
        start.Release(5);
        return [.. await Task.WhenAll(sends)];
    }
}

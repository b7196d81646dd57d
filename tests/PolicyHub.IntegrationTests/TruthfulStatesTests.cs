namespace PolicyHub.IntegrationTests;

/// <summary>Pages say what is true when there is nothing to count or the question is invalid (issue 17, part 3).</summary>
public sealed class TruthfulStatesTests(LiveServersFixture fixture) : IClassFixture<LiveServersFixture>
{
    private LiveServers Servers => fixture.Servers;

    [Fact]
    public async Task Coverage_OfAPolicyNobodyIsAskedToAcknowledge_SaysNoAssignmentYet_NotZeroOfZero()
    {
        using var hr = await fixture.DemoBrowserAsync("hr");
        using var approver = await fixture.DemoBrowserAsync("approver");
        using var officer = await fixture.DemoBrowserAsync("compliance");
        await fixture.PublishBlankPolicyAsync(hr, approver, "Unassigned rules");

        var page = await officer.GetAsync($"{Servers.WebUrl}/o/demo/compliance");

        var row = page.Document.QuerySelectorAll("#coverage-table tbody tr").Single(r => r.TextContent.Contains("Unassigned rules", StringComparison.Ordinal));
        Assert.NotNull(row.QuerySelector(".no-assignment"));
        Assert.DoesNotContain("0 / 0", row.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditTrail_WithAnInvalidFilter_ShowsTheErrorAndTheRealLatestCheckpoint()
    {
        using var officer = await fixture.DemoBrowserAsync("compliance");
        var trail = await officer.GetAsync($"{Servers.WebUrl}/o/demo/audit");
        await officer.SubmitAsync(trail, "form[action$='/audit/checkpoint']", []);

        var invalid = await officer.GetAsync($"{Servers.WebUrl}/o/demo/audit?from=2026-12-10&to=2026-12-01");

        Assert.Contains("The end date must not be before the start date.", invalid.ErrorMessages);
        Assert.Contains("Latest signed checkpoint: event", invalid.Find("#checkpoint")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("No signed checkpoint yet.", invalid.Text, StringComparison.Ordinal);
    }
}

using PolicyHub.Core.Tenancy;

namespace PolicyHub.IntegrationTests;

/// <summary>
/// Invitations need the invited person's consent: signing in binds nothing; the person sees who invites them where
/// and chooses Join or Decline, and either choice is recorded in the organisation's audit trail.
/// </summary>
public sealed class InvitationConsentTests(LiveServersFixture fixture) : IClassFixture<LiveServersFixture>
{
    private LiveServers Servers => fixture.Servers;

    [Fact]
    public async Task SigningIn_BindsNothing_UntilThePersonChoosesJoin()
    {
        var (email, id) = await InviteNewAccountAsync("Ida Invited");
        using var person = LiveServers.NewBrowser("de");

        var home = await Servers.SignInToWebAsync(person, email, LiveServersFixture.Password, joinInvitations: false);

        Assert.Equal($"{Servers.WebUrl}/", home.Url);
        Assert.Contains($"{AdminName} lädt Sie ein, Demo GmbH beizutreten", home.Find("#invitations")?.TextContent, StringComparison.Ordinal);
        var waiting = await MembershipAsync(id);
        Assert.Equal(MembershipStatus.Invited, waiting.Status);
        Assert.Null(waiting.Subject);
        Assert.Equal(["member.invited"], await EventsAsync(id));

        // The organisation's pages lead to the invitation, not into the organisation.
        var deepLink = await person.GetAsync($"{Servers.WebUrl}/o/demo?from=mail");
        Assert.StartsWith($"{Servers.WebUrl}/invitations?org=demo", deepLink.Url, StringComparison.Ordinal);
        Assert.NotNull(deepLink.Find($"form[action='/invitations/{id}/join']"));
        Assert.Null((await MembershipAsync(id)).Subject);

        // Someone else's invitation cannot be answered.
        var (_, otherId) = await InviteNewAccountAsync("Otto Other");
        var token = await person.AntiforgeryTokenAsync($"{Servers.WebUrl}/invitations");
        using (var foreign = await person.PostRawAsync($"{Servers.WebUrl}/invitations/{otherId}/join", new() { ["__RequestVerificationToken"] = token }))
        {
            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        }

        Assert.Equal(MembershipStatus.Invited, (await MembershipAsync(otherId)).Status);

        var joined = await person.SubmitAsync(deepLink, $"form[action='/invitations/{id}/join']", []);

        Assert.Equal($"{Servers.WebUrl}/o/demo?from=mail", joined.Url);
        Assert.Contains("Willkommen bei Demo GmbH! Sie sind jetzt Mitglied.", joined.Text, StringComparison.Ordinal);
        var member = await MembershipAsync(id);
        Assert.Equal(MembershipStatus.Active, member.Status);
        Assert.NotNull(member.Subject);
        Assert.Equal(["member.invited", "member.joined"], await EventsAsync(id));
        Assert.Equal(id.ToString(), await fixture.InTenantAsync("demo", db => db.AuditEvents.Where(e => e.EntityId == id.ToString() && e.Action == "member.joined").Select(e => e.Actor).SingleAsync()));
        Assert.Null((await person.GetAsync($"{Servers.WebUrl}/")).Find("#invitations"));
    }

    [Fact]
    public async Task Decline_LeavesThePersonOut_IsAudited_AndTheAdministratorCanInviteAgain()
    {
        var (email, id) = await InviteNewAccountAsync("Dana Declines");
        using var person = LiveServers.NewBrowser();
        var home = await Servers.SignInToWebAsync(person, email, LiveServersFixture.Password, joinInvitations: false);
        Assert.Contains($"You are invited to join Demo GmbH by {AdminName}", home.Find("#invitations")?.TextContent, StringComparison.Ordinal);

        var declined = await person.SubmitAsync(home, $"form[action='/invitations/{id}/decline']", []);

        Assert.Equal($"{Servers.WebUrl}/", declined.Url);
        Assert.Contains("You declined the invitation to Demo GmbH.", declined.Text, StringComparison.Ordinal);
        Assert.Null(declined.Find("#invitations"));
        var member = await MembershipAsync(id);
        Assert.Equal(MembershipStatus.Declined, member.Status);
        Assert.Null(member.Subject);
        Assert.NotNull(member.DeclinedAt);
        Assert.Equal(["member.invited", "member.invitation_declined"], await EventsAsync(id));
        Assert.Equal(HttpStatusCode.Forbidden, (await person.GetAsync($"{Servers.WebUrl}/o/demo")).Status);

        // Declining twice, or joining after declining, finds no open invitation.
        var token = await person.AntiforgeryTokenAsync($"{Servers.WebUrl}/invitations");
        using (var again = await person.PostRawAsync($"{Servers.WebUrl}/invitations/{id}/join", new() { ["__RequestVerificationToken"] = token }))
        {
            Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        }

        // The administrator sees the answer and may send the invitation again.
        using var admin = await fixture.DemoBrowserAsync("admin");
        var list = await admin.GetAsync($"{Servers.WebUrl}/o/demo/members?status=Declined");
        Assert.Contains("Dana Declines", list.Find("#member-table")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("Dana Declines declined the invitation on", (await admin.GetAsync($"{Servers.WebUrl}/o/demo/members/{id}")).Find("#declined-note")?.TextContent, StringComparison.Ordinal);
        await admin.SubmitAsync(await admin.GetAsync($"{Servers.WebUrl}/o/demo/members/{id}"), $"form[action='/o/demo/members/{id}/resend-invitation']", []);
        Assert.Equal(MembershipStatus.Invited, (await MembershipAsync(id)).Status);
        Assert.Equal(["member.invited", "member.invitation_declined", "member.invitation_resent"], await EventsAsync(id));
        Assert.NotNull((await person.GetAsync($"{Servers.WebUrl}/")).Find($"form[action='/invitations/{id}/join']"));
    }

    [Fact]
    public async Task InvitationPage_WithoutAnInvitation_SaysSoAndOffersTheWayBack()
    {
        var email = await fixture.CreateConfirmedAccountAsync("Nora Nobody");
        using var person = LiveServers.NewBrowser();
        await Servers.SignInToWebAsync(person, email, LiveServersFixture.Password, joinInvitations: false);

        var page = await person.GetAsync($"{Servers.WebUrl}/invitations/accept?org=demo");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains($"There is no open invitation for {email}.", page.Find("#no-invitation")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await person.GetAsync($"{Servers.WebUrl}/o/demo")).Status);
    }

    private static string AdminName => PolicyHub.Demo.DemoPeople.All.First(p => p.Email.StartsWith("admin@", StringComparison.Ordinal)).Name;

    /// <summary>A confirmed account, and its invitation to Demo GmbH sent by the demo administrator through the invite page.</summary>
    private async Task<(string Email, Guid Id)> InviteNewAccountAsync(string name)
    {
        var email = await fixture.CreateConfirmedAccountAsync(name);
        using var admin = await fixture.DemoBrowserAsync("admin");
        var sent = await admin.SubmitAsync(await admin.GetAsync($"{Servers.WebUrl}/o/demo/members/invite"), "main form", new() { ["Email"] = email, ["DisplayName"] = name });
        Assert.Empty(sent.ErrorMessages);
        return (email, await fixture.InTenantAsync("demo", db => db.Memberships.Where(m => m.Email == email).Select(m => m.Id).SingleAsync()));
    }

    private Task<Membership> MembershipAsync(Guid id) => fixture.InTenantAsync("demo", db => db.Memberships.AsNoTracking().SingleAsync(m => m.Id == id));

    private Task<List<string>> EventsAsync(Guid id)
        => fixture.InTenantAsync("demo", db => db.AuditEvents.AsNoTracking().Where(e => e.EntityId == id.ToString()).OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync());
}

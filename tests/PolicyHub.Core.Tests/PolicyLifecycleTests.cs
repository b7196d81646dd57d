using PolicyHub.Core.Policies;
using PolicyHub.Core.Tenancy;
using static PolicyHub.Core.Policies.PolicyAction;
using static PolicyHub.Core.Policies.PolicyVersionStatus;
using static PolicyHub.Core.Tenancy.TenantRoles;

namespace PolicyHub.Core.Tests;

/// <summary>Every action from every status, for every role, with four-eyes on and off.</summary>
public sealed class PolicyLifecycleTests
{
    private static readonly Guid AuthorId = Guid.NewGuid();

    public static TheoryData<PolicyAction, PolicyVersionStatus, TenantRoles, bool> Matrix()
    {
        var data = new TheoryData<PolicyAction, PolicyVersionStatus, TenantRoles, bool>();
        foreach (var action in Enum.GetValues<PolicyAction>())
        {
            foreach (var status in Enum.GetValues<PolicyVersionStatus>())
            {
                foreach (var role in TenantRoleList.All)
                {
                    foreach (var fourEyes in new[] { true, false })
                    {
                        data.Add(action, status, role, fourEyes);
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Check_EveryActionStatusRoleAndSetting_FollowsTheRules(PolicyAction action, PolicyVersionStatus status, TenantRoles role, bool fourEyes)
    {
        var otherPerson = new Membership { Email = "x@example.test", NormalizedEmail = "X@EXAMPLE.TEST", DisplayName = "X", Roles = role };
        var version = new PolicyVersion { Status = status, AuthorId = AuthorId };

        var refusal = PolicyLifecycle.Check(action, version, otherPerson, fourEyes);

        var expectedStatus = action switch
        {
            EditDraft or Submit => Draft,
            Approve or Reject => InReview,
            _ => Approved,
        };
        var expectedRoles = action is Approve or Reject ? Approver | Administrator : PolicyManager | Administrator;
        var expected = status != expectedStatus ? LifecycleRefusal.WrongStatus
            : (role & expectedRoles) == 0 ? LifecycleRefusal.WrongRole
            : LifecycleRefusal.None;
        Assert.Equal(expected, refusal);
    }

    [Theory]
    [InlineData(true, LifecycleRefusal.OwnDraft)]
    [InlineData(false, LifecycleRefusal.None)]
    public void Approve_OwnDraft_IsRefusedOnlyWithFourEyes(bool fourEyes, LifecycleRefusal expected)
    {
        var author = new Membership { Email = "a@example.test", NormalizedEmail = "A@EXAMPLE.TEST", DisplayName = "A", Roles = PolicyManager | Approver };
        var version = new PolicyVersion { Status = InReview, AuthorId = author.Id };

        Assert.Equal(expected, PolicyLifecycle.Check(Approve, version, author, fourEyes));
        Assert.Equal(LifecycleRefusal.None, PolicyLifecycle.Check(Reject, version, author, fourEyes));
    }

    [Theory]
    [InlineData(Submit, InReview)]
    [InlineData(Approve, Approved)]
    [InlineData(Reject, Draft)]
    [InlineData(Publish, Published)]
    [InlineData(EditDraft, Draft)]
    public void Next_Action_LeadsToStatus(PolicyAction action, PolicyVersionStatus expected)
        => Assert.Equal(expected, PolicyLifecycle.Next(action));

    [Theory]
    [InlineData(Draft, false)]
    [InlineData(InReview, false)]
    [InlineData(Approved, false)]
    [InlineData(Published, true)]
    [InlineData(Superseded, true)]
    [InlineData(PolicyVersionStatus.Retired, true)]
    public void IsImmutable_Status_FreezesTheTextFromPublicationOn(PolicyVersionStatus status, bool frozen)
        => Assert.Equal(frozen, PolicyLifecycle.IsImmutable(status));

    [Fact]
    public void NextReview_TwelveMonthCycle_IsOneYearAfterPublication()
        => Assert.Equal(new DateTime(2027, 11, 28, 9, 0, 0, DateTimeKind.Utc), PolicyLifecycle.NextReview(new DateTime(2026, 11, 28, 9, 0, 0, DateTimeKind.Utc), 12));
}

using PolicyHub.Core.Tenancy;

namespace PolicyHub.Core.Acknowledgements;

/// <summary>
/// How one person did on one version's comprehension check: how many times they handed in answers and when
/// they first answered every question right. The answers of each try are not kept.
/// </summary>
public sealed class ComprehensionResult : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid MembershipId { get; set; }
    public Guid PolicyVersionId { get; set; }
    public int Attempts { get; set; }
    public DateTime? PassedAt { get; set; }

    /// <summary>The fingerprint of the questions passed (see <see cref="Policies.ComprehensionHash"/>).</summary>
    public byte[]? QuestionsHash { get; set; }

    public DateTime UpdatedAt { get; set; }
}

namespace PolicyHub.Web.Features.Audit;

/// <summary>Every audit action PolicyHub writes, for the trail's filter: the catalog in Core (<see cref="Core.Audit.AuditEvents"/>).</summary>
public static class AuditCatalog
{
    public static readonly IReadOnlyList<string> Actions = Core.Audit.AuditEvents.Names.All;
}

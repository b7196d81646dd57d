using System.Reflection;
using System.Text.RegularExpressions;
using PolicyHub.Web.Features.Tenancy;

namespace PolicyHub.Web.Features.Audit;

/// <summary>Every audit action the Web app writes (collected from the features' action constants), for the trail's filter.</summary>
public static partial class AuditCatalog
{
    public const string Exported = "audit.exported";

    private static readonly string[] UnitKinds = ["department", "location"];

    public static readonly IReadOnlyList<string> Actions = Collect();

    private static List<string> Collect()
        => typeof(AuditCatalog).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && f.FieldType == typeof(string)))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Where(v => ActionPattern().IsMatch(v))
            .Concat(UnitKinds.SelectMany(kind => new[] { AuditActions.UnitCreated(kind), AuditActions.UnitRenamed(kind), AuditActions.UnitDeleted(kind) }))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

    [GeneratedRegex("^(organisation|member|members|template|policy|assignment|acknowledgement|reminder|audit|evidence|api_client)\\.[a-z_]+$")]
    private static partial Regex ActionPattern();
}

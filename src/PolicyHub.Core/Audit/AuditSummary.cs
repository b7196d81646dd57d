using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PolicyHub.Core.Audit;

/// <summary>
/// The descriptive copies an audit event carries beside its hashed payload, for the trail pages: a one-line
/// summary to search in, and the policy it concerns. Both are derived from the payload only, so they hold no
/// more than the payload does (no names or emails).
/// </summary>
public static class AuditSummary
{
    public const int MaxLength = 1000;

    /// <summary>"policy.version_published · PolicyVersion 0192… · number=2, material=true".</summary>
    public static string Describe(string action, string entityType, string entityId, JsonObject data)
    {
        var text = new StringBuilder().Append(action).Append(" · ").Append(entityType).Append(' ').Append(entityId);
        var parts = data.Select(p => $"{p.Key}={Flatten(p.Value)}").ToList();
        if (parts.Count > 0)
        {
            text.Append(" · ").AppendJoin(", ", parts);
        }

        return text.Length <= MaxLength ? text.ToString() : text.ToString(0, MaxLength);
    }

    /// <summary>The policy an event concerns: a Policy entity, or a "policy" id in its data.</summary>
    public static Guid? PolicyOf(string entityType, string entityId, JsonObject data)
    {
        if (entityType == "Policy" && Guid.TryParse(entityId, out var id))
        {
            return id;
        }

        return data.TryGetPropertyValue("policy", out var node) && node is JsonValue value && value.TryGetValue<string>(out var text) && Guid.TryParse(text, out var policy)
            ? policy : null;
    }

    private static string Flatten(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value => value.ToJsonString(),
        JsonArray array => "[" + string.Join(", ", array.Select(Flatten)) + "]",
        JsonObject obj => "{" + string.Join(", ", obj.Select(p => $"{p.Key}={Flatten(p.Value)}")) + "}",
        _ => node.ToJsonString(),
    };

    /// <summary>Reads the summary and policy back from a stored payload (for events written before these columns existed).</summary>
    public static (string Summary, Guid? PolicyId) FromPayload(ReadOnlySpan<byte> payload)
    {
        var document = JsonNode.Parse(payload)!.AsObject();
        var entity = document["entity"]!.AsObject();
        var data = document["data"] as JsonObject ?? [];
        var type = entity["type"]!.GetValue<string>();
        var id = entity["id"]!.GetValue<string>();
        return (Describe(document["action"]!.GetValue<string>(), type, id, data), PolicyOf(type, id, data));
    }
}

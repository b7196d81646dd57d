using System.Text.Json;

namespace PolicyHub.Core.Audit;

/// <summary>The outcome of walking one organisation's chain.</summary>
public sealed record AuditVerification(bool IsValid, long EventsChecked, long? FirstBrokenSequence, string? Problem)
{
    public static AuditVerification Valid(long count) => new(true, count, null, null);

    public static AuditVerification Broken(long checkedSoFar, long position, string problem) => new(false, checkedSoFar, position, problem);
}

/// <summary>
/// Walks a chain in sequence order and reports the first broken link: a gap, a swapped or inserted event,
/// a wrong previous hash, a hash that does not match the stored bytes, or columns that disagree with the payload.
/// </summary>
public static class AuditChainVerifier
{
    public static AuditVerification Verify(Guid tenantId, IEnumerable<AuditEvent> eventsInSequenceOrder, AuditChainHead? head = null)
    {
        var expected = 1L;
        var previous = AuditHashing.Genesis;
        foreach (var e in eventsInSequenceOrder)
        {
            var checkedSoFar = expected - 1;
            if (e.TenantId != tenantId)
            {
                return AuditVerification.Broken(checkedSoFar, expected, $"event {e.Sequence} belongs to another organisation");
            }

            if (e.Sequence != expected)
            {
                return AuditVerification.Broken(checkedSoFar, expected, $"expected sequence {expected}, found {e.Sequence} (an event is missing, inserted or out of order)");
            }

            if (!e.PreviousHash.AsSpan().SequenceEqual(previous))
            {
                return AuditVerification.Broken(checkedSoFar, expected, "the previous hash does not match the hash of the event before");
            }

            var hash = AuditHashing.ComputeHash(tenantId, e.Sequence, e.PreviousHash, e.Payload);
            if (!hash.AsSpan().SequenceEqual(e.Hash))
            {
                return AuditVerification.Broken(checkedSoFar, expected, "the hash does not match the event's contents");
            }

            if (DescribedDifferently(e, tenantId) is { } difference)
            {
                return AuditVerification.Broken(checkedSoFar, expected, difference);
            }

            previous = e.Hash;
            expected++;
        }

        if (head is not null && (head.LastSequence != expected - 1 || !head.LastHash.AsSpan().SequenceEqual(previous)))
        {
            return AuditVerification.Broken(expected - 1, expected, $"the chain ends at {expected - 1} but its head says {head.LastSequence} (events at the end are missing)");
        }

        return AuditVerification.Valid(expected - 1);
    }

    private static string? DescribedDifferently(AuditEvent e, Guid tenantId)
    {
        try
        {
            using var document = JsonDocument.Parse(e.Payload);
            var root = document.RootElement;
            var entity = root.GetProperty("entity");
            var same = root.GetProperty("tenant").GetString() == tenantId.ToString("D")
                && root.GetProperty("action").GetString() == e.Action
                && root.GetProperty("actor").GetString() == e.Actor
                && root.GetProperty("at").GetString() == AuditHashing.FormatTime(e.OccurredAt)
                && entity.GetProperty("type").GetString() == e.EntityType
                && entity.GetProperty("id").GetString() == e.EntityId;
            return same ? null : "the event's columns do not match its hashed payload";
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return "the payload is not the expected JSON";
        }
    }
}

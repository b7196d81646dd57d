using System.Globalization;
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
        var tenantText = tenantId.ToString("D");
        Span<byte> hash = stackalloc byte[AuditHashing.HashLength];
        Span<char> time = stackalloc char[32];
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

            AuditHashing.ComputeHash(tenantId, e.Sequence, e.PreviousHash, e.Payload, hash);
            if (!hash.SequenceEqual(e.Hash))
            {
                return AuditVerification.Broken(checkedSoFar, expected, "the hash does not match the event's contents");
            }

            if (DescribedDifferently(e, tenantText, time) is { } difference)
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

    /// <summary>The payload's descriptive fields against the columns, read with Utf8JsonReader (no document, no strings).</summary>
    private static string? DescribedDifferently(AuditEvent e, string tenantText, Span<char> time)
    {
        if (!DateTime.SpecifyKind(e.OccurredAt, DateTimeKind.Utc).TryFormat(time, out var written, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture))
        {
            return "the event's time cannot be written";
        }

        var at = time[..written];
        bool tenant = false, action = false, actor = false, occurred = false, entityType = false, entityId = false;
        try
        {
            var reader = new Utf8JsonReader(e.Payload);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return "the payload is not the expected JSON";
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.ValueSpan;
                reader.Read();
                var isString = reader.TokenType == JsonTokenType.String;
                if (name.SequenceEqual("tenant"u8))
                {
                    tenant = isString && reader.ValueTextEquals(tenantText);
                }
                else if (name.SequenceEqual("action"u8))
                {
                    action = isString && reader.ValueTextEquals(e.Action);
                }
                else if (name.SequenceEqual("actor"u8))
                {
                    actor = isString && reader.ValueTextEquals(e.Actor);
                }
                else if (name.SequenceEqual("at"u8))
                {
                    occurred = isString && reader.ValueTextEquals(at);
                }
                else if (name.SequenceEqual("entity"u8) && reader.TokenType == JsonTokenType.StartObject)
                {
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        var field = reader.ValueSpan;
                        reader.Read();
                        if (field.SequenceEqual("type"u8))
                        {
                            entityType = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(e.EntityType);
                        }
                        else if (field.SequenceEqual("id"u8))
                        {
                            entityId = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(e.EntityId);
                        }
                        else
                        {
                            reader.Skip();
                        }
                    }
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            return "the payload is not the expected JSON";
        }

        return tenant && action && actor && occurred && entityType && entityId ? null : "the event's columns do not match its hashed payload";
    }
}

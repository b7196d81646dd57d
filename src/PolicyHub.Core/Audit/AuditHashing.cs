using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PolicyHub.Core.Audit;

/// <summary>
/// The audit chain's byte-level rules (docs/audit-verification.md specifies them for outside verifiers):
/// canonical JSON payloads and hash = SHA-256(prefix ‖ 0x00 ‖ tenant ‖ sequence ‖ previous hash ‖ SHA-256(payload)).
/// </summary>
public static class AuditHashing
{
    public const string DomainPrefix = "PolicyHub/audit-event/v1";
    public const int HashLength = 32;

    private static readonly byte[] Prefix = [.. Encoding.ASCII.GetBytes(DomainPrefix), 0];

    /// <summary>The hash of "no previous event": 32 zero bytes.</summary>
    public static byte[] Genesis => new byte[HashLength];

    public static byte[] ComputeHash(Guid tenantId, long sequence, ReadOnlySpan<byte> previousHash, ReadOnlySpan<byte> payload)
    {
        var hash = new byte[HashLength];
        ComputeHash(tenantId, sequence, previousHash, payload, hash);
        return hash;
    }

    /// <summary>The same into <paramref name="destination"/> (32 bytes), without allocating.</summary>
    public static void ComputeHash(Guid tenantId, long sequence, ReadOnlySpan<byte> previousHash, ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        if (previousHash.Length != HashLength)
        {
            throw new ArgumentException("The previous hash must be 32 bytes.", nameof(previousHash));
        }

        Span<byte> buffer = stackalloc byte[Prefix.Length + 16 + 8 + HashLength + HashLength];
        var offset = 0;
        Prefix.CopyTo(buffer);
        offset += Prefix.Length;
        tenantId.TryWriteBytes(buffer[offset..], bigEndian: true, out _);
        offset += 16;
        BinaryPrimitives.WriteInt64BigEndian(buffer[offset..], sequence);
        offset += 8;
        previousHash.CopyTo(buffer[offset..]);
        offset += HashLength;
        SHA256.HashData(payload, buffer[offset..]);
        SHA256.HashData(buffer, destination);
    }

    /// <summary>
    /// The payload as stored and hashed: the event's descriptive fields plus its data, as JSON with object keys
    /// sorted by ordinal comparison, no insignificant whitespace, UTF-8.
    /// </summary>
    public static byte[] CanonicalPayload(Guid tenantId, DateTime occurredAtUtc, string actor, string action, string entityType, string entityId, JsonObject data)
    {
        var document = new JsonObject
        {
            ["action"] = action,
            ["actor"] = actor,
            ["at"] = FormatTime(occurredAtUtc),
            ["data"] = data.DeepClone(),
            ["entity"] = new JsonObject { ["id"] = entityId, ["type"] = entityType },
            ["tenant"] = tenantId.ToString("D"),
        };
        return Canonicalize(document);
    }

    public static string FormatTime(DateTime utc)
        => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static byte[] Canonicalize(JsonNode node)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false }))
        {
            Write(writer, node);
        }

        return stream.ToArray();
    }

    private static void Write(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    Write(writer, value);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }
}

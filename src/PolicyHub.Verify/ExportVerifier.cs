using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace PolicyHub.Verify;

/// <summary>The outcome: OK, or the first problem with the sequence number where it was found.</summary>
public sealed record Verdict(bool Ok, long Events, long? FailedAt, string Message);

/// <summary>
/// Checks a PolicyHub audit export (JSON Lines, format policyhub-audit-export/v1) from its bytes alone, as
/// docs/audit-verification.md specifies: every event's hash recomputed from its payload, the descriptive
/// fields against the payload, sequence order and continuity, the link to the previous event, and — for a
/// complete export — that it starts at the genesis and ends at the head the export names.
/// </summary>
public static class ExportVerifier
{
    public const string Format = "policyhub-audit-export/v1";
    public const string DomainPrefix = "PolicyHub/audit-event/v1";
    public const string CheckpointPrefix = "PolicyHub/audit-checkpoint/v1";

    private static readonly byte[] EventPrefix = [.. Encoding.ASCII.GetBytes(DomainPrefix), 0];

    /// <summary>Verifies an export; <paramref name="trustedKeys"/> is the key document from the well-known URL (null: use the export's own keys, and say so).</summary>
    public static Verdict Verify(TextReader reader, TextReader? trustedKeys = null)
    {
        var headerLine = reader.ReadLine();
        if (string.IsNullOrWhiteSpace(headerLine))
        {
            return Fail(0, null, "The file is empty: no header line.");
        }

        Guid tenant;
        bool complete;
        Dictionary<string, Key> keys;
        long headSequence;
        byte[] headHash;
        try
        {
            using var header = JsonDocument.Parse(headerLine);
            var root = header.RootElement;
            if (root.GetProperty("format").GetString() != Format || root.GetProperty("type").GetString() != "header")
            {
                return Fail(0, null, $"The first line is not a {Format} header.");
            }

            tenant = Guid.Parse(root.GetProperty("tenant").GetString()!, CultureInfo.InvariantCulture);
            complete = root.GetProperty("complete").GetBoolean();
            headSequence = root.GetProperty("head").GetProperty("sequence").GetInt64();
            headHash = Convert.FromHexString(root.GetProperty("head").GetProperty("hash").GetString()!);
            keys = Key.ReadAll(trustedKeys is null ? root : JsonDocument.Parse(trustedKeys.ReadToEnd()).RootElement);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or FormatException or InvalidOperationException or System.Security.Cryptography.CryptographicException)
        {
            return Fail(0, null, $"The header line (or the key document) cannot be read: {ex.Message}");
        }

        var checkpoints = new Dictionary<long, Checkpoint>();
        Checkpoint? latest = null;

        long count = 0, last = 0;
        byte[]? lastHash = null;
        string? line;
        var lineNumber = 1;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            if (line.Contains("\"type\":\"checkpoint\"", StringComparison.Ordinal))
            {
                Checkpoint checkpoint;
                try
                {
                    checkpoint = Checkpoint.Parse(line);
                }
                catch (Exception ex) when (ex is JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
                {
                    return Fail(count, null, $"Line {lineNumber} is not a readable checkpoint: {ex.Message}");
                }

                if (checkpoint.Problem(tenant, keys) is { } problem)
                {
                    return Fail(count, checkpoint.Sequence, $"Checkpoint at event {checkpoint.Sequence}: {problem}");
                }

                if (latest is not null && checkpoint.SignedAt >= latest.SignedAt && checkpoint.Sequence < latest.Sequence)
                {
                    return Fail(count, checkpoint.Sequence, $"The checkpoint signed at {checkpoint.SignedAtText} names event {checkpoint.Sequence}, before the earlier checkpoint's event {latest.Sequence}: the chain went backwards.");
                }

                latest = checkpoint.SignedAt >= (latest?.SignedAt ?? DateTimeOffset.MinValue) ? checkpoint : latest;
                checkpoints[checkpoint.Sequence] = checkpoint;
                continue;
            }

            Event e;
            try
            {
                e = Event.Parse(line);
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
            {
                return Fail(count, last + 1, $"Line {lineNumber} is not a readable event: {ex.Message}");
            }

            if (e.Sequence <= last)
            {
                return Fail(count, e.Sequence, $"Event {e.Sequence} comes after event {last}: events are out of order or repeated.");
            }

            if (complete && e.Sequence != last + 1)
            {
                return Fail(count, last + 1, $"Event {last + 1} is missing (the next event in the file is {e.Sequence}).");
            }

            if (e.PreviousHash.Length != 32 || e.Hash.Length != 32)
            {
                return Fail(count, e.Sequence, $"Event {e.Sequence} has a hash that is not 32 bytes.");
            }

            if (e.Sequence == 1 && !e.PreviousHash.AsSpan().SequenceEqual(new byte[32]))
            {
                return Fail(count, e.Sequence, "Event 1 does not start from the genesis (32 zero bytes).");
            }

            if (lastHash is not null && e.Sequence == last + 1 && !e.PreviousHash.AsSpan().SequenceEqual(lastHash))
            {
                return Fail(count, e.Sequence, $"Event {e.Sequence} does not link to event {last}: its previous hash differs from that event's hash.");
            }

            if (!ComputeHash(tenant, e.Sequence, e.PreviousHash, e.Payload).AsSpan().SequenceEqual(e.Hash))
            {
                return Fail(count, e.Sequence, $"Event {e.Sequence}: the hash does not match its payload (the event was altered).");
            }

            if (e.Describes(tenant) is { } mismatch)
            {
                return Fail(count, e.Sequence, $"Event {e.Sequence}: {mismatch} differs between the line and the hashed payload.");
            }

            if (checkpoints.TryGetValue(e.Sequence, out var signed))
            {
                if (!signed.Hash.AsSpan().SequenceEqual(e.Hash))
                {
                    return Fail(count, e.Sequence, $"Event {e.Sequence} differs from the signed checkpoint of {signed.SignedAtText}: the chain was rewritten.");
                }

                signed.Matched = true;
            }

            count++;
            last = e.Sequence;
            lastHash = e.Hash;
        }

        if (complete && checkpoints.Values.FirstOrDefault(c => !c.Matched) is { } unmatched)
        {
            return Fail(count, unmatched.Sequence, $"The checkpoint of {unmatched.SignedAtText} names event {unmatched.Sequence}, which is not in this complete export.");
        }

        if (complete && (last != headSequence || !(lastHash ?? new byte[32]).AsSpan().SequenceEqual(headHash)))
        {
            return Fail(count, last + 1, $"The export ends at event {last}, but its header names the head as event {headSequence}: events are missing at the end.");
        }

        var scope = complete ? $"the complete trail up to the head {headSequence}" : "a filtered part of the trail (each event and every consecutive link checked)";
        var signatures = checkpoints.Count == 0 ? "no signed checkpoints"
            : $"{checkpoints.Values.Count(c => c.Matched)} of {checkpoints.Count} signed checkpoints match the chain" + (trustedKeys is null ? " (keys taken from the export itself; pass --keys with the published keys for an independent check)" : string.Empty);
        return new Verdict(true, count, null, $"OK: {count} events of organisation {tenant} verify; {scope}; {signatures}.");
    }

    /// <summary>SHA-256("PolicyHub/audit-event/v1" 0x00 ‖ tenant (16 bytes, big-endian) ‖ sequence (int64, big-endian) ‖ previous hash ‖ SHA-256(payload)).</summary>
    public static byte[] ComputeHash(Guid tenant, long sequence, byte[] previousHash, byte[] payload)
    {
        Span<byte> buffer = stackalloc byte[EventPrefix.Length + 16 + 8 + 32 + 32];
        EventPrefix.CopyTo(buffer);
        var offset = EventPrefix.Length;
        tenant.TryWriteBytes(buffer[offset..], bigEndian: true, out _);
        offset += 16;
        BinaryPrimitives.WriteInt64BigEndian(buffer[offset..], sequence);
        offset += 8;
        previousHash.CopyTo(buffer[offset..]);
        offset += 32;
        SHA256.HashData(payload, buffer[offset..]);
        return SHA256.HashData(buffer);
    }

    private static Verdict Fail(long checkedEvents, long? at, string message) => new(false, checkedEvents, at, "FAILED: " + message);

    /// <summary>The bytes a checkpoint signature covers: prefix ‖ 0x00 ‖ tenant ‖ sequence ‖ hash ‖ signed-at (Unix ms) ‖ key id.</summary>
    public static byte[] CheckpointMessage(Guid tenant, long sequence, byte[] hash, DateTimeOffset signedAt, string keyId)
    {
        var prefix = Encoding.ASCII.GetBytes(CheckpointPrefix);
        var key = Encoding.UTF8.GetBytes(keyId);
        var buffer = new byte[prefix.Length + 1 + 16 + 8 + 32 + 8 + key.Length];
        prefix.CopyTo(buffer, 0);
        var offset = prefix.Length + 1;
        tenant.TryWriteBytes(buffer.AsSpan(offset), bigEndian: true, out _);
        offset += 16;
        BinaryPrimitives.WriteInt64BigEndian(buffer.AsSpan(offset), sequence);
        offset += 8;
        hash.CopyTo(buffer, offset);
        offset += 32;
        BinaryPrimitives.WriteInt64BigEndian(buffer.AsSpan(offset), signedAt.ToUnixTimeMilliseconds());
        offset += 8;
        key.CopyTo(buffer, offset);
        return buffer;
    }

    private sealed record Key(string Id, byte[] PublicKey, DateTimeOffset ValidFrom, DateTimeOffset? ValidTo)
    {
        public static Dictionary<string, Key> ReadAll(JsonElement document)
        {
            var keys = new Dictionary<string, Key>(StringComparer.Ordinal);
            if (!document.TryGetProperty("keys", out var list))
            {
                return keys;
            }

            foreach (var key in list.EnumerateArray())
            {
                if (key.GetProperty("algorithm").GetString() != "ES256")
                {
                    continue;
                }

                var validTo = key.TryGetProperty("validTo", out var to) && to.ValueKind == JsonValueKind.String ? DateTimeOffset.Parse(to.GetString()!, CultureInfo.InvariantCulture) : (DateTimeOffset?)null;
                keys[key.GetProperty("id").GetString()!] = new Key(key.GetProperty("id").GetString()!, Convert.FromBase64String(key.GetProperty("publicKey").GetString()!),
                    DateTimeOffset.Parse(key.GetProperty("validFrom").GetString()!, CultureInfo.InvariantCulture), validTo);
            }

            return keys;
        }
    }

    private sealed record Checkpoint(long Sequence, byte[] Hash, DateTimeOffset SignedAt, string SignedAtText, string KeyId, byte[] Signature)
    {
        public bool Matched { get; set; }

        public static Checkpoint Parse(string line)
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var signedAt = root.GetProperty("signedAt").GetString()!;
            return new Checkpoint(root.GetProperty("sequence").GetInt64(), Convert.FromHexString(root.GetProperty("hash").GetString()!),
                DateTimeOffset.Parse(signedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal), signedAt, root.GetProperty("keyId").GetString()!,
                root.GetProperty("signature").GetBytesFromBase64());
        }

        /// <summary>Why this checkpoint cannot be trusted, or null: unknown key, outside its validity, a signature that does not verify.</summary>
        public string? Problem(Guid tenant, Dictionary<string, Key> keys)
        {
            if (!keys.TryGetValue(KeyId, out var key))
            {
                return $"it is signed with the unknown key \"{KeyId}\".";
            }

            if (SignedAt < key.ValidFrom || (key.ValidTo is { } to && SignedAt >= to))
            {
                return $"it was signed at {SignedAtText}, outside the validity of key \"{KeyId}\".";
            }

            using var ecdsa = ECDsa.Create();
            ecdsa.ImportSubjectPublicKeyInfo(key.PublicKey, out _);
            return ecdsa.VerifyData(CheckpointMessage(tenant, Sequence, Hash, SignedAt, KeyId), Signature, HashAlgorithmName.SHA256)
                ? null : "its signature does not verify (forged or altered).";
        }
    }

    private sealed record Event(long Sequence, string OccurredAt, string Actor, string Action, string EntityType, string EntityId, byte[] Payload, byte[] PreviousHash, byte[] Hash)
    {
        public static Event Parse(string line)
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.GetProperty("type").GetString() != "event")
            {
                throw new FormatException("its type is not \"event\"");
            }

            return new Event(
                root.GetProperty("sequence").GetInt64(), root.GetProperty("occurredAt").GetString()!, root.GetProperty("actor").GetString()!,
                root.GetProperty("action").GetString()!, root.GetProperty("entityType").GetString()!, root.GetProperty("entityId").GetString()!,
                root.GetProperty("payload").GetBytesFromBase64(), Convert.FromHexString(root.GetProperty("previousHash").GetString()!),
                Convert.FromHexString(root.GetProperty("hash").GetString()!));
        }

        /// <summary>The first descriptive field that does not match the payload, or null.</summary>
        public string? Describes(Guid tenant)
        {
            using var payload = JsonDocument.Parse(Payload);
            var root = payload.RootElement;
            if (root.GetProperty("tenant").GetString() != tenant.ToString("D"))
            {
                return "the organisation";
            }

            if (root.GetProperty("action").GetString() != Action)
            {
                return "the action";
            }

            if (root.GetProperty("actor").GetString() != Actor)
            {
                return "the actor";
            }

            if (root.GetProperty("at").GetString() != OccurredAt)
            {
                return "the time";
            }

            var entity = root.GetProperty("entity");
            return entity.GetProperty("type").GetString() != EntityType || entity.GetProperty("id").GetString() != EntityId ? "the entity" : null;
        }
    }
}

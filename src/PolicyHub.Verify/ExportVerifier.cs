using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
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

    /// <summary>
    /// Verifies an export read as text. A <see cref="StreamReader"/> is read as the UTF-8 bytes underneath it (the
    /// export's encoding); any other reader is read whole, which suits small inputs.
    /// </summary>
    public static Verdict Verify(TextReader reader, TextReader? trustedKeys = null)
    {
        if (reader is StreamReader streamReader)
        {
            return Verify(streamReader.BaseStream, trustedKeys);
        }

        using var bytes = new MemoryStream(Encoding.UTF8.GetBytes(reader.ReadToEnd()));
        return Verify(bytes, trustedKeys);
    }

    /// <summary>
    /// Verifies an export (UTF-8 JSON Lines); <paramref name="trustedKeys"/> is the key document from the
    /// well-known URL (null: use the export's own keys, and say so). Event lines are read as UTF-8 bytes without
    /// allocating per event: the time goes to hashing, not to garbage (docs/benchmarks.md).
    /// </summary>
    public static Verdict Verify(Stream export, TextReader? trustedKeys = null)
    {
        using var lines = new Utf8LineReader(export);
        if (!lines.TryRead(out var headerBytes) || headerBytes.Trim(" \t"u8).IsEmpty)
        {
            return Fail(0, null, "The file is empty: no header line.");
        }

        var headerLine = Encoding.UTF8.GetString(headerBytes);
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
        var lastHash = new byte[32];
        var haveLast = false;
        var tenantText = Encoding.ASCII.GetBytes(tenant.ToString("D"));
        Span<byte> previousHash = stackalloc byte[32];
        Span<byte> hash = stackalloc byte[32];
        Span<byte> computed = stackalloc byte[32];
        var payload = new PooledBuffer();
        try
        {
            var lineNumber = 1;
            while (lines.TryRead(out var line))
            {
                lineNumber++;
                if (line.IsEmpty)
                {
                    continue;
                }

                // Event lines begin with their type (as PolicyHub writes them): no need to search the rest of the line.
                if (!line.StartsWith("{\"type\":\"event\","u8) && line.IndexOf("\"type\":\"checkpoint\""u8) >= 0)
                {
                    Checkpoint checkpoint;
                    try
                    {
                        checkpoint = Checkpoint.Parse(line.ToArray());
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

                EventLine e;
                int previousLength, hashLength;
                try
                {
                    e = EventLine.Parse(line, payload, previousHash, hash, out previousLength, out hashLength);
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

                if (previousLength != 32 || hashLength != 32)
                {
                    return Fail(count, e.Sequence, $"Event {e.Sequence} has a hash that is not 32 bytes.");
                }

                if (e.Sequence == 1 && previousHash.ContainsAnyExcept((byte)0))
                {
                    return Fail(count, e.Sequence, "Event 1 does not start from the genesis (32 zero bytes).");
                }

                if (haveLast && e.Sequence == last + 1 && !previousHash.SequenceEqual(lastHash))
                {
                    return Fail(count, e.Sequence, $"Event {e.Sequence} does not link to event {last}: its previous hash differs from that event's hash.");
                }

                ComputeHash(tenant, e.Sequence, previousHash, payload.Span, computed);
                if (!computed.SequenceEqual(hash))
                {
                    return Fail(count, e.Sequence, $"Event {e.Sequence}: the hash does not match its payload (the event was altered).");
                }

                if (e.Describes(tenantText, payload.Span) is { } mismatch)
                {
                    return Fail(count, e.Sequence, $"Event {e.Sequence}: {mismatch} differs between the line and the hashed payload.");
                }

                if (checkpoints.TryGetValue(e.Sequence, out var signed))
                {
                    if (!signed.Hash.AsSpan().SequenceEqual(hash))
                    {
                        return Fail(count, e.Sequence, $"Event {e.Sequence} differs from the signed checkpoint of {signed.SignedAtText}: the chain was rewritten.");
                    }

                    signed.Matched = true;
                }

                count++;
                last = e.Sequence;
                hash.CopyTo(lastHash);
                haveLast = true;
            }
        }
        finally
        {
            payload.Dispose();
        }

        if (complete && checkpoints.Values.FirstOrDefault(c => !c.Matched) is { } unmatched)
        {
            return Fail(count, unmatched.Sequence, $"The checkpoint of {unmatched.SignedAtText} names event {unmatched.Sequence}, which is not in this complete export.");
        }

        if (complete && (last != headSequence || !lastHash.AsSpan().SequenceEqual(headHash)))
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
        var hash = new byte[32];
        ComputeHash(tenant, sequence, previousHash, payload, hash);
        return hash;
    }

    /// <summary>The same, into <paramref name="destination"/> (32 bytes), without allocating.</summary>
    public static void ComputeHash(Guid tenant, long sequence, ReadOnlySpan<byte> previousHash, ReadOnlySpan<byte> payload, Span<byte> destination)
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
        SHA256.HashData(buffer, destination);
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

        public static Checkpoint Parse(byte[] line)
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

    /// <summary>
    /// One event line, read with <see cref="Utf8JsonReader"/> straight from the line's bytes: the descriptive
    /// fields stay slices of the line (copied only when the JSON escapes them), the payload is decoded into a
    /// reused buffer and the hashes into the caller's 32-byte spans.
    /// </summary>
    private readonly ref struct EventLine
    {
        private static readonly string[] Required = ["type", "sequence", "occurredAt", "actor", "action", "entityType", "entityId", "payload", "previousHash", "hash"];
        private static readonly byte[][] RequiredUtf8 = [.. Required.Select(Encoding.ASCII.GetBytes)];

        public long Sequence { get; init; }
        public ReadOnlySpan<byte> OccurredAt { get; init; }
        public ReadOnlySpan<byte> Actor { get; init; }
        public ReadOnlySpan<byte> Action { get; init; }
        public ReadOnlySpan<byte> EntityType { get; init; }
        public ReadOnlySpan<byte> EntityId { get; init; }

        public static EventLine Parse(ReadOnlySpan<byte> line, PooledBuffer payload, scoped Span<byte> previousHash, scoped Span<byte> hash, out int previousLength, out int hashLength)
        {
            var reader = new Utf8JsonReader(line);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new FormatException("it is not a JSON object");
            }

            long sequence = 0;
            ReadOnlySpan<byte> occurredAt = default, actor = default, action = default, entityType = default, entityId = default;
            previousLength = hashLength = -1;
            var seen = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.ValueSpan;
                reader.Read();
                switch (FieldOf(name))
                {
                    case 0: // type
                        if (!reader.ValueTextEquals("event"u8))
                        {
                            throw new FormatException("its type is not \"event\"");
                        }

                        seen |= 1;
                        break;
                    case 1: // sequence
                        sequence = reader.GetInt64();
                        seen |= 2;
                        break;
                    case 2: // occurredAt
                        occurredAt = Text(ref reader);
                        seen |= 4;
                        break;
                    case 3: // actor
                        actor = Text(ref reader);
                        seen |= 8;
                        break;
                    case 4: // action
                        action = Text(ref reader);
                        seen |= 16;
                        break;
                    case 5: // entityType
                        entityType = Text(ref reader);
                        seen |= 32;
                        break;
                    case 6: // entityId
                        entityId = Text(ref reader);
                        seen |= 64;
                        break;
                    case 7: // payload
                        payload.DecodeBase64(Text(ref reader));
                        seen |= 128;
                        break;
                    case 8: // previousHash
                        previousLength = DecodeHex(Text(ref reader), previousHash);
                        seen |= 256;
                        break;
                    case 9: // hash
                        hashLength = DecodeHex(Text(ref reader), hash);
                        seen |= 512;
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            if (seen != 1023)
            {
                var missing = Required.Where((_, i) => (seen & (1 << i)) == 0).First();
                throw new KeyNotFoundException($"it has no \"{missing}\"");
            }

            return new EventLine { Sequence = sequence, OccurredAt = occurredAt, Actor = actor, Action = action, EntityType = entityType, EntityId = entityId };
        }

        /// <summary>
        /// The index of an event field in <see cref="Required"/>, or -1: picked by length and first letter, then
        /// confirmed, so each property name costs one comparison instead of up to ten.
        /// </summary>
        private static int FieldOf(ReadOnlySpan<byte> name)
        {
            var index = (name.Length, name.IsEmpty ? (byte)0 : name[0]) switch
            {
                (4, (byte)'t') => 0,
                (8, (byte)'s') => 1,
                (10, (byte)'o') => 2,
                (5, (byte)'a') => 3,
                (6, (byte)'a') => 4,
                (10, (byte)'e') => 5,
                (8, (byte)'e') => 6,
                (7, (byte)'p') => 7,
                (12, (byte)'p') => 8,
                (4, (byte)'h') => 9,
                _ => -1,
            };
            return index >= 0 && name.SequenceEqual(RequiredUtf8[index]) ? index : -1;
        }

        /// <summary>The first descriptive field that does not match the payload, or null.</summary>
        public string? Describes(ReadOnlySpan<byte> tenant, ReadOnlySpan<byte> payload)
        {
            bool organisation = false, theAction = false, theActor = false, time = false, entityTypeMatches = false, entityIdMatches = false;
            var reader = new Utf8JsonReader(payload);
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.ValueSpan;
                reader.Read();
                if (name.SequenceEqual("tenant"u8))
                {
                    organisation = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(tenant);
                }
                else if (name.SequenceEqual("action"u8))
                {
                    theAction = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(Action);
                }
                else if (name.SequenceEqual("actor"u8))
                {
                    theActor = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(Actor);
                }
                else if (name.SequenceEqual("at"u8))
                {
                    time = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(OccurredAt);
                }
                else if (name.SequenceEqual("entity"u8) && reader.TokenType == JsonTokenType.StartObject)
                {
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        var field = reader.ValueSpan;
                        reader.Read();
                        if (field.SequenceEqual("type"u8))
                        {
                            entityTypeMatches = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(EntityType);
                        }
                        else if (field.SequenceEqual("id"u8))
                        {
                            entityIdMatches = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(EntityId);
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

            return !organisation ? "the organisation"
                : !theAction ? "the action"
                : !theActor ? "the actor"
                : !time ? "the time"
                : !(entityTypeMatches && entityIdMatches) ? "the entity"
                : null;
        }

        /// <summary>A string value as UTF-8: the line's own bytes, or an unescaped copy when the JSON escapes it.</summary>
        private static ReadOnlySpan<byte> Text(scoped ref Utf8JsonReader reader)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new FormatException($"a value is {reader.TokenType}, not a string");
            }

            if (!reader.ValueIsEscaped)
            {
                return reader.ValueSpan;
            }

            var copy = new byte[reader.ValueSpan.Length];
            return copy.AsSpan(0, reader.CopyString(copy));
        }

        /// <summary>Lower- or upper-case hex into <paramref name="destination"/>; the decoded length (which may differ from 32).</summary>
        private static int DecodeHex(ReadOnlySpan<byte> hex, Span<byte> destination)
        {
            if (hex.Length % 2 != 0)
            {
                throw new FormatException("a hash has an odd number of hex digits");
            }

            var length = hex.Length / 2;
            if (length > destination.Length)
            {
                return length;
            }

            for (var i = 0; i < length; i++)
            {
                destination[i] = (byte)((Nibble(hex[2 * i]) << 4) | Nibble(hex[(2 * i) + 1]));
            }

            return length;
        }

        private static int Nibble(byte c) => c switch
        {
            >= (byte)'0' and <= (byte)'9' => c - '0',
            >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
            >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
            _ => throw new FormatException("a hash is not hex"),
        };
    }

    /// <summary>A reusable byte buffer from the shared pool, for decoded payloads.</summary>
    private sealed class PooledBuffer : IDisposable
    {
        private byte[] _buffer = ArrayPool<byte>.Shared.Rent(4096);
        private int _length;

        public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, _length);

        public void DecodeBase64(ReadOnlySpan<byte> base64)
        {
            var needed = Base64.GetMaxDecodedFromUtf8Length(base64.Length);
            if (needed > _buffer.Length)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = ArrayPool<byte>.Shared.Rent(needed);
            }

            if (Base64.DecodeFromUtf8(base64, _buffer, out _, out _length) != OperationStatus.Done)
            {
                throw new FormatException("the payload is not Base64");
            }
        }

        public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);
    }

    /// <summary>Lines of a UTF-8 stream as byte spans (without the line break), from one pooled buffer that grows for long lines.</summary>
    private sealed class Utf8LineReader(Stream stream) : IDisposable
    {
        private byte[] _buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        private int _start, _end;
        private bool _eof, _first = true;

        public bool TryRead(out ReadOnlySpan<byte> line)
        {
            while (true)
            {
                var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
                if (newline >= 0)
                {
                    line = Trimmed(_buffer.AsSpan(_start, newline));
                    _start += newline + 1;
                    return true;
                }

                if (_eof)
                {
                    if (_start < _end)
                    {
                        line = Trimmed(_buffer.AsSpan(_start, _end - _start));
                        _start = _end;
                        return true;
                    }

                    line = default;
                    return false;
                }

                Fill();
            }
        }

        public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);

        private ReadOnlySpan<byte> Trimmed(Span<byte> line)
        {
            if (_first)
            {
                _first = false;
                if (line.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
                {
                    line = line[3..];
                }
            }

            return line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;
        }

        private void Fill()
        {
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            if (_end == _buffer.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
                Buffer.BlockCopy(_buffer, 0, larger, 0, _end);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = larger;
            }

            var read = stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                _eof = true;
            }

            _end += read;
        }
    }
}

using System.Buffers.Binary;
using System.Text;
using PolicyHub.Core.Tenancy;

namespace PolicyHub.Core.Audit;

/// <summary>
/// A signed statement "at <see cref="SignedAt"/>, organisation T's chain ended at sequence S with hash H", made
/// with a key held outside the database. Anyone with the published public key can check that the chain they
/// were given contains exactly that event — so even someone who can rewrite the database cannot rewrite the
/// history before a checkpoint unnoticed. Checkpoints are not audit events themselves (they sign the head).
/// </summary>
public sealed class AuditCheckpoint : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public long Sequence { get; set; }
    public required byte[] Hash { get; set; }
    public DateTime SignedAt { get; set; }
    public required string KeyId { get; set; }

    /// <summary>ECDSA P-256 over SHA-256 of <see cref="CheckpointSigning.Message"/>, IEEE P1363 (r ‖ s, 64 bytes).</summary>
    public required byte[] Signature { get; set; }
}

/// <summary>The bytes a checkpoint signature covers (docs/audit-verification.md specifies them).</summary>
public static class CheckpointSigning
{
    public const string DomainPrefix = "PolicyHub/audit-checkpoint/v1";

    /// <summary>prefix ‖ 0x00 ‖ tenant (16 bytes, big-endian) ‖ sequence (int64 BE) ‖ hash (32) ‖ signed-at (Unix milliseconds, int64 BE) ‖ key id (UTF-8).</summary>
    public static byte[] Message(Guid tenantId, long sequence, ReadOnlySpan<byte> hash, DateTime signedAtUtc, string keyId)
    {
        var prefix = Encoding.ASCII.GetBytes(DomainPrefix);
        var key = Encoding.UTF8.GetBytes(keyId);
        var buffer = new byte[prefix.Length + 1 + 16 + 8 + 32 + 8 + key.Length];
        var offset = 0;
        prefix.CopyTo(buffer, 0);
        offset += prefix.Length + 1;
        tenantId.TryWriteBytes(buffer.AsSpan(offset), bigEndian: true, out _);
        offset += 16;
        BinaryPrimitives.WriteInt64BigEndian(buffer.AsSpan(offset), sequence);
        offset += 8;
        hash.CopyTo(buffer.AsSpan(offset));
        offset += 32;
        BinaryPrimitives.WriteInt64BigEndian(buffer.AsSpan(offset), new DateTimeOffset(DateTime.SpecifyKind(signedAtUtc, DateTimeKind.Utc)).ToUnixTimeMilliseconds());
        offset += 8;
        key.CopyTo(buffer, offset);
        return buffer;
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace PolicyHub.Web.Features.Audit;

/// <summary>Settings of signed checkpoints (section "Checkpoints").</summary>
public sealed class CheckpointOptions
{
    public const string Section = "Checkpoints";

    /// <summary>How often each organisation's chain head is signed (when it moved).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The keys: the newest valid one with a private key signs; all are published, so older checkpoints stay checkable.</summary>
    public List<CheckpointKeySettings> Keys { get; set; } = [];
}

public sealed class CheckpointKeySettings
{
    public string Id { get; set; } = string.Empty;

    /// <summary>A PEM file with the ECDSA P-256 private key (PKCS#8 or SEC1), outside the database; omit for a retired key.</summary>
    public string? PrivateKeyPath { get; set; }

    /// <summary>A PEM file with the public key, for a retired key whose private key is gone.</summary>
    public string? PublicKeyPath { get; set; }

    public DateTime ValidFrom { get; set; }
    public DateTime? ValidTo { get; set; }
}

/// <summary>One checkpoint key: its public half always, its private half when this instance may sign with it.</summary>
public sealed record CheckpointKey(string Id, ECDsa PublicKey, ECDsa? PrivateKey, DateTime ValidFrom, DateTime? ValidTo)
{
    public bool IsValidAt(DateTime utc) => utc >= ValidFrom && (ValidTo is null || utc < ValidTo);
}

/// <summary>
/// The checkpoint keys from configuration. Outside Development at least one private key must be configured
/// (the app refuses to start otherwise); in Development, without configuration, a development key is created
/// once in the data folder — never in the database.
/// </summary>
public sealed class CheckpointKeyRing : IDisposable
{
    public const string Algorithm = "ES256";

    public CheckpointKeyRing(IOptions<CheckpointOptions> options, IOptions<DatabaseOptions> database, IHostEnvironment environment)
    {
        var configured = options.Value.Keys;
        if (configured.Count == 0)
        {
            if (!environment.IsDevelopment())
            {
                throw new InvalidOperationException(
                    $"PolicyHub.Web refuses to start in the '{environment.EnvironmentName}' environment without an audit checkpoint key. " +
                    "Development keys are only allowed in Development. Configure Checkpoints:Keys:0:Id, :PrivateKeyPath (an ECDSA P-256 PEM file) " +
                    "and :ValidFrom — see docs/configuration.md.");
            }

            Keys = [DevelopmentKey(Path.GetFullPath(database.Value.DataDirectory, environment.ContentRootPath))];
            return;
        }

        Keys = [.. configured.Select(Load).OrderBy(k => k.ValidFrom)];
    }

    public IReadOnlyList<CheckpointKey> Keys { get; }

    /// <summary>The key that signs at <paramref name="utc"/>: the newest valid one with a private key.</summary>
    public CheckpointKey Signer(DateTime utc)
        => Keys.Where(k => k.PrivateKey is not null && k.IsValidAt(utc)).OrderByDescending(k => k.ValidFrom).FirstOrDefault()
            ?? throw new InvalidOperationException($"No checkpoint key with a private key is valid at {utc:O}.");

    /// <summary>The published key document (also in every JSON Lines export).</summary>
    public void WriteDocument(Utf8JsonWriter writer)
    {
        writer.WriteStartArray("keys");
        foreach (var key in Keys)
        {
            writer.WriteStartObject();
            writer.WriteString("id", key.Id);
            writer.WriteString("algorithm", Algorithm);
            writer.WriteString("publicKey", Convert.ToBase64String(key.PublicKey.ExportSubjectPublicKeyInfo()));
            writer.WriteString("validFrom", key.ValidFrom.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            if (key.ValidTo is { } to)
            {
                writer.WriteString("validTo", to.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            }
            else
            {
                writer.WriteNull("validTo");
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    public void Dispose()
    {
        foreach (var key in Keys)
        {
            key.PublicKey.Dispose();
            key.PrivateKey?.Dispose();
        }
    }

    private static CheckpointKey Load(CheckpointKeySettings settings)
    {
        if (string.IsNullOrWhiteSpace(settings.Id))
        {
            throw new InvalidOperationException("Every Checkpoints:Keys entry needs an Id.");
        }

        var path = settings.PrivateKeyPath ?? settings.PublicKeyPath
            ?? throw new InvalidOperationException($"Checkpoint key {settings.Id} needs a PrivateKeyPath or a PublicKeyPath.");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"Checkpoint key {settings.Id}: '{path}' does not exist.");
        }

        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(path));
        var publicKey = ECDsa.Create();
        publicKey.ImportSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo(), out _);
        return new CheckpointKey(settings.Id, publicKey, settings.PrivateKeyPath is null ? null : key, Utc(settings.ValidFrom), settings.ValidTo is { } to ? Utc(to) : null);
    }

    private static CheckpointKey DevelopmentKey(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, "checkpoint-development-key.pem");
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        if (File.Exists(path))
        {
            key.ImportFromPem(File.ReadAllText(path));
        }
        else
        {
            File.WriteAllText(path, key.ExportPkcs8PrivateKeyPem());
        }

        var publicKey = ECDsa.Create();
        publicKey.ImportSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo(), out _);
        var id = "development-" + Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..12];
        return new CheckpointKey(id, publicKey, key, new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc), null);
    }

    private static DateTime Utc(DateTime value) => value.Kind == DateTimeKind.Utc ? value : DateTime.SpecifyKind(value.ToUniversalTime(), DateTimeKind.Utc);
}

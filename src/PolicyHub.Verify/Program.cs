using PolicyHub.Verify;

// policyhub-verify <export.jsonl | -> [--keys keys.json]: exit code 0 when the export verifies, 1 when it does not, 2 on bad usage.
var keysPath = args.Length == 3 && args[1] == "--keys" ? args[2] : null;
if ((args.Length != 1 && keysPath is null) || args[0] is "-h" or "--help")
{
    Console.Error.WriteLine("Usage: policyhub-verify <export.jsonl> [--keys keys.json]   (- reads the export from standard input)");
    Console.Error.WriteLine("Checks a PolicyHub audit export (JSON Lines) as docs/audit-verification.md specifies. keys.json: the document");
    Console.Error.WriteLine("published at /.well-known/policyhub-audit-keys.json, for checking the signed checkpoints independently.");
    return 2;
}

foreach (var path in new[] { args[0], keysPath }.Where(p => p is not null && p != "-"))
{
    if (!File.Exists(path))
    {
        Console.Error.WriteLine($"No such file: {path}");
        return 2;
    }
}

using var export = args[0] == "-" ? Console.OpenStandardInput() : File.OpenRead(args[0]);
using var keys = keysPath is null ? null : new StreamReader(keysPath);
var verdict = ExportVerifier.Verify(export, keys);
Console.WriteLine(verdict.Message);
if (verdict.FailedAt is { } position)
{
    Console.WriteLine($"First failing sequence number: {position}");
}

return verdict.Ok ? 0 : 1;

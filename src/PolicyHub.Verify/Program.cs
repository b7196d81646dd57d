using PolicyHub.Verify;

// policyhub-verify <export.jsonl | ->: exit code 0 when the export verifies, 1 when it does not, 2 on bad usage.
if (args.Length != 1 || args[0] is "-h" or "--help")
{
    Console.Error.WriteLine("Usage: policyhub-verify <export.jsonl>   (or - to read standard input)");
    Console.Error.WriteLine("Checks a PolicyHub audit export (JSON Lines) as docs/audit-verification.md specifies.");
    return 2;
}

if (args[0] != "-" && !File.Exists(args[0]))
{
    Console.Error.WriteLine($"No such file: {args[0]}");
    return 2;
}

using var reader = args[0] == "-" ? Console.In : new StreamReader(args[0]);
var verdict = ExportVerifier.Verify(reader);
Console.WriteLine(verdict.Message);
if (verdict.FailedAt is { } position)
{
    Console.WriteLine($"First failing sequence number: {position}");
}

return verdict.Ok ? 0 : 1;

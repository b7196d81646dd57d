using CsvHelper;
using PolicyHub.Core.Text;
using PolicyHub.ServiceDefaults.Validation;

namespace PolicyHub.Web.Features.Members;

/// <summary>One person from an import file, with the line it came from.</summary>
/// <summary>
/// One person of the file. <paramref name="Manager"/>: the manager's email; <paramref name="HasManagerColumn"/>: whether the file
/// has a "manager" column at all (without it, stored manager emails stay as they are; with it, an empty cell clears one).
/// </summary>
public sealed record MemberCsvRow(int Line, string Email, string Name, string? Department, string? Location, TenantRoles Roles, string? Manager = null, bool HasManagerColumn = false);

public sealed record MemberCsvError(int Line, string Message);

public sealed record MemberCsvResult(IReadOnlyList<MemberCsvRow> Rows, IReadOnlyList<MemberCsvError> Errors);

/// <summary>
/// Reads "email, name, department, location, roles" (header row required; comma or semicolon separated, as
/// Excel writes it in English or German) and checks every row before anything is imported.
/// </summary>
public sealed class MemberCsv(IStringLocalizer<SharedResource> l)
{
    public const int MaxRows = 10_000;
    private static readonly string[] Columns = ["email", "name", "department", "location", "roles", "manager"];

    /// <summary>The longest line (record) the reader takes: far more than a person's row, far less than a file.</summary>
    public const int MaxRecordBytes = 16 * 1024;

    public MemberCsvResult Parse(Stream content)
    {
        var rows = new List<MemberCsvRow>();
        var errors = new List<MemberCsvError>();
        using var bytes = new MemoryStream();
        content.CopyTo(bytes);
        if (CheckBytes(bytes.GetBuffer().AsSpan(0, (int)bytes.Length)) is { } refusal)
        {
            return new([], [refusal]);
        }

        bytes.Position = 0;
        // RFC 4180, strictly: a quote that is not closed (or text after a closing quote) is an error with its line,
        // never a field that swallows the rows after it. Separator detected (comma, semicolon, tab); UTF-8 only.
        using var csv = CsvReader.Create(bytes, new CsvReaderOptions
        {
            TrimWhitespace = true, TrackLineNumbers = true, Encoding = System.Text.Encoding.UTF8,
            MalformedData = CsvMalformedDataHandling.Throw, MaxRecordSize = MaxRecordBytes,
        }, leaveOpen: true);
        IReadOnlyList<string> header;
        try
        {
            header = [.. csv.Headers.Select(h => h.Trim().ToLowerInvariant())];
        }
        catch (CsvFormatException e)
        {
            return new([], [new MemberCsvError(Line(e, 1), l["The file could not be read as CSV: a quote (\") is not closed, or text follows a closing quote."])]);
        }

        var missing = Columns.Take(2).Where(c => !header.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            return new([], [new MemberCsvError(1, l["The first line must name the columns: email, name, department, location, roles. Missing: {0}.", string.Join(", ", missing)])]);
        }

        var index = Columns.ToDictionary(c => c, c => header.ToList().IndexOf(c));
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        while (ReadSafely(csv, errors))
        {
            var line = (int)csv.LineNumber;
            string Field(string column) => index[column] is var i and >= 0 && i < csv.FieldCount ? csv.GetString(i).Trim() : string.Empty;
            var email = Field("email");
            var name = Field("name");
            var department = Field("department");
            var location = Field("location");
            var rolesText = Field("roles");
            var manager = Field("manager");
            if (email.Length == 0 && name.Length == 0 && department.Length == 0 && location.Length == 0 && rolesText.Length == 0)
            {
                continue; // a line of empty fields
            }

            if (rows.Count + errors.Count >= MaxRows)
            {
                errors.Add(new(line, l["A file can hold at most {0} people. Split it into several files.", MaxRows]));
                break;
            }

            var problems = new List<string>();
            if (email.Length == 0)
            {
                problems.Add(l["The email address is missing."]);
            }
            else if (!TextRules.IsEmail(email, Limits.Email))
            {
                problems.Add(l["'{0}' is not a valid email address.", email]);
            }
            else if (seen.TryGetValue(Membership.Normalize(email), out var firstLine))
            {
                problems.Add(l["{0} appears twice in the file (first on line {1}).", email, firstLine]);
            }

            // The same name rule as the forms: visible, not too long, no control or direction-override characters.
            switch (TextRules.CheckName(name, Limits.Name))
            {
                case TextProblem.None:
                    break;
                case TextProblem.Empty:
                    problems.Add(l["The name is missing."]);
                    break;
                case var problem:
                    problems.Add(l["Name: {0}", TextValidation.Message(l, problem, Limits.Name)]);
                    break;
            }

            foreach (var (unit, label) in new[] { (department, l["Department"].Value), (location, l["Location"].Value) })
            {
                if (unit.Length > 0 && TextRules.CheckName(unit, Limits.Name) is var problem and not TextProblem.None)
                {
                    problems.Add(l["{0}: {1}", label, TextValidation.Message(l, problem, Limits.Name)]);
                }
            }

            if (manager.Length > 0 && !TextRules.IsEmail(manager, Limits.Email))
            {
                problems.Add(l["'{0}' is not a valid email address.", manager]);
            }

            var roles = TenantRoleList.Parse(rolesText, out var unknown);
            if (unknown.Count > 0)
            {
                problems.Add(l["Unknown role: {0}. Use Administrator, PolicyManager, Approver, ComplianceOfficer or Employee.", string.Join(", ", unknown)]);
            }

            if (problems.Count > 0)
            {
                errors.Add(new(line, string.Join(" ", problems)));
                continue;
            }

            seen[Membership.Normalize(email)] = line;
            rows.Add(new MemberCsvRow(line, email, TextRules.NormalizeName(name)!, NullIfEmpty(TextRules.NormalizeName(department)!), NullIfEmpty(TextRules.NormalizeName(location)!), roles == TenantRoles.None ? TenantRoles.Employee : roles,
                NullIfEmpty(manager), index["manager"] >= 0));
        }

        if (rows.Count == 0 && errors.Count == 0)
        {
            errors.Add(new(2, l["The file has no people in it."]));
        }

        return new(rows, errors);
    }

    private bool ReadSafely(CsvReader csv, List<MemberCsvError> errors)
    {
        try
        {
            return csv.Read();
        }
        catch (CsvFormatException e)
        {
            errors.Add(new(Line(e, (int)csv.LineNumber + 1), l["This line could not be read as CSV: a quote (\") is not closed, or text follows a closing quote. Nothing after it was read."]));
            return false;
        }
    }

    private static int Line(CsvFormatException e, int fallback) => e.LineNumber is > 0 and < int.MaxValue ? (int)e.LineNumber : fallback;

    /// <summary>
    /// The file as bytes, before any parsing: empty, not UTF-8 (with or without byte order mark: Latin-1 or UTF-16
    /// would turn into wrong letters without a word), or NUL inside — each refused with what to do about it.
    /// </summary>
    private MemberCsvError? CheckBytes(ReadOnlySpan<byte> file)
    {
        var text = file.StartsWith("\uFEFF"u8) ? file[3..] : file;
        if (text.Trim(" \t\r\n"u8).IsEmpty)
        {
            return new(1, l["The file is empty. The first line must name the columns: email, name, department, location, roles."]);
        }

        if (!System.Text.Unicode.Utf8.IsValid(text))
        {
            return new(1, l["The file is not saved as UTF-8, so names would lose their letters. Save it as “CSV UTF-8” (in Excel: File → Save As → CSV UTF-8) and upload it again."]);
        }

        if (text.Contains((byte)0))
        {
            var line = 1 + text[..text.IndexOf((byte)0)].Count((byte)'\n');
            return new(line, l["The file contains NUL characters, so it is not a text file. Save it as “CSV UTF-8” and upload it again."]);
        }

        return null;
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}

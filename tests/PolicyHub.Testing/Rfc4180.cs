using System.Text;
using Microsoft.VisualBasic.FileIO;

namespace PolicyHub.Testing;

/// <summary>Reads CSV with a parser independent of the one that wrote it (the framework's TextFieldParser).</summary>
public static class Rfc4180
{
    public static List<string[]> Parse(byte[] csv)
    {
        using var parser = new TextFieldParser(new MemoryStream(csv), Encoding.UTF8) { TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true, TrimWhiteSpace = false };
        parser.SetDelimiters(",");
        var rows = new List<string[]>();
        while (!parser.EndOfData)
        {
            rows.Add(parser.ReadFields()!);
        }

        return rows;
    }
}

using System.Globalization;

namespace PolicyHub.DataGenerator;

/// <summary>What to generate; the defaults are the scale the benchmarks are measured at.</summary>
public sealed record ScaleOptions
{
    public string Slug { get; init; } = "bench";
    public string Name { get; init; } = "Benchmark AG";
    public int People { get; init; } = 20_000;
    public int Policies { get; init; } = 100;
    public int VersionsPerPolicy { get; init; } = 3;
    public int Acknowledgements { get; init; } = 1_000_000;

    /// <summary>The generated history ends now and starts this many days before.</summary>
    public int Days { get; init; } = 365;

    public int Seed { get; init; } = 42;

    /// <summary>Rows per transaction.</summary>
    public int BatchSize { get; init; } = 2_000;

    /// <summary>Reads "--people 20000 --policies 100 …"; unknown options throw with the list of known ones.</summary>
    public static ScaleOptions Parse(IReadOnlyList<string> args, out string? database)
    {
        var options = new ScaleOptions();
        database = null;
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--database" => options,
                "--slug" => options with { Slug = value },
                "--name" => options with { Name = value },
                "--people" => options with { People = Number(value) },
                "--policies" => options with { Policies = Number(value) },
                "--versions" => options with { VersionsPerPolicy = Number(value) },
                "--acknowledgements" => options with { Acknowledgements = Number(value) },
                "--days" => options with { Days = Number(value) },
                "--seed" => options with { Seed = Number(value) },
                "--batch" => options with { BatchSize = Number(value) },
                _ => throw new ArgumentException($"Unknown option {args[i]}. Known: --database, --slug, --name, --people, --policies, --versions, --acknowledgements, --days, --seed, --batch."),
            };
            if (args[i] == "--database")
            {
                database = value;
            }

            i++;
        }

        if (options.People < 1 || options.Policies < 1 || options.VersionsPerPolicy < 1 || options.Acknowledgements < 0 || options.Days < 1 || options.BatchSize < 1)
        {
            throw new ArgumentException("Counts must be positive.");
        }

        if (options.Acknowledgements > (long)options.People * options.Policies)
        {
            throw new ArgumentException($"At most people × policies = {(long)options.People * options.Policies} acknowledgements fit (one per person and policy).");
        }

        return options;

        static int Number(string text) => int.Parse(text.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
    }
}

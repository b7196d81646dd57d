namespace PolicyHub.Demo;

/// <summary>
/// The people of the demo organisation, shared by the auth service (accounts) and the Web app (memberships),
/// so that both seeders agree. Only seeded when the embedded run asks for it; printed in the README.
/// </summary>
public static class DemoPeople
{
    /// <summary>Every demo account uses this password. Demo data only: never seeded outside the embedded run.</summary>
    public const string Password = "Harbour-Tulip-42";

    public const string Domain = "demo.policyhub.test";

    public sealed record Person(string Email, string Name, string Role, string Department, string Location);

    public static readonly IReadOnlyList<Person> All =
    [
        new($"admin@{Domain}", "Alex Admin", "Administrator", "Management", "Berlin"),
        new($"hr@{Domain}", "Hanna Richter", "PolicyManager", "Human Resources", "Berlin"),
        new($"approver@{Domain}", "Paul Berger", "Approver", "Legal", "Munich"),
        new($"compliance@{Domain}", "Clara Vogel", "ComplianceOfficer", "Compliance", "Munich"),
        new($"employee@{Domain}", "Emil Schmidt", "Employee", "Sales", "Hamburg"),
        new($"lena.fischer@{Domain}", "Lena Fischer", "Employee", "Sales", "Hamburg"),
        new($"jonas.weber@{Domain}", "Jonas Weber", "Employee", "Sales", "Berlin"),
        new($"mia.wagner@{Domain}", "Mia Wagner", "Employee", "Marketing", "Berlin"),
        new($"noah.becker@{Domain}", "Noah Becker", "Employee", "Marketing", "Munich"),
        new($"sofia.hoffmann@{Domain}", "Sofia Hoffmann", "Employee", "Engineering", "Munich"),
        new($"leon.schulz@{Domain}", "Leon Schulz", "Employee", "Engineering", "Berlin"),
        new($"emma.koch@{Domain}", "Emma Koch", "Employee", "Engineering", "Hamburg"),
        new($"finn.bauer@{Domain}", "Finn Bauer", "Employee", "Customer Service", "Hamburg"),
        new($"hannah.klein@{Domain}", "Hannah Klein", "Employee", "Customer Service", "Munich"),
        new($"luca.wolf@{Domain}", "Luca Wolf", "Employee", "Finance", "Berlin"),
        new($"marie.neumann@{Domain}", "Marie Neumann", "Employee", "Finance", "Munich"),
        new($"ben.schwarz@{Domain}", "Ben Schwarz", "Employee", "Sales", "Munich"),
    ];
}

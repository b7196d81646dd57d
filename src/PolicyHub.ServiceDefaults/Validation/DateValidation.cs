using FluentValidation;
using Microsoft.Extensions.Localization;

namespace PolicyHub.ServiceDefaults.Validation;

/// <summary>
/// Dates people may enter: 1900 to 2200. Outside that range a date is a typo or an attack (9999-12-31 plus a
/// due period overflows DateTime; 0001-01-01 minus a day does), never a plan.
/// </summary>
public static class DateValidation
{
    public static readonly DateTime Earliest = new(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime Latest = new(2200, 12, 31, 0, 0, 0, DateTimeKind.Utc);

    public static bool IsSane(DateTime date) => date >= Earliest && date <= Latest;

    public static IRuleBuilderOptions<T, DateTime?> SaneDate<T>(this IRuleBuilder<T, DateTime?> rule, IStringLocalizer l)
        => rule.Must(d => d is null || IsSane(d.Value)).WithMessage(_ => Message(l));

    public static string Message(IStringLocalizer l) => l["Choose a date between {0} and {1}.", "1900-01-01", "2200-12-31"];
}

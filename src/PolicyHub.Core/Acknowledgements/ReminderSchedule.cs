using System.Globalization;

namespace PolicyHub.Core.Acknowledgements;

/// <summary>
/// When an open request is worth a reminder: at the start (00:00 UTC) of each day a given number of days
/// before the due date, then, once overdue, the day after the due date and every N days after that. The
/// scheduler bundles whatever is due for one person into one email a day.
/// </summary>
public static class ReminderSchedule
{
    public const string DefaultDaysBefore = "7,1";
    public const int DefaultOverdueEvery = 3;
    public const int MaxDaysBefore = 90;
    public const int MaxOverdueEvery = 30;

    /// <summary>Parses "7, 1" into [7, 1]; false for anything else (non-numbers, out of range, more than five).</summary>
    public static bool TryParse(string? text, out IReadOnlyList<int> days)
    {
        days = [];
        var parts = (text ?? string.Empty).Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries);
        var parsed = new SortedSet<int>(Comparer<int>.Create((a, b) => b.CompareTo(a)));
        foreach (var part in parts)
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var day) || day < 1 || day > MaxDaysBefore)
            {
                return false;
            }

            parsed.Add(day);
        }

        if (parsed.Count > 5)
        {
            return false;
        }

        days = [.. parsed];
        return true;
    }

    /// <summary>The canonical form stored on an assignment: "7,1" (descending, no duplicates).</summary>
    public static string Format(IEnumerable<int> days) => string.Join(',', days.Distinct().OrderDescending());

    /// <summary>The first reminder moment strictly after <paramref name="after"/>, or null when the schedule has none left.</summary>
    public static DateTime? Next(DateTime dueAt, string daysBefore, int overdueEvery, DateTime after)
    {
        var dueDay = dueAt.Date;
        var days = TryParse(daysBefore, out var parsed) ? parsed : [];
        foreach (var day in days)
        {
            var moment = dueDay.AddDays(-day);
            if (moment > after)
            {
                return DateTime.SpecifyKind(moment, DateTimeKind.Utc); // the list is descending: the first one after is the earliest
            }
        }

        if (overdueEvery <= 0)
        {
            return null;
        }

        var firstOverdue = dueDay.AddDays(1);
        if (firstOverdue > after)
        {
            return DateTime.SpecifyKind(firstOverdue, DateTimeKind.Utc);
        }

        var steps = (int)Math.Floor((after - firstOverdue).TotalDays / overdueEvery) + 1;
        return DateTime.SpecifyKind(firstOverdue.AddDays(steps * overdueEvery), DateTimeKind.Utc);
    }
}

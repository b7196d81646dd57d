using PolicyHub.Web.Features.Campaigns;

namespace PolicyHub.UnitTests;

public sealed class CompletionChartTests
{
    private static readonly DateTime Day1 = new(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Cumulative_CountsUpDayByDay_ThenLeavesTheDaysToTheDueDateEmpty()
    {
        var points = Cumulative(Day1, Day1.AddDays(3), Day1.AddDays(5), new Dictionary<DateTime, int> { [Day1] = 2, [Day1.AddDays(2)] = 3 });

        Assert.Equal([2, 2, 5, 5, null, null], points.Select(p => p.Acknowledged));
        Assert.Equal(Day1.AddDays(5), points[^1].Day);
    }

    [Fact]
    public void Cumulative_PastTheDueDate_RunsToToday()
        => Assert.Equal([1, 1, 3], Cumulative(Day1, Day1.AddDays(2), Day1, new Dictionary<DateTime, int> { [Day1] = 1, [Day1.AddDays(2)] = 2 }).Select(p => p.Acknowledged));

    [Fact]
    public void Cumulative_LongerThanAYear_KeepsTheLastYearAndCountsWhatCameBefore()
    {
        var points = Cumulative(Day1, Day1.AddDays(800), Day1, new Dictionary<DateTime, int> { [Day1] = 4, [Day1.AddDays(800)] = 1 });

        Assert.Equal(367, points.Count);
        Assert.Equal(4, points[0].Acknowledged);
        Assert.Equal(5, points[^1].Acknowledged);
    }

    private static IReadOnlyList<CompletionPoint> Cumulative(DateTime first, DateTime today, DateTime until, Dictionary<DateTime, int> perDay)
        => AssignmentDashboard.Cumulative(first, today, until, perDay);
}

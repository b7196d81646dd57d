using PolicyHub.Web.Features.Campaigns;

namespace PolicyHub.UnitTests;

public sealed class CompletionChartTests
{
    private static readonly DateTime Day1 = new(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Cumulative_CountsUpDayByDay_IncludingDaysWithoutAcknowledgements()
    {
        var points = AssignmentDashboard.Cumulative(Day1, Day1.AddDays(3), new Dictionary<DateTime, int> { [Day1] = 2, [Day1.AddDays(2)] = 3 });

        Assert.Equal([2, 2, 5, 5], points.Select(p => p.Acknowledged));
        Assert.Equal(Day1.AddDays(3), points[^1].Day);
    }

    [Fact]
    public void Cumulative_LongerThanAYear_KeepsTheLastYearAndCountsWhatCameBefore()
    {
        var points = AssignmentDashboard.Cumulative(Day1, Day1.AddDays(800), new Dictionary<DateTime, int> { [Day1] = 4, [Day1.AddDays(800)] = 1 });

        Assert.Equal(367, points.Count);
        Assert.Equal(4, points[0].Acknowledged);
        Assert.Equal(5, points[^1].Acknowledged);
    }
}

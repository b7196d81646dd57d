using PolicyHub.Core.Acknowledgements;

namespace PolicyHub.Core.Tests;

public sealed class ReminderScheduleTests
{
    private static readonly DateTime Due = new(2026, 12, 20, 23, 59, 59, DateTimeKind.Utc);

    [Theory]
    [InlineData("2026-12-01T09:00:00", "2026-12-13T00:00:00")] // seven days before
    [InlineData("2026-12-13T00:00:00", "2026-12-19T00:00:00")] // then one day before
    [InlineData("2026-12-19T08:00:00", "2026-12-21T00:00:00")] // then the day after the due date
    [InlineData("2026-12-21T00:00:00", "2026-12-24T00:00:00")] // then every three days
    [InlineData("2026-12-25T10:00:00", "2026-12-27T00:00:00")]
    public void Next_FollowsDaysBeforeThenEveryNDaysOverdue(string after, string expected)
        => Assert.Equal(DateTime.Parse(expected, null, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal),
            ReminderSchedule.Next(Due, "7,1", 3, DateTime.Parse(after, null, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal)));

    [Fact]
    public void Next_NoOverdueReminders_EndsAfterTheLastDayBefore()
        => Assert.Null(ReminderSchedule.Next(Due, "1", 0, new DateTime(2026, 12, 19, 1, 0, 0, DateTimeKind.Utc)));

    [Theory]
    [InlineData("7, 1", "7,1")]
    [InlineData("1,7,7", "7,1")]
    [InlineData("", "")]
    public void TryParse_AcceptsListsOfDays(string text, string stored)
    {
        Assert.True(ReminderSchedule.TryParse(text, out var days));
        Assert.Equal(stored, ReminderSchedule.Format(days));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("91")]
    [InlineData("seven")]
    [InlineData("-1")]
    [InlineData("1,2,3,4,5,6")]
    public void TryParse_RefusesWhatIsNotAScheduleOfDays(string text) => Assert.False(ReminderSchedule.TryParse(text, out _));
}

public sealed class AcknowledgementValidityTests
{
    private static readonly PublishedVersion V1 = new(Guid.NewGuid(), 1, true);
    private static readonly PublishedVersion V2 = new(Guid.NewGuid(), 2, false);
    private static readonly PublishedVersion V3 = new(Guid.NewGuid(), 3, true);
    private static readonly PublishedVersion V4 = new(Guid.NewGuid(), 4, false);
    private static readonly PublishedVersion[] All = [V3, V1, V4, V2];

    [Fact]
    public void SameText_MinorVersionsShareAcknowledgementsWithTheirMaterialVersion()
    {
        Assert.Equal([V1.Id, V2.Id], AcknowledgementValidity.SameText(All, V1.Id));
        Assert.Equal([V1.Id, V2.Id], AcknowledgementValidity.SameText(All, V2.Id));
        Assert.Equal([V3.Id, V4.Id], AcknowledgementValidity.SameText(All, V4.Id));
    }

    [Fact]
    public void SameText_UnknownVersion_IsOnlyItself()
    {
        var other = Guid.NewGuid();
        Assert.Equal([other], AcknowledgementValidity.SameText(All, other));
    }
}

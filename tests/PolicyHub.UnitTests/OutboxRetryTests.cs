using PolicyHub.ServiceDefaults.Email;

namespace PolicyHub.UnitTests;

public sealed class OutboxRetryTests
{
    private static readonly OutboxSettings Settings = new()
    {
        BaseRetryDelay = TimeSpan.FromSeconds(30),
        MaxRetryDelay = TimeSpan.FromHours(1),
    };

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(7, 1920)]
    public void Delay_EarlyAttempts_DoublesEachTime(int attempts, int expectedSeconds)
        => Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), OutboxRetry.Delay(attempts, Settings));

    [Theory]
    [InlineData(8)]
    [InlineData(40)]
    [InlineData(int.MaxValue)]
    public void Delay_ManyAttempts_IsCappedAtMaximum(int attempts)
        => Assert.Equal(TimeSpan.FromHours(1), OutboxRetry.Delay(attempts, Settings));
}

using System.Text;
using PolicyHub.ServiceDefaults.Security;

namespace PolicyHub.UnitTests;

/// <summary>Where a returnUrl may lead, and which url-encoded input the request guard lets through.</summary>
public sealed class RequestInputTests
{
    [Theory]
    [InlineData(null, "/")]
    [InlineData("", "/")]
    [InlineData("/o/demo", "/o/demo")]
    [InlineData("/connect/authorize?scope=openid profile", "/connect/authorize?scope=openid%20profile")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("/a\tb", "/")]
    [InlineData("/a\nb", "/")]
    [InlineData("/\u3000", "/")]
    [InlineData("/ü", "/")]
    [InlineData("/a\0", "/")]
    public void Normalize_Examples(string? returnUrl, string expected) => Assert.Equal(expected, LocalUrl.Normalize(returnUrl));

    [Fact]
    public void Normalize_TooLong_IsTheStartPage() => Assert.Equal("/", LocalUrl.Normalize("/" + new string('a', LocalUrl.MaxLength)));

    [Theory]
    [InlineData("a=1&b=x+y", true)]
    [InlineData("name=J%C3%BCrgen", true)]
    [InlineData("name=%E2%80%AE", true)]
    [InlineData("name=a%00b", false)]
    [InlineData("name=%C3%28", false)]
    [InlineData("name=%FF", false)]
    [InlineData("name=%ED%A0%80", false)] // an encoded lone surrogate is not UTF-8
    [InlineData("bad=%zz", true)] // not an escape: the text as it is
    public void IsCleanUtf8_Examples(string encoded, bool expected)
    {
        Assert.Equal(expected, RequestInputGuard.IsCleanUtf8(encoded));
        Assert.Equal(expected, RequestInputGuard.IsCleanUtf8(Encoding.ASCII.GetBytes(encoded)));
    }
}

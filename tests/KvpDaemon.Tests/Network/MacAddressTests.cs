// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Network;

namespace KvpDaemon.Tests.Network;

public class MacAddressTests
{
    [Theory]
    [InlineData("00:15:5D:0A:0B:0C")]
    [InlineData("00:15:5d:0a:0b:0c")]
    [InlineData("00-15-5d-0a-0b-0c")]
    [InlineData("00155D0A0B0C")]
    [InlineData("00155d0a0b0c")]
    [InlineData(" 00:15:5d:0a:0b:0c\n")] // sysfs address files end with a newline
    public void TryParse_AcceptedSpellings_AllEqualTheCanonicalForm(string text)
    {
        MacAddress.TryParse(text, out var mac).Should().BeTrue();
        mac.ToString().Should().Be("00:15:5D:0A:0B:0C");
        mac.GetBytes().Should().Equal(0x00, 0x15, 0x5D, 0x0A, 0x0B, 0x0C);
    }

    [Theory]
    [InlineData("")]
    [InlineData("00:15:5D:0A:0B")] // 5 bytes
    [InlineData("00:15:5D:0A:0B:0C:0D")] // 7 bytes
    [InlineData("00155D0A0B")] // 5 bytes without separators
    [InlineData("00155D0A0B0C0D")] // 7 bytes without separators
    [InlineData("0:15:5D:A:B:C")] // not zero-padded
    [InlineData("00:15:5D:0A:0B:0G")] // not hex
    [InlineData("00.15.5D.0A.0B.0C")] // unknown separator
    [InlineData("00:15:5D:0A:0B:+C")] // a sign is not a digit
    [InlineData("00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00")] // InfiniBand, 20 bytes
    public void TryParse_NotExactlySixHexBytes_Fails(string text)
    {
        MacAddress.TryParse(text, out _).Should().BeFalse();
    }

    [Fact]
    public void Equality_DifferentSpellings_AreEqualAndHashAlike()
    {
        MacAddress.TryParse("00-15-5d-0a-0b-0c", out var left).Should().BeTrue();
        MacAddress.TryParse("00155D0A0B0C", out var right).Should().BeTrue();
        (left == right).Should().BeTrue();
        left.GetHashCode().Should().Be(right.GetHashCode());
        MacAddress.TryParse("00155D0A0B0D", out var other).Should().BeTrue();
        (left != other).Should().BeTrue();
    }

    [Fact]
    public void Constructor_WrongLength_Throws()
    {
        var act = () => new MacAddress(new byte[5]);
        act.Should().Throw<ArgumentException>();
    }
}

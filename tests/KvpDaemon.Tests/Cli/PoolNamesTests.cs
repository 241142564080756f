// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Cli.Pools;
using KvpDaemon.Protocol;

namespace KvpDaemon.Tests.Cli;

public sealed class PoolNamesTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("External", 0)]
    [InlineData("guest", 1)]
    [InlineData("2", 2)]
    [InlineData("intrinsic", 2)]
    [InlineData("Auto", 2)]
    [InlineData("parameters", 3)]
    [InlineData("HOST", 3)]
    [InlineData("4", 4)]
    [InlineData("internal", 4)]
    public void TryParse_NameOrNumber_GivesPool(string text, int expected)
    {
        PoolNames.TryParse(text, out var pool).Should().BeTrue();
        pool.Should().Be((KvpPool)expected);
    }

    [Theory]
    [InlineData("5")]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData("guests")]
    [InlineData("")]
    public void TryParse_Unknown_IsFalse(string text)
    {
        PoolNames.TryParse(text, out _).Should().BeFalse();
    }
}

// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Hosting;
using KvpDaemon.Systemd;
using Microsoft.Extensions.Logging;

namespace KvpDaemon.Tests.Hosting;

public sealed partial class DaemonLoggerProviderTests
{
    // 2026-12-03 07:43:01.002 UTC, shown in a zone one hour ahead: the timestamp is local time.
    private static readonly FixedClock Clock = new(new DateTimeOffset(2026, 12, 3, 7, 43, 1, 2, TimeSpan.Zero), TimeSpan.FromHours(1));

    [Fact]
    public void Timestamped_Information_WritesLocalTimeLevelAndMessageOnOneLine()
    {
        var output = Log(new TimestampedLineFormatter(), LogLevel.Information, logger => Starting(logger, 4242, "linux"));

        output.Should().Be("2026-12-03 08:43:01.002 [INF] KVP starting; pid is 4242, ABI linux\n");
    }

    [Fact]
    public void Timestamped_Exception_FollowsOnItsOwnLines()
    {
        var exception = Thrown(new IOException("disk full"));

        var output = Log(new TimestampedLineFormatter(), LogLevel.Information, logger => WriteFailed(logger, 1, exception));

        output.Should().Be($"2026-12-03 08:43:01.002 [ERR] Pool 1 write failed\n{exception.ToString().ReplaceLineEndings("\n")}\n");
        output.Should().Contain("System.IO.IOException: disk full\n   at ");
    }

    [Theory]
    [InlineData(LogLevel.Trace, "VRB")]
    [InlineData(LogLevel.Debug, "DBG")]
    [InlineData(LogLevel.Information, "INF")]
    [InlineData(LogLevel.Warning, "WRN")]
    [InlineData(LogLevel.Error, "ERR")]
    [InlineData(LogLevel.Critical, "FTL")]
    public void Timestamped_EachLevel_HasItsThreeLetters(LogLevel level, string abbreviation)
    {
        var output = Log(new TimestampedLineFormatter(), LogLevel.Trace, logger => Message(logger, level, "m"));

        output.Should().Be($"2026-12-03 08:43:01.002 [{abbreviation}] m\n");
    }

    [Theory]
    [InlineData(LogLevel.Trace, "<7>")]
    [InlineData(LogLevel.Debug, "<7>")]
    [InlineData(LogLevel.Information, "<6>")]
    [InlineData(LogLevel.Warning, "<4>")]
    [InlineData(LogLevel.Error, "<3>")]
    [InlineData(LogLevel.Critical, "<2>")]
    public void Journal_EachLevel_HasItsSyslogPriorityAndNoTimestamp(LogLevel level, string prefix)
    {
        var output = Log(new JournalTextFormatter(), LogLevel.Trace, logger => Message(logger, level, "m"));

        output.Should().Be(prefix + "m\n");
    }

    [Fact]
    public void Journal_ExceptionAndMultiLineMessage_StayOneRecord()
    {
        var exception = Thrown(new IOException("disk full"));

        var output = Log(new JournalTextFormatter(), LogLevel.Information, logger => WriteFailed(logger, 1, exception));

        output.Should().StartWith("<3>Pool 1 write failed: System.IO.IOException: disk full    at ").And.EndWith("\n");
        output.Count(c => c == '\n').Should().Be(1, "journald makes a record of each line");
    }

    [Fact]
    public void Switch_BelowTheLevel_WritesNothingUntilTheLevelIsLowered()
    {
        var level = new LogLevelSwitch(LogLevel.Information);
        using var output = new StringWriter();
        using var provider = new DaemonLoggerProvider(output, new JournalTextFormatter(), level, Clock);
        var logger = provider.CreateLogger("any");

        Message(logger, LogLevel.Debug, "hidden");
        level.Minimum = LogLevel.Debug;
        Message(logger, LogLevel.Debug, "shown");

        output.ToString().Should().Be("<7>shown\n");
    }

    [Fact]
    public void Switch_None_StillLetsCriticalThrough()
    {
        var level = new LogLevelSwitch(LogLevel.None);

        level.IsEnabled(LogLevel.Error).Should().BeFalse();
        level.IsEnabled(LogLevel.Critical).Should().BeTrue();
        level.IsEnabled(LogLevel.None).Should().BeFalse();
    }

    [Theory]
    [InlineData(-1, LogLevel.Trace)]
    [InlineData(7, LogLevel.Critical)]
    public void Switch_NumberOutsideTheLevels_IsHeldToTheNearestLevel(int value, LogLevel held)
    {
        new LogLevelSwitch((LogLevel)value).Minimum.Should().Be(held);
    }

    [Fact]
    public void Log_OutputFails_DropsTheMessageWithoutThrowing()
    {
        using var provider = new DaemonLoggerProvider(new FailingWriter(), new JournalTextFormatter(), new LogLevelSwitch(), Clock);
        var logger = provider.CreateLogger("any");

        logger.Invoking(l => Message(l, LogLevel.Error, "pool 1: I/O error")).Should().NotThrow();
        provider.Invoking(p => p.Dispose()).Should().NotThrow();
    }

    [Fact]
    public void Log_FormatterThrows_DropsTheMessageWithoutThrowing()
    {
        using var output = new StringWriter();
        using var provider = new DaemonLoggerProvider(output, new JournalTextFormatter(), new LogLevelSwitch(), Clock);
        var logger = provider.CreateLogger("any");

        logger.Invoking(l => l.Log<object?>(LogLevel.Information, default, null, null, (_, _) => throw new FormatException("bad")))
            .Should().NotThrow();
        output.ToString().Should().BeEmpty();
    }

    [Fact]
    public async Task Write_FromManyThreads_KeepsEveryLineWhole()
    {
        using var output = new StringWriter();
        using var provider = new DaemonLoggerProvider(output, new JournalTextFormatter(), new LogLevelSwitch(), Clock);
        var logger = provider.CreateLogger("any");
        var line = new string('x', 500);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 250; i++)
            {
                Message(logger, LogLevel.Information, line);
            }
        })));

        output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(1000).And.OnlyContain(l => l == "<6>" + line);
    }

    [LoggerMessage(Message = "{Text}")]
    private static partial void Message(ILogger logger, LogLevel level, string text);

    [LoggerMessage(Level = LogLevel.Information, Message = "KVP starting; pid is {Pid}, ABI {Abi}")]
    private static partial void Starting(ILogger logger, int pid, string abi);

    [LoggerMessage(Level = LogLevel.Error, Message = "Pool {Pool} write failed")]
    private static partial void WriteFailed(ILogger logger, byte pool, Exception exception);

    private static string Log(ILogLineFormatter formatter, LogLevel minimum, Action<ILogger> log)
    {
        using var output = new StringWriter();
        using (var provider = new DaemonLoggerProvider(output, formatter, new LogLevelSwitch(minimum), Clock))
        {
            log(provider.CreateLogger("KvpDaemon.Tests"));
        }

        return output.ToString();
    }

    private static Exception Thrown(Exception exception)
    {
        try
        {
            throw exception;
        }
        catch (Exception caught)
        {
            return caught;
        }
    }

    /// <summary>Standard output on a full disk.</summary>
    private sealed class FailingWriter : StringWriter
    {
        public override void Write(string? value) => throw new IOException("No space left on device");

        public override void Flush() => throw new IOException("No space left on device");
    }

    private sealed class FixedClock(DateTimeOffset utcNow, TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => utcNow;

        public override TimeZoneInfo LocalTimeZone { get; } = TimeZoneInfo.CreateCustomTimeZone("test", offset, "test", "test");
    }
}

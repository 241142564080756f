// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Extensions.Logging;
using Serilog.Formatting;
using Serilog.Parsing;

namespace KvpDaemon.Tests.Hosting;

/// <summary>
/// The Serilog pipeline of <see cref="KvpDaemonLogging"/>, fed by [LoggerMessage] methods through Serilog's logger
/// provider, as in the daemon; a text writer stands in for standard output.
/// </summary>
public sealed partial class KvpDaemonLoggingTests
{
    private const string Timestamp = @"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}";

    [Fact]
    public void Timestamped_Information_WritesTimeLevelAndMessageOnOneLine()
    {
        var output = Log(journal: false, LogLevel.Information, logger => Starting(logger, 4242, "linux"));

        output.Should().MatchRegex($"^{Timestamp} \\[INF\\] KVP starting; pid is 4242, ABI linux\n$");
    }

    [Fact]
    public void Timestamped_Timestamp_IsTheEventsOwnTimeToTheMillisecond()
    {
        using var output = new StringWriter();
        using (var logger = CreateLogger(output, journal: false, new LogLevelSwitch()))
        {
            var time = new DateTimeOffset(2026, 12, 3, 8, 43, 1, 2, TimeSpan.FromHours(1));
            logger.Write(new LogEvent(time, LogEventLevel.Information, null, new MessageTemplateParser().Parse("KVP starting"), []));
        }

        output.ToString().Should().Be("2026-12-03 08:43:01.002 [INF] KVP starting\n");
    }

    [Fact]
    public void Timestamped_Exception_FollowsOnItsOwnLines()
    {
        var exception = Thrown(new IOException("disk full"));

        var output = Log(journal: false, LogLevel.Information, logger => WriteFailed(logger, 1, exception));

        output.Should().MatchRegex($"^{Timestamp} \\[ERR\\] Pool 1 write failed\n");
        output.Should().EndWith($" Pool 1 write failed\n{exception}\n".ReplaceLineEndings("\n"));
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
        var output = Log(journal: false, LogLevel.Trace, logger => Message(logger, level, "m"));

        output.Should().MatchRegex($"^{Timestamp} \\[{abbreviation}\\] m\n$");
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
        var output = Log(journal: true, LogLevel.Trace, logger => Message(logger, level, "m"));

        output.Should().Be(prefix + "m\n");
    }

    [Fact]
    public void Journal_Exception_StaysOneRecord()
    {
        var exception = Thrown(new IOException("disk full"));

        var output = Log(journal: true, LogLevel.Information, logger => WriteFailed(logger, 1, exception));

        output.Should().StartWith("<3>Pool 1 write failed: System.IO.IOException: disk full    at ").And.EndWith("\n");
        output.Count(c => c == '\n').Should().Be(1, "journald makes a record of each line");
    }

    [Fact]
    public void Journal_HostingLifetimeStatusLines_AreNotWritten()
    {
        var output = Log(journal: true, LogLevel.Trace, logger => { }, "Microsoft.Hosting.Lifetime", logger => Message(logger, LogLevel.Information, "Application started"));

        output.Should().BeEmpty();
    }

    [Fact]
    public void Switch_BelowTheLevel_WritesNothingUntilTheLevelIsLowered()
    {
        var level = new LogLevelSwitch(LogLevel.Information);
        using var output = new StringWriter();
        using (var logger = CreateLogger(output, journal: true, level))
        using (var provider = new SerilogLoggerProvider(logger))
        {
            var categoryLogger = provider.CreateLogger("any");
            Message(categoryLogger, LogLevel.Debug, "hidden");
            level.Minimum = LogLevel.Debug;
            Message(categoryLogger, LogLevel.Debug, "shown");
        }

        output.ToString().Should().Be("<7>shown\n");
    }

    [Fact]
    public void Switch_None_StillLetsCriticalThrough()
    {
        var level = new LogLevelSwitch(LogLevel.None);

        level.IsEnabled(LogLevel.Error).Should().BeFalse();
        level.IsEnabled(LogLevel.Critical).Should().BeTrue();
        level.IsEnabled(LogLevel.None).Should().BeFalse();
        level.Serilog.MinimumLevel.Should().Be(LogEventLevel.Fatal);
    }

    [Theory]
    [InlineData(-1, LogLevel.Trace, LogEventLevel.Verbose)]
    [InlineData(7, LogLevel.Critical, LogEventLevel.Fatal)]
    public void Switch_NumberOutsideTheLevels_IsHeldToTheNearestLevel(int value, LogLevel held, LogEventLevel serilog)
    {
        var level = new LogLevelSwitch((LogLevel)value);

        level.Minimum.Should().Be(held);
        level.Serilog.MinimumLevel.Should().Be(serilog);
    }

    [Fact]
    public void Log_OutputFails_DropsTheMessageWithoutThrowing()
    {
        var logger = CreateLogger(new FailingWriter(), journal: true, new LogLevelSwitch());
        using var provider = new SerilogLoggerProvider(logger, dispose: true);
        var categoryLogger = provider.CreateLogger("any");

        categoryLogger.Invoking(l => Message(l, LogLevel.Error, "pool 1: I/O error")).Should().NotThrow();
        provider.Invoking(p => p.Dispose()).Should().NotThrow();
    }

    [Fact]
    public async Task Write_FromManyThreads_KeepsEveryLineWhole()
    {
        using var output = new StringWriter();
        var line = new string('x', 500);
        using (var logger = CreateLogger(output, journal: true, new LogLevelSwitch()))
        using (var provider = new SerilogLoggerProvider(logger))
        {
            var categoryLogger = provider.CreateLogger("any");
            await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            {
                for (var i = 0; i < 250; i++)
                {
                    Message(categoryLogger, LogLevel.Information, line);
                }
            })));
        }

        output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(1000).And.OnlyContain(l => l == "<6>" + line);
    }

    [LoggerMessage(Message = "{Text}")]
    private static partial void Message(Microsoft.Extensions.Logging.ILogger logger, LogLevel level, string text);

    [LoggerMessage(Level = LogLevel.Information, Message = "KVP starting; pid is {Pid}, ABI {Abi}")]
    private static partial void Starting(Microsoft.Extensions.Logging.ILogger logger, int pid, string abi);

    [LoggerMessage(Level = LogLevel.Error, Message = "Pool {Pool} write failed")]
    private static partial void WriteFailed(Microsoft.Extensions.Logging.ILogger logger, byte pool, Exception exception);

    private static Serilog.Core.Logger CreateLogger(TextWriter output, bool journal, LogLevelSwitch level) =>
        KvpDaemonLogging.Configure(new LoggerConfiguration(), journal, level, out var formatter)
            .WriteTo.Sink(new TextWriterSink(output, formatter))
            .CreateLogger();

    private static string Log(bool journal, LogLevel minimum, Action<Microsoft.Extensions.Logging.ILogger> log, string category = "KvpDaemon.Tests", Action<Microsoft.Extensions.Logging.ILogger>? logToCategory = null)
    {
        using var output = new StringWriter();
        using (var logger = CreateLogger(output, journal, new LogLevelSwitch(minimum)))
        using (var provider = new SerilogLoggerProvider(logger))
        {
            log(provider.CreateLogger("KvpDaemon.Tests"));
            logToCategory?.Invoke(provider.CreateLogger(category));
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

    /// <summary>What the console sink does with the formatter, on a writer of the test's.</summary>
    private sealed class TextWriterSink(TextWriter output, ITextFormatter formatter) : ILogEventSink
    {
        private readonly Lock _gate = new();

        public void Emit(LogEvent logEvent)
        {
            lock (_gate)
            {
                formatter.Format(logEvent, output);
                output.Flush();
            }
        }
    }

    /// <summary>Standard output on a full disk.</summary>
    private sealed class FailingWriter : StringWriter
    {
        public override void Write(string? value) => throw new IOException("No space left on device");

        public override void Write(char value) => throw new IOException("No space left on device");

        public override void Write(char[] buffer, int index, int count) => throw new IOException("No space left on device");

        public override void Flush() => throw new IOException("No space left on device");
    }
}

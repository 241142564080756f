// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Cli;

namespace KvpDaemon.Tests.Cli;

public sealed class TextOutputTests
{
    [Theory]
    [InlineData("plain é", "plain é")]
    [InlineData("a\nb", @"a\nb")]
    [InlineData("a\r\tb", @"a\r\tb")]
    [InlineData(@"back\slash", @"back\\slash")]
    [InlineData("bell\u0007", @"bell\x07")]
    [InlineData("del\u007f", @"del\x7f")]
    public void Escape_ControlCharacters_StayOnOneLine(string text, string expected)
    {
        TextOutput.Escape(text).Should().Be(expected);
    }

    [Fact]
    public void WriteTable_LongKey_OverflowsWithoutWideningTheColumnPastTheCap()
    {
        using var output = new StringWriter();
        var longKey = new string('k', 45);

        TextOutput.WriteTable(output, ["KEY", "VALUE"], [["a", "1"], [longKey, "2"]]);

        output.ToString().Should().Be(
            "KEY" + new string(' ', 37) + "  VALUE\n" +
            "a" + new string(' ', 39) + "  1\n" +
            longKey + "  2\n");
    }
}

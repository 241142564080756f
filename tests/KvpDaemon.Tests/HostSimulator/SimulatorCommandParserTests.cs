// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.HostSimulator.Commands;
using KvpDaemon.HostSimulator.Scripting;
using KvpDaemon.Protocol;

namespace KvpDaemon.Tests.HostSimulator;

public sealed class SimulatorCommandParserTests
{
    private const byte Both = (byte)(KvpAddressFamily.ADDR_FAMILY_IPV4 | KvpAddressFamily.ADDR_FAMILY_IPV6);

    public static TheoryData<string, object> ValidLines => new()
    {
        { "get 0 MyKey", new RequestCommand(new KvpGetRequest(0, "MyKey")) },
        { "  GET\t3   MyKey  ", new RequestCommand(new KvpGetRequest(3, "MyKey")) },
        { "get 0 \"key with spaces\"", new RequestCommand(new KvpGetRequest(0, "key with spaces")) },
        { "get 0 \"say \\\"hi\\\" C:\\\\dir\"", new RequestCommand(new KvpGetRequest(0, "say \"hi\" C:\\dir")) },
        { "get 0 \"\"", new RequestCommand(new KvpGetRequest(0, string.Empty)) },
        { "get 255 k", new RequestCommand(new KvpGetRequest(255, "k")) },
        { "set 1 Key the rest of the line ", new RequestCommand(new KvpSetRequest(1, "Key", "the rest of the line")) },
        { "set 1 \"Key A\" \"  padded value \"", new RequestCommand(new KvpSetRequest(1, "Key A", "  padded value ")) },
        { "set 1 Key \"\"", new RequestCommand(new KvpSetRequest(1, "Key", string.Empty)) },
        { "set 0 k a \"quoted\" middle", new RequestCommand(new KvpSetRequest(0, "k", "a \"quoted\" middle")) },
        { "set 0 k # not a comment", new RequestCommand(new KvpSetRequest(0, "k", "# not a comment")) },
        { "delete 4 Gone", new RequestCommand(new KvpDeleteRequest(4, "Gone")) },
        { "enum 2 0", new RequestCommand(new KvpEnumerateRequest(2, 0)) },
        { "enum 0 4294967295", new RequestCommand(new KvpEnumerateRequest(0, uint.MaxValue)) },
        { "enum-all 2", new EnumerateAllCommand(2) },
        { "get-ip-info 00:15:5D:0A:0B:0C", new RequestCommand(new KvpGetIpInfoRequest(0, "00:15:5D:0A:0B:0C", Both)) },
        { "get-ip-info 00:15:5D:0A:0B:0C ipv4", new RequestCommand(new KvpGetIpInfoRequest(0, "00:15:5D:0A:0B:0C", 1)) },
        { "get-ip-info 00:15:5D:0A:0B:0C ipv6", new RequestCommand(new KvpGetIpInfoRequest(0, "00:15:5D:0A:0B:0C", 2)) },
        { "get-ip-info 00:15:5D:0A:0B:0C 0", new RequestCommand(new KvpGetIpInfoRequest(0, "00:15:5D:0A:0B:0C", 0)) },
        {
            "set-ip-info {aa-bb} 0 10.0.0.5;fe80::1 255.255.255.0;64 10.0.0.1 10.0.0.2;10.0.0.3",
            new RequestCommand(new KvpSetIpInfoRequest(
                0, "{aa-bb}", Both, false, "10.0.0.5;fe80::1", "255.255.255.0;64", "10.0.0.1", "10.0.0.2;10.0.0.3"))
        },
        {
            "set-ip-info eth0 1 - - - -",
            new RequestCommand(new KvpSetIpInfoRequest(0, "eth0", 0, true, string.Empty, string.Empty, string.Empty, string.Empty))
        },
        { "op 42 1", new RequestCommand(new KvpUnknownRequest(1, 42)) },
        { "disconnect", new DisconnectCommand() },
        { "wait-registration", new WaitRegistrationCommand() },
    };

    [Theory]
    [MemberData(nameof(ValidLines))]
    public void Parse_ValidLine_ReturnsCommand(string line, object expected)
    {
        SimulatorCommandParser.Parse(line).Should().Be(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \t ")]
    [InlineData("# a comment")]
    [InlineData("   # indented comment get 0 k")]
    public void Parse_BlankOrComment_ReturnsNull(string line)
    {
        SimulatorCommandParser.Parse(line).Should().BeNull();
    }

    [Theory]
    [InlineData("fetch 0 k", "Unknown operation 'fetch'*get POOL KEY*")]
    [InlineData("get", "POOL is missing (usage: get POOL KEY).")]
    [InlineData("get 0", "KEY is missing (usage: get POOL KEY).")]
    [InlineData("get 0 k extra", "Unexpected extra argument 'extra' (usage: get POOL KEY).")]
    [InlineData("get 256 k", "POOL must be a number 0-255*got '256'*")]
    [InlineData("get -1 k", "POOL must be a number 0-255*got '-1'*")]
    [InlineData("get x k", "POOL must be a number*got 'x'*")]
    [InlineData("get 0 \"unterminated", "Unterminated quoted text starting at column 7.")]
    [InlineData("get 0 \"a\"b", "A closing quote must end its token*'b'*")]
    [InlineData("set 0 k", "VALUE is missing*usage: set POOL KEY VALUE*")]
    [InlineData("set 0 k \"v\" trailing", "Unexpected text after the quoted value: 'trailing'.")]
    [InlineData("delete 0", "KEY is missing (usage: delete POOL KEY).")]
    [InlineData("enum 0", "INDEX is missing*")]
    [InlineData("enum 0 -1", "INDEX must be a number 0-4294967295; got '-1'*")]
    [InlineData("enum 0 4294967296", "INDEX must be a number*")]
    [InlineData("enum-all", "POOL is missing (usage: enum-all POOL).")]
    [InlineData("enum-all 0 1", "Unexpected extra argument '1'*")]
    [InlineData("get-ip-info", "MAC is missing*")]
    [InlineData("get-ip-info mac ipv5", "The address family must be a number 0-255; got 'ipv5'*")]
    [InlineData("set-ip-info eth0 2 - - - -", "DHCP must be 0 or 1; got '2'*")]
    [InlineData("set-ip-info eth0 1 - - -", "DNS is missing*")]
    [InlineData("op 300 0", "N must be a number 0-255; got '300'*")]
    [InlineData("op 1", "POOL is missing (usage: op N POOL).")]
    [InlineData("disconnect now", "Unexpected extra argument 'now' (usage: disconnect).")]
    public void Parse_BadLine_ThrowsWithClearMessage(string line, string message)
    {
        var act = () => SimulatorCommandParser.Parse(line);

        act.Should().Throw<SimulatorScriptException>().WithMessage(message);
    }

    [Theory]
    [InlineData(new[] { "get", "0", "MyKey" }, "get 0 MyKey")]
    [InlineData(new[] { "set", "0", "k", "a b" }, "set 0 k \"a b\"")]
    [InlineData(new[] { "set", "0", "k", "" }, "set 0 k \"\"")]
    [InlineData(new[] { "get", "0", "say \"hi\"\\" }, "get 0 \"say \\\"hi\\\"\\\\\"")]
    public void JoinArguments_Arguments_QuotesWhatNeedsIt(string[] arguments, string line)
    {
        SimulatorCommandParser.JoinArguments(arguments).Should().Be(line);
    }

    [Theory]
    [InlineData((object)new[] { "set", "0", "key one", "value  with  spaces" })]
    [InlineData((object)new[] { "get", "1", "tab\there" })]
    [InlineData((object)new[] { "get", "1", "back\\slash\"quote" })]
    public void JoinArguments_ThenParse_RoundTripsTokens(string[] arguments)
    {
        var parsed = SimulatorCommandParser.Parse(SimulatorCommandParser.JoinArguments(arguments));

        var request = parsed.Should().BeOfType<RequestCommand>().Subject.Request;
        var key = request switch
        {
            KvpSetRequest set => set.Key.ToString(),
            KvpGetRequest get => get.Key.ToString(),
            _ => null,
        };
        key.Should().Be(arguments[2]);
        if (request is KvpSetRequest setRequest)
        {
            setRequest.Value.ToString().Should().Be(arguments[3]);
        }
    }

    [Fact]
    public void ParseScript_SeveralBadLines_ReportsEachWithLineNumber()
    {
        var script = "# header\nget 0 k\r\nget\nset 0 k v\nbogus\n";

        var act = () => ScriptCommand.ParseScript(script, "test.kvp");

        act.Should().Throw<SimulatorScriptException>()
            .Where(e => e.Message.Contains("test.kvp:3: POOL is missing", StringComparison.Ordinal)
                && e.Message.Contains("test.kvp:5: Unknown operation 'bogus'", StringComparison.Ordinal));
    }

    [Fact]
    public void ParseScript_ValidScript_KeepsLineNumbers()
    {
        var commands = ScriptCommand.ParseScript("# header\n\nget 0 k\nenum-all 1\n", "test.kvp");

        commands.Select(c => c.LineNumber).Should().Equal(3, 4);
        commands[1].Command.Should().Be(new EnumerateAllCommand(1));
    }

    [Theory]
    [InlineData("100,1000,10000", new[] { 100, 1000, 10000 })]
    [InlineData(" 5 , 7 ", new[] { 5, 7 })]
    public void ParseSizes_List_ReturnsSizes(string text, int[] sizes)
    {
        BenchCommand.ParseSizes(text).Should().Equal(sizes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("100,x")]
    [InlineData("0")]
    [InlineData("-5")]
    public void ParseSizes_Bad_Throws(string text)
    {
        var act = () => BenchCommand.ParseSizes(text);

        act.Should().Throw<ArgumentException>().WithMessage("--sizes*");
    }
}

// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.HostSimulator.Scripting;
using KvpDaemon.HostSimulator.Simulation;
using KvpDaemon.Protocol;

namespace KvpDaemon.Tests.HostSimulator;

public sealed class ReplyFormatterTests
{
    public static TheoryData<object, string[]> Replies => new()
    {
        { KvpStatusReply.Ok, ["OK"] },
        { KvpStatusReply.Continue, ["HV_S_CONT (0x80070103)"] },
        { KvpStatusReply.Fail, ["HV_E_FAIL (0x80004005)"] },
        { new KvpStatusReply(HvStatus.HV_ERROR_NOT_SUPPORTED), ["HV_ERROR_NOT_SUPPORTED (0x80070032)"] },
        { new KvpStatusReply((HvStatus)0x12345678), ["UNKNOWN_STATUS (0x12345678)"] },
        { new KvpGetReply("a value with spaces"), ["OK value=a value with spaces"] },
        { new KvpGetReply(KvpText.Empty), ["OK value="] },
        { new KvpEnumerateReply("Key", "Value"), ["OK key=Key value=Value"] },
        { new KvpGetReply("two\nlines\tand\\ \u0001"), ["OK value=two\\nlines\\tand\\\\ \\x01"] },
        {
            new KvpIpInfoReply("00:15:5D:0A:0B:0C", 3, true, "10.0.0.5;fe80::1", "255.255.255.0;/64", "10.0.0.1;", "10.0.0.2;"),
            [
                "OK", "adapter_id=00:15:5D:0A:0B:0C", "addr_family=3", "dhcp_enabled=1", "ip_addr=10.0.0.5;fe80::1",
                "sub_net=255.255.255.0;/64", "gate_way=10.0.0.1;", "dns_addr=10.0.0.2;",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(Replies))]
    public void Format_Reply_PrintsStableLines(object reply, string[] lines)
    {
        ReplyFormatter.Format((KvpReply)reply).Should().Equal(lines);
    }

    [Fact]
    public void Format_Enumeration_PrintsItemsThenEnd()
    {
        var enumeration = new KvpEnumeration(
            [new KvpEnumerateReply("a", "1"), new KvpEnumerateReply("b", "2")], HvStatus.HV_S_CONT);

        ReplyFormatter.Format(enumeration).Should().Equal(
            "OK key=a value=1", "OK key=b value=2", "END count=2 HV_S_CONT (0x80070103)");
    }

    [Fact]
    public void Format_EmptyEnumerationEndingInFailure_PrintsEndWithStatus()
    {
        ReplyFormatter.Format(new KvpEnumeration([], HvStatus.HV_E_FAIL))
            .Should().Equal("END count=0 HV_E_FAIL (0x80004005)");
    }
}

// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Protocol;
using static KvpDaemon.Tests.Infrastructure.Golden;

namespace KvpDaemon.Tests.Protocol;

/// <summary>Daemon-to-kernel replies at the offsets each kernel reads them from (docs/protocol.md 3.5), byte for byte.</summary>
public sealed class KvpCodecEncodeTests
{
    [Theory]
    [InlineData("linux", 0x80070103u, "03 01 07 80")] // HV_S_CONT
    [InlineData("freebsd", 0x80004005u, "05 40 00 80")] // HV_E_FAIL
    [InlineData("linux", 0x80070032u, "32 00 07 80")] // HV_ERROR_NOT_SUPPORTED
    [InlineData("freebsd", 0x80070057u, "57 00 07 80")] // HV_INVALIDARG
    [InlineData("linux", 0x80041002u, "02 10 04 80")] // HV_GUID_NOTFOUND
    public void EncodeReply_Status_OverwritesHeaderLittleEndianAndNothingElse(string abi, uint status, string bytes)
    {
        var message = new byte[Abi(abi).MessageSize];
        message.AsSpan().Fill(0xcc);

        KvpCodec.EncodeReply(Abi(abi), new KvpStatusReply((HvStatus)status), message);

        message.Should().Equal(Message(Abi(abi), (0, bytes)));
    }

    [Theory]
    [InlineData("linux", 532)] // the Linux kernel reads a GET value at the enumerate offset (QUIRK-10)
    [InlineData("freebsd", 528)]
    public void EncodeReply_Get_PlacesValueWhereTheKernelReadsIt(string abi, int valueOffset)
    {
        var message = new byte[Abi(abi).MessageSize];

        KvpCodec.EncodeReply(Abi(abi), new KvpGetReply("stored value"), message);

        message.Should().Equal(Message(Abi(abi), (0, "00 00 00 00"), (valueOffset, Z("stored value"))));
    }

    [Theory]
    [InlineData("linux")]
    [InlineData("freebsd")]
    public void EncodeReply_Enumerate_KeyAtAbs20ValueAtAbs532(string abi)
    {
        var message = new byte[Abi(abi).MessageSize];

        KvpCodec.EncodeReply(Abi(abi), new KvpEnumerateReply("OSName", "Debian GNU/Linux"), message);

        message.Should().Equal(Message(Abi(abi), (20, Z("OSName")), (532, Z("Debian GNU/Linux"))));
    }

    [Theory]
    [InlineData("linux")]
    [InlineData("freebsd")]
    public void EncodeReply_IpInfo_WritesEveryFieldAndEchoesTheAdapter(string abi)
    {
        var message = new byte[Abi(abi).MessageSize];
        var reply = new KvpIpInfoReply("00:15:5D:01:02:03", 3, true, "10.0.0.5;fe80::1", "255.255.255.0;/64", "10.0.0.1;", "10.0.0.53;");

        KvpCodec.EncodeReply(Abi(abi), reply, message);

        message.Should().Equal(Message(
            Abi(abi),
            (4, Z("00:15:5D:01:02:03")),
            (260, "03 01"),
            (262, Z("10.0.0.5;fe80::1")),
            (2310, Z("255.255.255.0;/64")),
            (4358, Z("10.0.0.1;")),
            (5382, Z("10.0.0.53;"))));
    }

    [Fact]
    public void EncodeReply_StatusNotOk_WritesNoData()
    {
        var message = new byte[KvpAbi.Linux.MessageSize];

        KvpCodec.EncodeReply(KvpAbi.Linux, new KvpEnumerateReply("k", "v") with { }, message);
        KvpCodec.EncodeReply(KvpAbi.Linux, KvpStatusReply.Continue, message);

        message.Should().Equal(Message(KvpAbi.Linux, (0, "03 01 07 80")));
    }

    [Fact]
    public void EncodeReply_ValueLongerThanField_IsCutAtACharacterBoundaryAndTerminated()
    {
        var message = new byte[KvpAbi.Linux.MessageSize];

        // 1,023 two-byte characters = 2,046 bytes, then one three-byte character that does not fit in 2,047.
        var value = new string('é', 1023) + "€";
        KvpCodec.EncodeReply(KvpAbi.Linux, new KvpEnumerateReply("k", value), message);

        var field = message.AsSpan(532, 2048);
        field.IndexOf((byte)0).Should().Be(2046);
        System.Text.Unicode.Utf8.IsValid(field[..2046]).Should().BeTrue();
    }

    [Fact]
    public void EncodeReply_RecordWithInvalidUtf8_IsSentWithReplacementCharacters()
    {
        var message = new byte[KvpAbi.FreeBsd.MessageSize];
        var invalid = KvpText.FromField([0x61, 0xff, 0x62, 0x00]);

        KvpCodec.EncodeReply(KvpAbi.FreeBsd, new KvpEnumerateReply("k", invalid), message);

        message.AsSpan(532, 6).ToArray().Should().Equal(Hex("61 ef bf bd 62 00"));
    }

    [Theory]
    [InlineData("linux")]
    [InlineData("freebsd")]
    public void EncodeRequest_ThenDecodeRequest_RoundTripsEveryOperation(string abi)
    {
        KvpRequest[] requests =
        [
            new KvpGetRequest(0, "k"),
            new KvpSetRequest(1, "ключ", "значение"),
            new KvpDeleteRequest(4, "k"),
            new KvpEnumerateRequest(3, uint.MaxValue),
            new KvpGetIpInfoRequest(0, "00-15-5d-01-02-03", 2),
            new KvpSetIpInfoRequest(0, "{guid}", 3, false, "a", "b", "c", "d"),
            new KvpUnknownRequest(200, 9),
        ];
        var message = new byte[Abi(abi).MessageSize];

        foreach (var request in requests)
        {
            KvpCodec.EncodeRequest(Abi(abi), request, message);
            KvpCodec.DecodeRequest(Abi(abi), message).Should().Be(request);
        }
    }

    [Fact]
    public void EncodeRequest_Set_SizesAsTheLinuxKernelComputesThem()
    {
        var message = new byte[KvpAbi.Linux.MessageSize];

        KvpCodec.EncodeRequest(KvpAbi.Linux, new KvpSetRequest(1, "ab", "é"), message);

        message.Should().Equal(Message(KvpAbi.Linux, (0, "01 01"), (8, "03 00 00 00"), (12, "03 00 00 00"), (16, Z("ab")), (528, "c3 a9 00")));
    }
}

// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Protocol;
using static KvpDaemon.Tests.Infrastructure.Golden;

namespace KvpDaemon.Tests.Protocol;

/// <summary>Kernel-to-daemon messages as both kernels lay them out (docs/protocol.md 2.3 and 3.4), byte for byte.</summary>
public sealed class KvpCodecDecodeTests
{
    [Theory]
    [InlineData("linux", 7432)]
    [InlineData("freebsd", 7430)]
    public void MessageSize_PerAbi_MatchesSizeofHvKvpMsg(string abi, int size) => Abi(abi).MessageSize.Should().Be(size);

    [Theory]
    [InlineData("linux")]
    [InlineData("freebsd")]
    public void DecodeRequest_Get_ReadsKeyAtAbs16AndIgnoresSizes(string abi)
    {
        // op 0 (GET), pool 3; key_size 4 at abs 8 is ignored in favour of the NUL (QUIRK-16).
        var message = Message(Abi(abi), (0, "00 03"), (8, "ff 00 00 00"), (16, Z("abc")));

        KvpCodec.DecodeRequest(Abi(abi), message).Should().Be(new KvpGetRequest(3, "abc"));
    }

    [Theory]
    [InlineData("linux")]
    [InlineData("freebsd")]
    public void DecodeRequest_Set_ReadsKeyAtAbs16AndValueAtAbs528(string abi)
    {
        var message = Message(Abi(abi), (0, "01 00"), (8, "04 00 00 00"), (12, "06 00 00 00"), (16, Z("key")), (528, Z("value")));

        KvpCodec.DecodeRequest(Abi(abi), message).Should().Be(new KvpSetRequest(0, "key", "value"));
    }

    [Theory]
    [InlineData("linux")]
    [InlineData("freebsd")]
    public void DecodeRequest_Delete_ReadsKeyAtAbs8(string abi)
    {
        var message = Message(Abi(abi), (0, "02 01"), (4, "02 00 00 00"), (8, Z("k")));

        KvpCodec.DecodeRequest(Abi(abi), message).Should().Be(new KvpDeleteRequest(1, "k"));
    }

    [Theory]
    [InlineData("linux", "07 00 00 00", 7u)]
    [InlineData("freebsd", "ff ff ff ff", uint.MaxValue)]
    [InlineData("linux", "00 00 00 80", 0x80000000u)] // QUIRK-21: would be negative as a C int
    public void DecodeRequest_Enumerate_ReadsUnsignedIndexAtAbs4(string abi, string indexBytes, uint index)
    {
        var message = Message(Abi(abi), (0, "03 02"), (4, indexBytes));

        KvpCodec.DecodeRequest(Abi(abi), message).Should().Be(new KvpEnumerateRequest(2, index));
    }

    [Theory]
    [InlineData("linux")]
    [InlineData("freebsd")]
    public void DecodeRequest_GetIpInfo_ReadsAdapterIdAtAbs4AndFamilyAtAbs260(string abi)
    {
        var message = Message(Abi(abi), (0, "04 00"), (4, Z("00:15:5D:01:02:03")), (260, "03"));

        KvpCodec.DecodeRequest(Abi(abi), message).Should().Be(new KvpGetIpInfoRequest(0, "00:15:5D:01:02:03", 3));
    }

    [Theory]
    [InlineData("linux")]
    [InlineData("freebsd")]
    public void DecodeRequest_SetIpInfo_ReadsEveryField(string abi)
    {
        var message = Message(
            Abi(abi),
            (0, "05 00"),
            (4, Z("{a1b2c3d4-0000-0000-0000-000000000001}")),
            (260, "01"),
            (261, "01"),
            (262, Z("192.168.1.10;192.168.1.11")),
            (2310, Z("255.255.255.0;255.255.255.0")),
            (4358, Z("192.168.1.1")),
            (5382, Z("8.8.8.8")));

        KvpCodec.DecodeRequest(Abi(abi), message).Should().Be(new KvpSetIpInfoRequest(
            0,
            "{a1b2c3d4-0000-0000-0000-000000000001}",
            1,
            true,
            "192.168.1.10;192.168.1.11",
            "255.255.255.0;255.255.255.0",
            "192.168.1.1",
            "8.8.8.8"));
    }

    [Theory]
    [InlineData("linux", "06")]
    [InlineData("freebsd", "63")]
    [InlineData("linux", "64")] // a second REGISTER1 reply after the handshake
    [InlineData("freebsd", "ff")]
    public void DecodeRequest_UnknownOperation_DecodesAsUnknown(string abi, string op)
    {
        var message = Message(Abi(abi), (0, op + " 07"));

        KvpCodec.DecodeRequest(Abi(abi), message).Should().Be(new KvpUnknownRequest(7, Convert.ToByte(op, 16)));
    }

    [Fact]
    public void DecodeRequest_KeyWithoutTerminator_IsCutAt511Bytes()
    {
        var message = Message(KvpAbi.Linux, (0, "00 00"));
        message.AsSpan(16, 512).Fill((byte)'k');

        var request = (KvpGetRequest)KvpCodec.DecodeRequest(KvpAbi.Linux, message);

        request.Key.Length.Should().Be(511);
    }

    [Theory]
    [InlineData("linux", 7430)] // a FreeBSD-sized message on Linux
    [InlineData("freebsd", 7432)]
    [InlineData("linux", 0)]
    public void DecodeRequest_WrongSize_Throws(string abi, int size)
    {
        var act = () => KvpCodec.DecodeRequest(Abi(abi), new byte[size]);

        act.Should().Throw<ArgumentException>().WithMessage("*bytes*");
    }

    [Fact]
    public void TryDecodeRegistrationReply_LinuxReply_ReadsVersionAtAbs4()
    {
        var message = Message(KvpAbi.Linux, (0, "64"), (4, Z("3.1")));

        KvpCodec.TryDecodeRegistrationReply(KvpAbi.Linux, message, out var version).Should().BeTrue();
        version.Should().Be("3.1");
    }

    [Theory]
    [InlineData("linux", "00")] // not op 100
    [InlineData("freebsd", "04")] // FreeBSD never replies to registration
    public void TryDecodeRegistrationReply_OtherMessages_AreNotReplies(string abi, string op)
    {
        KvpCodec.TryDecodeRegistrationReply(Abi(abi), Message(Abi(abi), (0, op)), out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("linux", "64")] // KVP_OP_REGISTER1 = 100
    [InlineData("freebsd", "04")] // HV_KVP_OP_REGISTER = 4
    public void EncodeRegistration_WritesZeroedMessageWithRegisterOp(string abi, string op)
    {
        var message = new byte[Abi(abi).MessageSize];
        message.AsSpan().Fill(0xcc);

        KvpCodec.EncodeRegistration(Abi(abi), message);

        message.Should().Equal(Message(Abi(abi), (0, op)));
    }
}

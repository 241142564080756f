// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Buffers.Binary;
using System.Text;
using KvpDaemon.Protocol;
using static KvpDaemon.Protocol.KvpWireLayout;

namespace KvpDaemon.Tests.Hostile;

/// <summary>
/// Hand-made hostile messages through decoder, dispatcher and encoder, for both ABIs: each gets a defined status, no
/// exception escapes, replies are well-formed, and only a successful SET or DELETE changes a pool file.
/// </summary>
public sealed class HostileMessageTests
{
    public static TheoryData<string> Abis => new() { "linux", "freebsd" };

    /// <summary>
    /// Operation bytes, in the order sent per pool (SET, GET, ENUMERATE, DELETE first): the six defined ones, the
    /// sentinel, 7, and the registration opcodes after registration.
    /// </summary>
    private static readonly byte[] Operations = [1, 0, 3, 2, 4, 5, 6, 7, 99, 100, 101, 255];

    [Theory]
    [MemberData(nameof(Abis))]
    public async Task EveryOperation_EveryPoolByte_GetsItsDefinedStatus(string abiName)
    {
        using var rig = new HostileRig(Abi(abiName));
        var problems = new List<string>();
        for (var pool = 0; pool <= 255; pool++)
        {
            foreach (var operation in Operations)
            {
                var message = rig.Message(operation, (byte)pool);
                FillForOperation(message, operation);
                var exchange = await CheckedAsync(rig, message, problems, $"op {operation} pool {pool}");
                var expected = ExpectedStatus(operation, (byte)pool);
                if (exchange.Status != expected)
                {
                    problems.Add($"op {operation} pool {pool}: {exchange.Status}, expected {expected}");
                }
            }
        }

        problems.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(Abis))]
    public async Task UnterminatedKeyAndValue_AreCutBeforeTheLastByteAndStored(string abiName)
    {
        using var rig = new HostileRig(Abi(abiName));
        var problems = new List<string>();

        // Every byte of both fields set, and absurd sizes that must be ignored (QUIRK-16).
        var set = rig.Message(1, 1);
        set.AsSpan(GetSetKey, HV_KVP_EXCHANGE_MAX_KEY_SIZE).Fill((byte)'k');
        set.AsSpan(GetSetValue, HV_KVP_EXCHANGE_MAX_VALUE_SIZE).Fill((byte)'v');
        BinaryPrimitives.WriteUInt32LittleEndian(set.AsSpan(GetSetKeySize), uint.MaxValue);
        BinaryPrimitives.WriteUInt32LittleEndian(set.AsSpan(GetSetValueSize), uint.MaxValue);
        (await CheckedAsync(rig, set, problems, "SET unterminated")).Status.Should().Be(HvStatus.HV_S_OK);

        var get = rig.Message(0, 1);
        set.AsSpan(GetSetKey, HV_KVP_EXCHANGE_MAX_KEY_SIZE).CopyTo(get.AsSpan(GetSetKey));
        var reply = await CheckedAsync(rig, get, problems, "GET unterminated");

        reply.Reply.Should().Be(new KvpGetReply(new string('v', 2047)));
        ReadField(reply.Encoded, rig.Abi.GetReplyValueOffset, HV_KVP_EXCHANGE_MAX_VALUE_SIZE).Should().Be(new string('v', 2047));
        var stored = File.ReadAllBytes(rig.PoolPath(1));
        stored.Should().HaveCount(2560);
        Encoding.ASCII.GetString(stored, 0, 512).Should().Be(new string('k', 511) + "\0");
        problems.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(Abis))]
    public async Task DeleteAndEnumerate_UnterminatedOrOversizedFields_AreDefined(string abiName)
    {
        using var rig = new HostileRig(Abi(abiName));
        var problems = new List<string>();

        var delete = rig.Message(2, 0);
        delete.AsSpan(DeleteKey, delete.Length - DeleteKey).Fill(0xEE);
        BinaryPrimitives.WriteUInt32LittleEndian(delete.AsSpan(DeleteKeySize), uint.MaxValue);
        (await CheckedAsync(rig, delete, problems, "DELETE unterminated")).Status.Should().Be(HvStatus.HV_S_CONT);

        // Everything after the header is 0xFF: an ENUMERATE index of 2^32 - 1 and garbage where nothing is read.
        var enumerate = rig.Message(3, 0);
        enumerate.AsSpan(Body).Fill(0xFF);
        (await CheckedAsync(rig, enumerate, problems, "ENUMERATE all 0xFF")).Status.Should().Be(HvStatus.HV_S_CONT);
        problems.Should().BeEmpty();
    }

    public static TheoryData<string, byte[]> InvalidUtf8 => new()
    {
        { "linux", [0xC3, 0x28] },
        { "linux", [0xFF, 0xFE, 0xFD] },
        { "linux", [0xC0, 0xAF] },             // overlong '/'
        { "linux", [0xED, 0xA0, 0x80] },       // UTF-16 surrogate
        { "linux", [0xF4, 0x90, 0x80, 0x80] }, // past U+10FFFF
        { "linux", [(byte)'a', 0xE2, 0x82] },  // truncated sequence
        { "freebsd", [0xC3, 0x28] },
        { "freebsd", [0xED, 0xA0, 0x80] },
        { "freebsd", [(byte)'a', 0xE2, 0x82] },
    };

    [Theory]
    [MemberData(nameof(InvalidUtf8))]
    public async Task InvalidUtf8KeyAndValue_AreStoredAsIsAndAnsweredAsWellFormedUtf8(string abiName, byte[] bytes)
    {
        using var rig = new HostileRig(Abi(abiName));
        var problems = new List<string>();

        var set = rig.Message(1, 3);
        bytes.CopyTo(set, GetSetKey);
        bytes.CopyTo(set, GetSetValue);
        (await CheckedAsync(rig, set, problems, "SET")).Status.Should().Be(HvStatus.HV_S_OK);

        var get = rig.Message(0, 3);
        bytes.CopyTo(get, GetSetKey);
        var got = await CheckedAsync(rig, get, problems, "GET");
        var enumerated = await CheckedAsync(rig, rig.Message(3, 3), problems, "ENUMERATE");
        var delete = rig.Message(2, 3);
        bytes.CopyTo(delete, DeleteKey);
        var deleted = await CheckedAsync(rig, delete, problems, "DELETE");

        got.Status.Should().Be(HvStatus.HV_S_OK);
        enumerated.Status.Should().Be(HvStatus.HV_S_OK);
        deleted.Status.Should().Be(HvStatus.HV_S_OK);
        ReadField(got.Encoded, rig.Abi.GetReplyValueOffset, HV_KVP_EXCHANGE_MAX_VALUE_SIZE).Should().Contain("\uFFFD");
        File.ReadAllBytes(rig.PoolPath(3)).Should().BeEmpty();
        problems.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(Abis))]
    public async Task Enumerate_IndexesNear2To32_AnswerContinueOnEveryPool(string abiName)
    {
        using var rig = new HostileRig(Abi(abiName));
        var problems = new List<string>();
        var set = rig.Message(1, 4);
        "only"u8.CopyTo(set.AsSpan(GetSetKey));
        (await CheckedAsync(rig, set, problems, "SET")).Status.Should().Be(HvStatus.HV_S_OK);

        uint[] indexes = [1, 10, 0x7FFF_FFFF, 0x8000_0000, 0x8000_0001, 0xFFFF_FFFE, 0xFFFF_FFFF];
        for (var pool = 0; pool <= 255; pool++)
        {
            foreach (var index in indexes)
            {
                var message = rig.Message(3, (byte)pool);
                BinaryPrimitives.WriteUInt32LittleEndian(message.AsSpan(EnumerateIndex), index);
                var exchange = await CheckedAsync(rig, message, problems, $"pool {pool} index {index}");
                var expected = pool == 2 && index < 10 ? HvStatus.HV_S_OK : HvStatus.HV_S_CONT;
                if (exchange.Status != expected)
                {
                    problems.Add($"pool {pool} index {index}: {exchange.Status}, expected {expected}");
                }
            }
        }

        problems.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(Abis))]
    public async Task IpInfo_OversizedAndHostileStrings_GetDefinedStatuses(string abiName)
    {
        using var rig = new HostileRig(Abi(abiName));
        var problems = new List<string>();

        // GET_IP_INFO: the known MAC answers OK; an unterminated adapter id, invalid UTF-8 and a near-MAC fail.
        (await CheckedAsync(rig, IpMessage(rig, 4, HostileRig.Mac), problems, "known MAC")).Status.Should().Be(HvStatus.HV_S_OK);
        var unterminated = rig.Message(4, 0);
        unterminated.AsSpan(IpAdapterId, IpAdapterIdSize).Fill((byte)'A');
        (await CheckedAsync(rig, unterminated, problems, "unterminated")).Status.Should().Be(HvStatus.HV_E_FAIL);
        (await CheckedAsync(rig, IpMessage(rig, 4, "00:15:5D:0A:0B:01\u00e9"), problems, "MAC+e")).Status.Should().Be(HvStatus.HV_E_FAIL);
        var invalid = rig.Message(4, 0);
        new byte[] { 0xC3, 0x28, 0xFF }.CopyTo(invalid, IpAdapterId);
        (await CheckedAsync(rig, invalid, problems, "invalid UTF-8")).Status.Should().Be(HvStatus.HV_E_FAIL);

        // SET_IP_INFO: unknown adapter, every string field full and unterminated, a 2047-byte address token.
        (await CheckedAsync(rig, IpMessage(rig, 5, "{00000000-0000-0000-0000-000000000000}"), problems, "unknown GUID"))
            .Status.Should().Be(HvStatus.HV_GUID_NOTFOUND);
        var full = rig.Message(5, 0);
        full.AsSpan(Body).Fill((byte)'9');
        (await CheckedAsync(rig, full, problems, "all '9'")).Status.Should().NotBe(HvStatus.HV_S_OK);
        var longToken = IpMessage(rig, 5, HostileRig.AdapterGuid);
        longToken.AsSpan(IpAddr, IpAddrSize - 1).Fill((byte)'1');
        "255.255.255.0"u8.CopyTo(longToken.AsSpan(IpSubNet));
        (await CheckedAsync(rig, longToken, problems, "long token")).Status.Should().BeOneOf(HvStatus.HV_INVALIDARG, HvStatus.HV_E_FAIL);
        rig.CommandsRun.Should().Be(0);
        problems.Should().BeEmpty();
    }

    private static KvpAbi Abi(string name) => KvpAbi.TryParse(name, out var abi) ? abi : throw new ArgumentException(name);

    /// <summary>GET_IP_INFO or SET_IP_INFO for <paramref name="adapterId"/>; SET_IP_INFO carries one valid IPv4 address.</summary>
    private static byte[] IpMessage(HostileRig rig, byte operation, string adapterId)
    {
        var message = rig.Message(operation, 0);
        FillIp(message, adapterId);
        return message;
    }

    private static void FillIp(byte[] message, string adapterId)
    {
        Encoding.UTF8.GetBytes(adapterId).CopyTo(message, IpAdapterId);
        message[IpAddrFamily] = 1;
        "192.0.2.5"u8.CopyTo(message.AsSpan(IpAddr));
        "255.255.255.0"u8.CopyTo(message.AsSpan(IpSubNet));
    }

    /// <summary>A plausible body for each operation: key "k", value "v", index 0, the known MAC or GUID.</summary>
    private static void FillForOperation(byte[] message, byte operation)
    {
        switch (operation)
        {
            case 0:
                "k"u8.CopyTo(message.AsSpan(GetSetKey));
                break;
            case 1:
                "k"u8.CopyTo(message.AsSpan(GetSetKey));
                "v"u8.CopyTo(message.AsSpan(GetSetValue));
                break;
            case 2:
                "k"u8.CopyTo(message.AsSpan(DeleteKey));
                break;
            case 4:
                Encoding.ASCII.GetBytes(HostileRig.Mac).CopyTo(message, IpAdapterId);
                break;
            case 5:
                FillIp(message, "{00000000-0000-0000-0000-000000000000}");
                break;
            default:
                break;
        }
    }

    /// <summary>
    /// The status for <see cref="FillForOperation"/>'s message, in the order the test sends them per pool: SET "k",
    /// then GET "k" and ENUMERATE 0 find it, DELETE "k" removes it; pool 2 refuses SET and DELETE (4.1) but has ten
    /// items; pools of 5 or more refuse everything (QUIRK-20).
    /// </summary>
    private static HvStatus ExpectedStatus(byte operation, byte pool)
    {
        var stored = pool is 0 or 1 or 3 or 4;
        return operation switch
        {
            0 => stored ? HvStatus.HV_S_OK : HvStatus.HV_S_CONT,
            1 => stored ? HvStatus.HV_S_OK : HvStatus.HV_S_CONT,
            2 => stored ? HvStatus.HV_S_OK : HvStatus.HV_S_CONT,
            3 => stored || pool == 2 ? HvStatus.HV_S_OK : HvStatus.HV_S_CONT,
            4 => HvStatus.HV_S_OK,
            5 => HvStatus.HV_GUID_NOTFOUND,
            _ => HvStatus.HV_ERROR_NOT_SUPPORTED,
        };
    }

    private static async Task<HostileRig.Exchange> CheckedAsync(HostileRig rig, byte[] message, List<string> problems, string what)
    {
        var before = rig.Snapshot();
        var exchange = await rig.ExchangeAsync(message);
        var after = rig.Snapshot();
        problems.AddRange(ReplyInvariants.Check(rig.Abi, exchange, before, after).Select(problem => $"{what}: {problem}"));
        return exchange;
    }

    private static string ReadField(byte[] message, int offset, int size)
    {
        var field = message.AsSpan(offset, size);
        return Encoding.UTF8.GetString(field[..field.IndexOf((byte)0)]);
    }
}

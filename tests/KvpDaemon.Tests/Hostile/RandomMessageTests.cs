// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Text;
using KvpDaemon.Protocol;
using Xunit.Abstractions;
using static KvpDaemon.Protocol.KvpWireLayout;

namespace KvpDaemon.Tests.Hostile;

/// <summary>
/// 100,000 messages of random bytes per ABI (fixed seed) through decoder, dispatcher and encoder: the same invariants
/// as <see cref="HostileMessageTests"/> hold for every one.
/// </summary>
public sealed class RandomMessageTests(ITestOutputHelper output)
{
    private const int Messages = 100_000;

    /// <summary>The pool files are emptied this often, so that comparing them before and after stays cheap.</summary>
    private const int ClearEvery = 500;

    /// <summary>Operation bytes: the defined 0 to 5, the sentinel 6, 7, and REGISTER1 (100).</summary>
    private static readonly byte[] Operations = [0, 1, 2, 3, 4, 5, 6, 7, 100];

    [Theory]
    [InlineData("linux", 6_001UL)]
    [InlineData("freebsd", 6_002UL)]
    public async Task RandomMessages_KeepEveryInvariant(string abiName, ulong seed)
    {
        if (!KvpAbi.TryParse(abiName, out var abi))
        {
            throw new Xunit.Sdk.XunitException($"No ABI is called {abiName}.");
        }

        using var rig = new HostileRig(abi);
        var random = new SplitMix64(seed);
        var problems = new List<string>();
        var statuses = new Dictionary<(string, HvStatus), int>();
        var ticks = new Dictionary<string, long>();
        long checking = 0;
        var stopwatch = Stopwatch.StartNew();
        var before = rig.Snapshot();
        for (var i = 0; i < Messages && problems.Count < 20; i++)
        {
            if (i % ClearEvery == 0)
            {
                rig.ClearPools();
                before = rig.Snapshot();
            }

            var message = RandomMessage(random, rig);
            HostileRig.Exchange exchange;
            var start = Stopwatch.GetTimestamp();
            try
            {
                exchange = await rig.ExchangeAsync(message);
            }
            catch (Exception exception)
            {
                problems.Add($"message {i} (op {message[Operation]}, pool {message[Pool]}): {exception}");
                before = rig.Snapshot();
                continue;
            }

            var name = exchange.Request.GetType().Name;
            ticks[name] = ticks.GetValueOrDefault(name) + (Stopwatch.GetTimestamp() - start);
            var checkStart = Stopwatch.GetTimestamp();
            var after = rig.Snapshot();
            problems.AddRange(ReplyInvariants.Check(abi, exchange, before, after).Select(problem => $"message {i}: {problem}"));
            checking += Stopwatch.GetTimestamp() - checkStart;
            if (exchange.Request is KvpSetRequest set && exchange.Status == HvStatus.HV_S_OK)
            {
                // A successful SET is readable at once.
                var check = await rig.ExchangeAsync(GetMessage(rig, set.Pool, set.Key));
                if (check.Reply != new KvpGetReply(set.Value))
                {
                    problems.Add($"message {i}: the value set in pool {set.Pool} reads back as {check.Reply}");
                }
            }

            statuses[(name, exchange.Status)] = statuses.GetValueOrDefault((name, exchange.Status)) + 1;
            before = after;
        }

        output.WriteLine($"{Messages} messages in {stopwatch.Elapsed.TotalSeconds:0.0} s, of which {Stopwatch.GetElapsedTime(0, checking).TotalSeconds:0.0} s snapshots and checks");
        foreach (var ((name, status), count) in statuses.OrderBy(pair => pair.Key.Item1, StringComparer.Ordinal))
        {
            output.WriteLine($"{name,-22} {status,-30} {count,7}");
        }

        foreach (var (name, spent) in ticks.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{name,-22} {TimeSpan.FromTicks(spent * TimeSpan.TicksPerSecond / Stopwatch.Frequency).TotalMilliseconds,8:0} ms in decode, dispatch and encode");
        }

        problems.Should().BeEmpty();
        statuses.Keys.Should().Contain([("KvpSetRequest", HvStatus.HV_S_OK), ("KvpDeleteRequest", HvStatus.HV_S_OK)],
            "the run must exercise successful writes, or the file invariant is not tested");
    }

    /// <summary>
    /// Random bytes with a random operation and pool. One message in four uses a key from a small set in a stored pool
    /// instead, so that GET, DELETE and modifying SETs find records.
    /// </summary>
    private static byte[] RandomMessage(SplitMix64 random, HostileRig rig)
    {
        var message = new byte[rig.Abi.MessageSize];
        random.NextBytes(message);
        message[Operation] = Operations[random.Next(Operations.Length)];
        message[Pool] = (byte)random.Next(256);
        if (random.Next(4) == 0)
        {
            byte[] stored = [0, 1, 3, 4];
            message[Pool] = stored[random.Next(stored.Length)];
            var key = Encoding.ASCII.GetBytes($"k{random.Next(4)}\0");
            key.CopyTo(message, message[Operation] == 2 ? DeleteKey : GetSetKey);
            if (random.Next(2) == 0)
            {
                Encoding.ASCII.GetBytes($"v{random.Next(1000)}\0").CopyTo(message, GetSetValue);
            }
        }

        return message;
    }

    private static byte[] GetMessage(HostileRig rig, byte pool, KvpText key)
    {
        var message = rig.Message(0, pool);
        key.Bytes.CopyTo(message.AsSpan(GetSetKey));
        return message;
    }
}

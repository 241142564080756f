// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.HostSimulator.Daemon;
using KvpDaemon.HostSimulator.Scripting;
using KvpDaemon.HostSimulator.Simulation;
using KvpDaemon.Pools;
using KvpDaemon.Protocol;

namespace KvpDaemon.HostSimulator.Demo;

/// <summary>
/// What a Hyper-V host does with a freshly started guest daemon, shown step by step: push items into pool 0, read them
/// back, see an item guest software published in pool 1 (appended by cloud-init's method), and read the intrinsic items
/// of pool 2. Each step checks what it shows; a mismatch fails the demo.
/// </summary>
internal sealed class DemoScenario
{
    /// <summary>The items the "host administrator" pushes (WMI HostExchangeItems, pool 0).</summary>
    public static readonly IReadOnlyList<(string Key, string Value)> HostItems =
    [
        ("Environment", "demo"),
        ("Owner", "KvpDaemon host simulator"),
        ("Provisioning Note", "pushed by the host with KVP_OP_SET"),
    ];

    /// <summary>A cloud-init style telemetry key (docs/protocol.md 7): CLOUD_INIT|incarnation|event type|name|id.</summary>
    public const string GuestKey = "CLOUD_INIT|0|diagnostic|hvkvp-sim-demo|00000000-0000-0000-0000-000000000001";

    public const string GuestValue = "appended to .kvp_pool_1 under flock(LOCK_EX), as cloud-init does";

    private readonly TextWriter _output;
    private readonly TimeSpan _timeout;

    public DemoScenario(TextWriter output, TimeSpan timeout)
    {
        _output = output;
        _timeout = timeout;
    }

    /// <summary>Runs the steps against a registered daemon.</summary>
    /// <exception cref="KvpSimulatorException">A step did not show what the protocol promises.</exception>
    public async Task RunAsync(DaemonSession session, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(_timeout);
        var simulator = session.Simulator;
        var pool0 = (byte)KvpPool.External;

        await Step("1. The host pushes three items into pool 0 (KVP_OP_SET).").ConfigureAwait(false);
        foreach (var (key, value) in HostItems)
        {
            var reply = await simulator.SendAsync(new KvpSetRequest(pool0, key, value), limit.Token).ConfigureAwait(false);
            await _output.WriteLineAsync($"   SET {key} = {value}: {ReplyFormatter.FormatStatus(reply.Status)}").ConfigureAwait(false);
            Expect(reply.Status == HvStatus.HV_S_OK, $"SET of '{key}' answered {ReplyFormatter.FormatStatus(reply.Status)}.");
        }

        await Step("2. The host reads pool 0 back (KVP_OP_ENUMERATE from index 0).").ConfigureAwait(false);
        var external = await ShowPoolAsync(simulator, pool0, limit.Token).ConfigureAwait(false);
        foreach (var (key, value) in HostItems)
        {
            Expect(external.Any(item => item.Key == key && item.Value == value), $"Pool 0 does not hold '{key}' = '{value}'.");
        }

        var poolFile = Path.Combine(session.PoolDirectory, KvpPoolStore.FileName((byte)KvpPool.Guest));
        await Step($"3. Guest software appends a record to {poolFile} (2560 bytes, flock(LOCK_EX)), as cloud-init does.")
            .ConfigureAwait(false);
        PoolRecordAppender.Append(poolFile, GuestKey, GuestValue);

        await Step("4. The host reads pool 1, the guest's items (GuestExchangeItems).").ConfigureAwait(false);
        var guest = await ShowPoolAsync(simulator, (byte)KvpPool.Guest, limit.Token).ConfigureAwait(false);
        Expect(guest.Any(item => item.Key == GuestKey && item.Value == GuestValue), "Pool 1 does not show the appended record.");

        await Step("5. The host reads pool 2, the intrinsic items the daemon synthesizes (GuestIntrinsicExchangeItems).")
            .ConfigureAwait(false);
        var intrinsic = await ShowPoolAsync(simulator, (byte)KvpPool.Intrinsic, limit.Token).ConfigureAwait(false);
        Expect(intrinsic.Count > 0, "Pool 2 is empty; the daemon must synthesize the intrinsic items (docs/protocol.md 4.5).");
    }

    private async Task<IReadOnlyList<KvpEnumerateReply>> ShowPoolAsync(
        KvpHostSimulator simulator, byte pool, CancellationToken cancellationToken)
    {
        var enumeration = await simulator.EnumerateWithStatusAsync(pool, cancellationToken).ConfigureAwait(false);
        var table = new TextTable("Index", "Key", "Value");
        for (var i = 0; i < enumeration.Items.Count; i++)
        {
            table.AddRow(i.ToString(System.Globalization.CultureInfo.InvariantCulture), enumeration.Items[i].Key.ToString(),
                enumeration.Items[i].Value.ToString());
        }

        await _output.WriteAsync(Indent(table.ToString())).ConfigureAwait(false);
        await _output.WriteLineAsync(
            $"   ({enumeration.Items.Count} items; the walk ended with {ReplyFormatter.FormatStatus(enumeration.EndStatus)})")
            .ConfigureAwait(false);
        Expect(
            enumeration.EndStatus == HvStatus.HV_S_CONT,
            $"The walk of pool {pool} ended with {ReplyFormatter.FormatStatus(enumeration.EndStatus)}, not HV_S_CONT.");
        return enumeration.Items;
    }

    private async Task Step(string title)
    {
        await _output.WriteLineAsync().ConfigureAwait(false);
        await _output.WriteLineAsync(title).ConfigureAwait(false);
    }

    private static string Indent(string text) =>
        string.Concat(text.ReplaceLineEndings("\n").Split('\n').Select(line => line.Length == 0 ? string.Empty : "   " + line + Environment.NewLine));

    private static void Expect(bool condition, string problem)
    {
        if (!condition)
        {
            throw new KvpSimulatorException(problem);
        }
    }
}

// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Globalization;
using KvpDaemon.HostSimulator.Daemon;
using KvpDaemon.HostSimulator.Scripting;
using KvpDaemon.HostSimulator.Simulation;
using KvpDaemon.Protocol;

namespace KvpDaemon.HostSimulator.Bench;

/// <summary>
/// Measures the daemon as the host sees it: start-up to registration, round trips per second of SET, GET and ENUMERATE
/// on a pool of a given size, peak memory, and optionally GET_IP_INFO latency. One fresh daemon and pool directory per
/// size, so sizes do not influence each other. Every reply is checked: a benchmark of failing requests measures nothing.
/// </summary>
internal sealed class BenchRunner
{
    /// <summary>GET_IP_INFO samples for the median (it runs helper scripts, so far fewer than the pool operations).</summary>
    public const int IpInfoSamples = 200;

    private const int ValueLength = 100;
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private readonly KvpAbi _abi;
    private readonly DaemonProcessOptions _daemonOptions;
    private readonly TimeSpan _timeout;

    /// <param name="abi">The kernel to play.</param>
    /// <param name="daemonOptions">How to start the daemon (debug logging off: it would be measured too).</param>
    /// <param name="timeout">The limit for the registration and for each measured phase.</param>
    public BenchRunner(KvpAbi abi, DaemonProcessOptions daemonOptions, TimeSpan timeout)
    {
        _abi = abi;
        _daemonOptions = daemonOptions;
        _timeout = timeout;
    }

    /// <summary>The key of record <paramref name="index"/>: bench-key-000000, bench-key-000001, ...</summary>
    public static string Key(int index) => "bench-key-" + index.ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>A 100-byte value that differs per record and per round, so overwrites really change the file.</summary>
    public static string Value(int index, int round) =>
        $"value-{index.ToString("D6", CultureInfo.InvariantCulture)}-round-{round.ToString(CultureInfo.InvariantCulture)}-"
            .PadRight(ValueLength, 'x');

    public async Task<BenchResult> RunAsync(int poolSize, int operations, string? ipInfoMac, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(poolSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(operations);
        await using var session = await DaemonSession.StartAsync(_abi, _daemonOptions, _timeout, cancellationToken)
            .ConfigureAwait(false);
        try
        {
            var startMs = session.StartToRegistration.TotalMilliseconds;
            var simulator = session.Simulator;
            const byte pool = (byte)KvpPool.External;

            await TimeAsync(poolSize, i => new KvpSetRequest(pool, Key(i), Value(i, 0)), ExpectOk, cancellationToken)
                .ConfigureAwait(false);
            var set = await TimeAsync(
                operations, i => new KvpSetRequest(pool, Key(i % poolSize), Value(i % poolSize, 1 + (i / poolSize))), ExpectOk,
                cancellationToken).ConfigureAwait(false);
            var get = await TimeAsync(
                operations, i => new KvpGetRequest(pool, Key(i % poolSize)), ExpectGet, cancellationToken).ConfigureAwait(false);
            var enumerate = await TimeAsync(
                operations, i => new KvpEnumerateRequest(pool, (uint)(i % poolSize)), ExpectItem, cancellationToken)
                .ConfigureAwait(false);
            double? ipInfo = ipInfoMac is null
                ? null
                : await MedianIpInfoAsync(simulator, ipInfoMac, cancellationToken).ConfigureAwait(false);
            var peak = session.Daemon.ReadPeakRssKiB();
            await session.Daemon.StopAsync(StopTimeout).ConfigureAwait(false);
            return new BenchResult(poolSize, startMs, operations / set, operations / get, operations / enumerate, peak, ipInfo);

            // Times count round trips and returns the elapsed seconds.
            async Task<double> TimeAsync(
                int count, Func<int, KvpRequest> request, Action<int, KvpReply> check, CancellationToken token)
            {
                using var limit = CancellationTokenSource.CreateLinkedTokenSource(token);
                limit.CancelAfter(_timeout);
                var start = Stopwatch.GetTimestamp();
                for (var i = 0; i < count; i++)
                {
                    check(i, await simulator.SendAsync(request(i), limit.Token).ConfigureAwait(false));
                }

                return Stopwatch.GetElapsedTime(start).TotalSeconds;
            }
        }
        catch (Exception e) when (e is KvpSimulatorException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new KvpSimulatorException(
                $"The benchmark of pool size {poolSize} failed: {e.Message}{Environment.NewLine}{session.DescribeDaemon()}", e);
        }
    }

    private async Task<double> MedianIpInfoAsync(KvpHostSimulator simulator, string mac, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(_timeout);
        var samples = new double[IpInfoSamples];
        const byte family = (byte)(KvpAddressFamily.ADDR_FAMILY_IPV4 | KvpAddressFamily.ADDR_FAMILY_IPV6);
        for (var i = 0; i < samples.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var reply = await simulator.SendAsync(new KvpGetIpInfoRequest(0, mac, family), limit.Token).ConfigureAwait(false);
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (reply is not KvpIpInfoReply)
            {
                throw new KvpSimulatorException(
                    $"GET_IP_INFO for {mac} answered {ReplyFormatter.FormatStatus(reply.Status)}; pass the MAC of an interface of this machine.");
            }
        }

        Array.Sort(samples);
        return (samples[(samples.Length - 1) / 2] + samples[samples.Length / 2]) / 2;
    }

    private static void ExpectOk(int i, KvpReply reply)
    {
        if (reply.Status != HvStatus.HV_S_OK)
        {
            throw new KvpSimulatorException($"SET of {Key(i)} answered {ReplyFormatter.FormatStatus(reply.Status)}.");
        }
    }

    private static void ExpectGet(int i, KvpReply reply)
    {
        if (reply is not KvpGetReply)
        {
            throw new KvpSimulatorException($"GET number {i} answered {ReplyFormatter.FormatStatus(reply.Status)}.");
        }
    }

    private static void ExpectItem(int i, KvpReply reply)
    {
        if (reply is not KvpEnumerateReply)
        {
            throw new KvpSimulatorException($"ENUMERATE number {i} answered {ReplyFormatter.FormatStatus(reply.Status)}.");
        }
    }
}

// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.HostSimulator.Simulation;
using KvpDaemon.Protocol;

namespace KvpDaemon.HostSimulator.Scripting;

/// <summary>
/// Executes parsed operations against a simulator and prints each reply with <see cref="ReplyFormatter"/>. Before an
/// exchange with no daemon connected (at the start, after <c>disconnect</c> or a failed exchange) it first waits for
/// the daemon's registration, silently; <c>wait-registration</c> does the same explicitly and prints it.
/// </summary>
internal sealed class ScriptRunner
{
    private readonly KvpHostSimulator _simulator;
    private readonly TextWriter _output;
    private readonly TimeSpan _timeout;

    /// <param name="simulator">The listening simulator; the caller owns it.</param>
    /// <param name="output">Where reply lines go.</param>
    /// <param name="timeout">The limit for each operation (a registration, an exchange, a whole enum-all).</param>
    public ScriptRunner(KvpHostSimulator simulator, TextWriter output, TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        _simulator = simulator;
        _output = output;
        _timeout = timeout;
    }

    /// <summary>Executes one operation and returns the final status it printed (HV_S_OK for non-exchanges).</summary>
    /// <exception cref="TimeoutException">The operation did not complete within the timeout.</exception>
    /// <exception cref="KvpSimulatorException">The daemon broke the transport contract.</exception>
    public Task<HvStatus> ExecuteAsync(SimulatorCommand command, CancellationToken cancellationToken)
    {
        return WithTimeoutAsync(Describe(command), token => ExecuteCoreAsync(command, token), cancellationToken);
    }

    /// <summary>Waits for the daemon to register if none is connected; the timeout applies.</summary>
    public Task EnsureRegisteredAsync(CancellationToken cancellationToken) =>
        WithTimeoutAsync(
            "wait-registration",
            async token =>
            {
                await EnsureRegisteredCoreAsync(token).ConfigureAwait(false);
                return HvStatus.HV_S_OK;
            },
            cancellationToken);

    private async Task<HvStatus> WithTimeoutAsync(
        string description, Func<CancellationToken, Task<HvStatus>> operation, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(_timeout);
        try
        {
            return await operation(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Without a connection the wait was for a registration: say how to point the daemon here.
            throw new TimeoutException(_simulator.IsConnected
                ? $"{description} did not complete within {_timeout.TotalSeconds:0.#} s."
                : $"{description}: no daemon registered on {_simulator.SocketPath} within {_timeout.TotalSeconds:0.#} s " +
                  $"(start it with --device unix:{_simulator.SocketPath} --abi {_simulator.Abi.Name}).");
        }
    }

    private async Task EnsureRegisteredCoreAsync(CancellationToken cancellationToken)
    {
        if (!_simulator.IsConnected)
        {
            await _simulator.WaitForRegistrationAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<HvStatus> ExecuteCoreAsync(SimulatorCommand command, CancellationToken cancellationToken)
    {
        switch (command)
        {
            case WaitRegistrationCommand:
                await _simulator.WaitForRegistrationAsync(cancellationToken).ConfigureAwait(false);
                await _output.WriteLineAsync($"REGISTERED registrations={_simulator.Registrations}").ConfigureAwait(false);
                return HvStatus.HV_S_OK;
            case DisconnectCommand:
                await _simulator.DisconnectAsync().ConfigureAwait(false);
                await _output.WriteLineAsync("DISCONNECTED").ConfigureAwait(false);
                return HvStatus.HV_S_OK;
            case RequestCommand request:
            {
                await EnsureRegisteredCoreAsync(cancellationToken).ConfigureAwait(false);
                var reply = await _simulator.SendAsync(request.Request, cancellationToken).ConfigureAwait(false);
                await WriteLinesAsync(ReplyFormatter.Format(reply)).ConfigureAwait(false);
                return reply.Status;
            }

            case EnumerateAllCommand enumerateAll:
            {
                await EnsureRegisteredCoreAsync(cancellationToken).ConfigureAwait(false);
                var enumeration = await _simulator.EnumerateWithStatusAsync(enumerateAll.Pool, cancellationToken)
                    .ConfigureAwait(false);
                await WriteLinesAsync(ReplyFormatter.Format(enumeration)).ConfigureAwait(false);

                // Running off the end of a pool is how every walk ends: only another status is a failure.
                return enumeration.EndStatus == HvStatus.HV_S_CONT ? HvStatus.HV_S_OK : enumeration.EndStatus;
            }

            default:
                throw new ArgumentException($"Unknown command {command.GetType().Name}.", nameof(command));
        }
    }

    private async Task WriteLinesAsync(IReadOnlyList<string> lines)
    {
        foreach (var line in lines)
        {
            await _output.WriteLineAsync(line).ConfigureAwait(false);
        }

        await _output.FlushAsync().ConfigureAwait(false);
    }

    private static string Describe(SimulatorCommand command) => command switch
    {
        RequestCommand request => request.Request.GetType().Name.Replace("Kvp", string.Empty, StringComparison.Ordinal)
            .Replace("Request", string.Empty, StringComparison.Ordinal) + " request",
        EnumerateAllCommand all => $"enum-all of pool {all.Pool}",
        WaitRegistrationCommand => "wait-registration",
        DisconnectCommand => "disconnect",
        _ => command.GetType().Name,
    };
}

// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.IpConfig;

namespace KvpDaemon.Tests.IpConfig;

/// <summary>Records every command; succeeds, except the command numbers (1-based) listed in <see cref="FailAt"/>.</summary>
internal sealed class FakeCommandRunner : ICommandRunner
{
    private readonly List<IReadOnlyList<string>> _commands = [];

    public HashSet<int> FailAt { get; } = [];

    public IReadOnlyList<IReadOnlyList<string>> Commands => _commands;

    /// <summary>Called with each command before it "runs", e.g. to observe the files at that moment.</summary>
    public Action<IReadOnlyList<string>>? OnRun { get; set; }

    /// <summary>The output of each command that succeeds (empty when unset).</summary>
    public Func<IReadOnlyList<string>, string>? Respond { get; set; }

    public Task<CommandResult> RunAsync(IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        _commands.Add(arguments.ToArray());
        OnRun?.Invoke(arguments);
        return Task.FromResult(FailAt.Contains(_commands.Count)
            ? new CommandResult(1, false, "fake failure")
            : new CommandResult(0, false, Respond?.Invoke(arguments) ?? string.Empty));
    }
}

// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Protocol;

namespace KvpDaemon.Cli.Commands;

/// <summary>What <c>--pool</c> and <c>--json</c> asked of a command that prints a pool's content.</summary>
/// <param name="Pool">The pool given, already checked to be one with a file; null without <c>--pool</c>.</param>
/// <param name="Json">Whether <c>--json</c> was given.</param>
internal readonly record struct PoolOutput(KvpPool? Pool, bool Json);

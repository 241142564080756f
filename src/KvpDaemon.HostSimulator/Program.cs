// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.CommandLine;
using KvpDaemon.HostSimulator.Commands;
using KvpDaemon.HostSimulator.WsMan;

// hvkvp-sim: plays the kernel's side of the KVP exchange so the daemon runs without Hyper-V. Composition only: each
// command lives in Commands/.
var root = new RootCommand("hvkvp-sim: a Hyper-V KVP host simulator for the hypervkvpd daemon (unix: socket transport).")
{
    RunCommand.Create(),
    ScriptCommand.Create(),
    InteractiveCommand.Create(),
    DemoCommand.Create(),
    BenchCommand.Create(),
    WsManCommand.Create(),
};
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);

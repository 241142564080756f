// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Cli;
using KvpDaemon.Platform;

using var signals = TerminationSignals.Register();
var app = new HvkvpApp(KvpDialect.ForCurrentOperatingSystem(), Environment.GetEnvironmentVariable);
return await signals.RunAsync(token => app.RunAsync(args, Console.Out, Console.Error, token));

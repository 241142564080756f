// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Cli;
using KvpDaemon.Platform;

var app = new HvkvpApp(KvpDialect.ForCurrentOperatingSystem(), Environment.GetEnvironmentVariable);
return await app.RunAsync(args, Console.Out, Console.Error, CancellationToken.None, handleTermination: true);

// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Hosting;
using KvpDaemon.Platform;
using Microsoft.Extensions.Hosting;

var dialect = KvpDialect.ForCurrentOperatingSystem();
var invocation = DaemonCommandLine.Parse(args, dialect, Console.Out, Console.Error);
if (invocation.ExitCode is { } exitCode)
{
    return exitCode;
}

var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "hypervkvpd" });
try
{
    builder.Configuration.AddKvpDaemonSources(invocation);
}
catch (Exception exception) when (exception is IOException or InvalidDataException or FormatException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"hypervkvpd: {StartupCheck.DescribeUnreadableConfiguration(invocation, exception)}");
    return KvpDaemonHost.ConfigurationErrorExitCode;
}

builder.Logging.AddKvpDaemonLogging(builder.Configuration, dialect);
builder.Services.AddKvpDaemon(builder.Configuration, dialect);
using var host = builder.Build();
if (StartupCheck.Run(host, Console.Error) is { } startupExitCode)
{
    return startupExitCode;
}

return await KvpDaemonHost.RunAsync(host, Console.Error);

// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Remote;

/// <summary>CIM_ConcreteJob.JobState values (Msvm_ConcreteJob), and how libvirt's job wait reads them.</summary>
internal static class ConcreteJobState
{
    public const ushort New = 2;
    public const ushort Starting = 3;
    public const ushort Running = 4;
    public const ushort Suspended = 5;
    public const ushort ShuttingDown = 6;
    public const ushort Completed = 7;
    public const ushort Terminated = 8;
    public const ushort Killed = 9;
    public const ushort Exception = 10;
    public const ushort Service = 11;
    public const ushort QueryPending = 12;

    /// <summary>Whether the job has ended (either way): Completed, Terminated, Killed, Exception, Service.</summary>
    public static bool IsFinal(uint state) => state is Completed or Terminated or Killed or Exception or Service;

    /// <summary>The state's name, for messages.</summary>
    public static string Name(uint state) => state switch
    {
        New => "New",
        Starting => "Starting",
        Running => "Running",
        Suspended => "Suspended",
        ShuttingDown => "Shutting Down",
        Completed => "Completed",
        Terminated => "Terminated",
        Killed => "Killed",
        Exception => "Exception",
        Service => "Service",
        QueryPending => "Query Pending",
        _ => $"state {state}",
    };
}

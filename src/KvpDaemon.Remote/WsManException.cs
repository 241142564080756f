// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Remote;

/// <summary>
/// A WS-Management exchange that failed: a SOAP fault (the message is its reason text), an HTTP error, a timeout, a
/// connection failure, or a response that is not the expected SOAP. The message is meant for the user.
/// </summary>
internal class WsManException : Exception
{
    public WsManException(string message)
        : base(message)
    {
    }

    public WsManException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The HTTP status of the response, when there was one.</summary>
    public int? HttpStatus { get; init; }
}

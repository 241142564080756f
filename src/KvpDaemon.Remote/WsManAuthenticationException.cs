// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Remote;

/// <summary>WinRM answered 401: the user, the password, or Basic authentication on the service is wrong.</summary>
internal sealed class WsManAuthenticationException : WsManException
{
    /// <summary>The message shown to the user for an HTTP 401.</summary>
    public const string Explanation =
        "authentication failed (HTTP 401): check the user and password, and that WinRM allows Basic auth";

    public WsManAuthenticationException()
        : base(Explanation)
    {
        HttpStatus = 401;
    }
}

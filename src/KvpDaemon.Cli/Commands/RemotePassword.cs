// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Text;

namespace KvpDaemon.Cli.Commands;

/// <summary>
/// Where <c>hvkvp remote</c> gets the password, in order: <c>--password-file</c>, <c>$HVKVP_PASSWORD</c>, a no-echo
/// prompt when standard input is a terminal. Never the URI (HyperVUri rejects one there).
/// </summary>
internal static class RemotePassword
{
    /// <summary>The environment variable that holds the password.</summary>
    public const string Variable = "HVKVP_PASSWORD";

    /// <exception cref="HvkvpException">No source gives a password, or the file cannot be read.</exception>
    public static string Resolve(string? passwordFile, Func<string, string?> environment, string user, string host, TextWriter prompt)
    {
        if (passwordFile is not null)
        {
            try
            {
                using var reader = new StreamReader(passwordFile);

                // The first line, without its end of line: "echo secret > file" must work.
                return reader.ReadLine() ?? string.Empty;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new HvkvpException(ExitCodes.IoError, $"Cannot read the password file '{passwordFile}': {e.Message}");
            }
        }

        if (environment(Variable) is { } fromEnvironment)
        {
            return fromEnvironment;
        }

        if (Console.IsInputRedirected)
        {
            throw new HvkvpException(
                $"No password: standard input is not a terminal to ask on; use --password-file FILE or set {Variable}.");
        }

        return Prompt($"Password for {user}@{host}: ", prompt);
    }

    /// <summary>Reads a line from the console with echo off.</summary>
    private static string Prompt(string text, TextWriter prompt)
    {
        prompt.Write(text);
        prompt.Flush();
        var password = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (password.Length > 0)
                {
                    password.Length--;
                }
            }
            else if (key.KeyChar != '\0')
            {
                password.Append(key.KeyChar);
            }
        }

        prompt.WriteLine();
        return password.ToString();
    }
}

// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Text;

namespace KvpDaemon.HostSimulator.Scripting;

/// <summary>
/// Splits one line of the operation language into tokens: words separated by spaces or tabs, or double-quoted text in
/// which <c>\"</c> is a quote and <c>\\</c> a backslash (any other backslash is kept as it is).
/// </summary>
internal ref struct LineLexer
{
    private readonly string _line;
    private int _position;

    public LineLexer(string line)
    {
        _line = line;
        _position = 0;
    }

    /// <summary>Whether only whitespace is left.</summary>
    public bool AtEnd
    {
        get
        {
            SkipWhitespace();
            return _position >= _line.Length;
        }
    }

    /// <summary>The next token, or null at the end of the line.</summary>
    public string? Next()
    {
        SkipWhitespace();
        if (_position >= _line.Length)
        {
            return null;
        }

        if (_line[_position] == '"')
        {
            return Quoted();
        }

        var start = _position;
        while (_position < _line.Length && !IsWhitespace(_line[_position]))
        {
            _position++;
        }

        return _line[start.._position];
    }

    /// <summary>
    /// The rest of the line as one token: a quoted token that must end the line, or else the raw text with surrounding
    /// whitespace removed. Null at the end of the line.
    /// </summary>
    public string? Rest()
    {
        SkipWhitespace();
        if (_position >= _line.Length)
        {
            return null;
        }

        if (_line[_position] == '"')
        {
            var quoted = Quoted();
            if (!AtEnd)
            {
                throw new SimulatorScriptException($"Unexpected text after the quoted value: '{_line[_position..]}'.");
            }

            return quoted;
        }

        var rest = _line[_position..].TrimEnd();
        _position = _line.Length;
        return rest;
    }

    private string Quoted()
    {
        var start = _position;
        _position++;
        var text = new StringBuilder();
        while (_position < _line.Length)
        {
            var c = _line[_position++];
            if (c == '"')
            {
                if (_position < _line.Length && !IsWhitespace(_line[_position]))
                {
                    throw new SimulatorScriptException(
                        $"A closing quote must end its token; found '{_line[_position]}' right after it (column {_position + 1}).");
                }

                return text.ToString();
            }

            if (c == '\\' && _position < _line.Length && _line[_position] is '"' or '\\')
            {
                c = _line[_position++];
            }

            text.Append(c);
        }

        throw new SimulatorScriptException($"Unterminated quoted text starting at column {start + 1}.");
    }

    private void SkipWhitespace()
    {
        while (_position < _line.Length && IsWhitespace(_line[_position]))
        {
            _position++;
        }
    }

    private static bool IsWhitespace(char c) => c is ' ' or '\t';
}

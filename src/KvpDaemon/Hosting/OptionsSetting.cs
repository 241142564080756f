// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Hosting;

/// <summary>
/// One row of an options type's settings table (<see cref="OptionsTable{TOptions}"/>): the property, when a change to it
/// takes effect, how its value is shown, and how it is copied into a merged object. Two values that show the same are
/// the same setting ("Debug" and "debug"), so the shown text is also what a reload compares.
/// </summary>
/// <typeparam name="TOptions">The options type the row belongs to.</typeparam>
internal sealed class OptionsSetting<TOptions>
{
    private readonly Func<TOptions, string> _show;
    private readonly Action<TOptions, TOptions> _copy;

    /// <param name="property">The property's name, which is also its configuration key inside the section.</param>
    /// <param name="applies">When a change takes effect.</param>
    /// <param name="show">The value as the change log shows it; see <see cref="SettingText"/>.</param>
    /// <param name="copy">Copies the property from the second object into the first.</param>
    public OptionsSetting(string property, SettingApplies applies, Func<TOptions, string> show, Action<TOptions, TOptions> copy)
    {
        Property = property;
        Applies = applies;
        _show = show;
        _copy = copy;
    }

    public string Property { get; }

    public SettingApplies Applies { get; }

    public string Show(TOptions options) => _show(options);

    /// <summary>Sets this setting of <paramref name="to"/> to its value in <paramref name="from"/>.</summary>
    public void Copy(TOptions to, TOptions from) => _copy(to, from);
}

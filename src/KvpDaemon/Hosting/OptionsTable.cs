// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Hosting;

/// <summary>
/// Every setting of one options type, one row each (docs/contributing.md rule 13): the only place that says which
/// settings a reload applies. <see cref="ReloadDecision"/> derives from the tables the reloadable and restart-only
/// lists, the change log and the merged settings, so adding a setting is its property, its default, its validation and
/// one row. Explicit code rather than reflection, so that trimming and NativeAOT keep working;
/// <c>ReloadDecisionTests</c> checks by reflection that every property has exactly one row and that each row copies and
/// shows its own property.
/// </summary>
/// <typeparam name="TOptions">The options type.</typeparam>
internal sealed class OptionsTable<TOptions>
    where TOptions : class, new()
{
    private readonly string? _section;

    /// <param name="section">The configuration section, or null for top-level keys.</param>
    /// <param name="settings">The rows, in the order their changes are logged.</param>
    public OptionsTable(string? section, IReadOnlyList<OptionsSetting<TOptions>> settings)
    {
        _section = section;
        Settings = settings;
    }

    public IReadOnlyList<OptionsSetting<TOptions>> Settings { get; }

    /// <summary>The configuration key of <paramref name="setting"/>: <c>Section:Property</c>, or the property alone.</summary>
    public string Key(OptionsSetting<TOptions> setting) => _section is null ? setting.Property : _section + ":" + setting.Property;

    /// <summary>The keys of the settings that take effect <paramref name="applies"/>, in table order.</summary>
    public IEnumerable<string> Keys(SettingApplies applies) =>
        Settings.Where(setting => setting.Applies == applies).Select(Key);

    /// <summary>
    /// The settings to put in effect after a reload from <paramref name="current"/> to <paramref name="next"/>: reloadable
    /// settings from <paramref name="next"/> (each change added to <paramref name="changes"/> as "Key: old -> new"), the
    /// others from <paramref name="current"/> (each changed one's key added to <paramref name="restartRequired"/>).
    /// </summary>
    public TOptions Merge(TOptions current, TOptions next, List<string> changes, List<string> restartRequired)
    {
        var merged = new TOptions();
        foreach (var setting in Settings)
        {
            var (before, after) = (setting.Show(current), setting.Show(next));
            var changed = !string.Equals(before, after, StringComparison.Ordinal);
            switch (setting.Applies)
            {
                case SettingApplies.OnReload:
                    setting.Copy(merged, next);
                    if (changed)
                    {
                        changes.Add($"{Key(setting)}: {SettingText.OrNone(before)} -> {SettingText.OrNone(after)}");
                    }

                    break;
                case SettingApplies.OnRestart:
                    setting.Copy(merged, current);
                    if (changed)
                    {
                        restartRequired.Add(Key(setting));
                    }

                    break;
                default:
                    throw new InvalidOperationException($"{Key(setting)}: unknown {nameof(SettingApplies)} {setting.Applies}.");
            }
        }

        return merged;
    }
}

using Microsoft.AspNetCore.Components;
using TaskWatch.Core;

namespace TaskWatch.Components.Controls;

/// <summary>
/// A control that shows one job: it renders when it is given a different view of the job (or something else it shows
/// differs, <see cref="AlsoShown"/>), not on every render of its page. The grid renders a few dozen rows of these on
/// each live batch and clock tick, once per open dashboard, and in most rows nothing the control shows has changed.
/// </summary>
public abstract class JobControl : ComponentBase
{
    private JobView? _shown;
    private object? _alsoShown;
    private bool _changed = true;

    [Parameter, EditorRequired]
    public JobView Job { get; set; } = null!;

    /// <summary>What the control shows besides the job (a size, the viewer's zone), compared by value; none by default.</summary>
    protected virtual object? AlsoShown => null;

    protected override void OnParametersSet()
    {
        var also = AlsoShown;
        _changed = !Equals(Job, _shown) || !Equals(also, _alsoShown);
        _shown = Job;
        _alsoShown = also;
    }

    // A JobView is immutable (a change is a new view), so an equal view renders the same markup.
    protected override bool ShouldRender() => _changed;
}

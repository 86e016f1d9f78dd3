using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace TaskWatch.Components.Controls;

/// <summary>An SVG &lt;text&gt; element; Razor reserves the &lt;text&gt; tag, so it is built here.</summary>
public sealed class SvgLabel : ComponentBase
{
    [Parameter]
    public double X { get; set; }

    [Parameter]
    public double Y { get; set; }

    [Parameter]
    public string Anchor { get; set; } = "start";

    [Parameter]
    public string? Text { get; set; }

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.OpenElement(0, "text");
        builder.AddAttribute(1, "x", X);
        builder.AddAttribute(2, "y", Y);
        builder.AddAttribute(3, "text-anchor", Anchor);
        builder.AddAttribute(4, "class", "tw-chart-label");
        builder.AddContent(5, Text);
        builder.CloseElement();
    }
}

namespace TaskWatch.Components.Model;

/// <summary>
/// How many running tiles and failure cards fit whole on the wall's screen, as the browser measured them
/// (js/taskwatch.js, wallFit): what does not fit goes to the next page or into "and N more", never cut.
/// </summary>
public sealed record WallFit(int Tiles, int Failures)
{
    /// <summary>Until the browser has measured: what a 1920×1080 screen holds at the smallest tile size.</summary>
    public static readonly WallFit Default = new(18, 8);

    /// <summary>The browser's figures, kept within sense (at least one of each, at most what a 4K wall could hold).</summary>
    public static WallFit FromBrowser(int tiles, int failures) => new(Math.Clamp(tiles, 1, 200), Math.Clamp(failures, 1, 100));
}

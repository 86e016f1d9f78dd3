namespace TaskWatch.Api;

/// <summary>Every error of our API is application/problem+json with a title and a detail naming the problem.</summary>
public static class ApiProblems
{
    public static IResult Create(int status, string title, string detail, params (string Key, object? Value)[] extensions)
    {
        var ext = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in extensions)
        {
            if (value is not null)
            {
                ext[key] = value;
            }
        }

        return Results.Problem(detail: detail, statusCode: status, title: title, extensions: ext);
    }
}

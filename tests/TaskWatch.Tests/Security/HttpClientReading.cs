namespace TaskWatch.Tests.Security;

/// <summary>Reads an answer's body whatever its status (problem answers are searched too).</summary>
public static class HttpClientReading
{
    public static async Task<string> GetStringAsyncOrProblem(this HttpClient http, string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }
}

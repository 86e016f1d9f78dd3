using Microsoft.Data.Sqlite;
using TaskWatch.Core;
using TaskWatch.Simulator;

namespace TaskWatch.Tests.Reliability;

/// <summary>
/// Compares the snapshots TaskWatch stored with the simulator's script of each job: a snapshot whose
/// state, status word, progress or reason the cloud never reported was invented (from a broken body,
/// say) and is named.
/// </summary>
public static class SnapshotAudit
{
    /// <summary>The invented snapshots of the jobs in <paramref name="truth"/>, and how many snapshots those jobs have.</summary>
    public static async Task<(List<string> Invented, int Checked)> CheckAsync(string databasePath, IReadOnlyDictionary<string, SimulatedJob> truth)
    {
        var invented = new List<string>();
        var count = 0;
        await using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        foreach (var chunk in truth.Keys.Chunk(500))
        {
            await using var command = connection.CreateCommand();
            var names = new List<string>();
            for (var i = 0; i < chunk.Length; i++)
            {
                names.Add($"$id{i}");
                command.Parameters.AddWithValue($"$id{i}", chunk[i]);
            }

            command.CommandText = "SELECT t.JobId, s.State, s.StatusWord, s.Progress, s.FailReason FROM JobSnapshots s JOIN TrackedJobs t ON t.Id = s.TrackedJobId " +
                $"WHERE t.JobId IN ({string.Join(',', names)}) ORDER BY s.TrackedJobId, s.ObservedUtc, s.Id";
            await using var reader = await command.ExecuteReaderAsync();
            var lastProgress = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            while (await reader.ReadAsync())
            {
                count++;
                var id = reader.GetString(0);
                var state = (JobState)reader.GetInt32(1);
                var word = reader.IsDBNull(2) ? null : reader.GetString(2);
                int? progress = reader.IsDBNull(3) ? null : reader.GetInt32(3);
                var reason = reader.IsDBNull(4) ? null : reader.GetString(4);
                if (!truth.TryGetValue(id, out var job))
                {
                    invented.Add($"{id}: a snapshot of a job the cloud does not know");
                    continue;
                }

                if (Why(job, state, word, progress, reason, lastProgress.GetValueOrDefault(id)) is { } why)
                {
                    invented.Add($"{id}: {why} (word '{word}', progress {progress})");
                }

                if (progress is { } p)
                {
                    lastProgress[id] = p;
                }
            }
        }

        return (invented, count);
    }

    /// <summary>Every snapshot row in the database.</summary>
    public static async Task<long> CountAsync(string databasePath)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM JobSnapshots";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static string? Why(SimulatedJob job, JobState state, string? word, int? progress, string? reason, int lastProgress)
    {
        var why = state switch
        {
            JobState.Failed when job.FailsAt is null => "Failed, but it completes",
            JobState.Completed when job.FailsAt is not null => "Completed, but it fails",
            JobState.Running when word is not null && word != "Running" && word != job.StatusOverride => $"status word '{word}'",
            JobState.Running or JobState.Failed or JobState.Completed => null,
            // An odd word the cloud really sent ("Pending") is kept as said, as an unknown state.
            JobState.Unknown when word is not null && word == job.StatusOverride => null,
            _ => $"state {state}",
        };
        why ??= progress is { } p && (p > 100 || p % job.ProgressStep != 0 || p < lastProgress) ? $"progress {p}" : null;
        why ??= reason is not null && reason != job.FailReason ? $"reason '{Cut(reason)}'" : null;
        return why;
    }

    public static string? Cut(string? text) => text is { Length: > 60 } ? text[..60] + "…" : text;
}

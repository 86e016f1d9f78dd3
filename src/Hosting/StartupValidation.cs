using TaskWatch.Alerts;
using TaskWatch.Configuration;
using TaskWatch.Insight;
using TaskWatch.Security;
using TaskWatch.Storage;

namespace TaskWatch.Hosting;

/// <summary>Everything that must hold before TaskWatch starts, as one message per problem (never a stack trace).</summary>
public static class StartupValidation
{
    public static List<string> Check(IConfiguration configuration)
    {
        TaskWatchSettings settings;
        try
        {
            settings = TaskWatchSettings.Bind(configuration);
        }
        catch (InvalidOperationException ex)
        {
            // The binder names the key, the value and the type it wanted.
            return [ex.GetBaseException() is FormatException && ex.InnerException is not null ? $"{ex.Message} ({ex.InnerException.Message})" : ex.Message];
        }

        var errors = Collect(settings);
        var options = settings.Shared;
        if (options.Storage.ProviderKind == StorageProvider.PostgreSQL)
        {
            if (PostgreSqlConnectionProblem.CheckFormat(configuration[StorageOptions.ConnectionStringKey]) is { } problem)
            {
                errors.Add(problem);
            }
        }
        else if (options.Storage.ProviderKind == StorageProvider.Sqlite && !string.IsNullOrWhiteSpace(options.Database)
            && DatabaseInitializer.CheckWritable(options.Database) is { } why)
        {
            errors.Add($"{TaskWatchOptions.SectionName}:Database is '{options.Database}': the file cannot be written ({why}).");
        }

        return errors;
    }

    /// <summary>Every feature's option problems: the settings shared by all, then each feature's own.</summary>
    public static List<string> Collect(TaskWatchSettings settings)
    {
        var errors = TaskWatchOptionsValidator.Collect(settings.Shared);
        InsightOptionsValidator.Collect(settings.Insight, errors);
        AlertOptionsValidator.Collect(settings.Alerts, settings.Shared, errors);
        AccessOptionsValidator.Collect(settings.Api, errors);
        AccessOptionsValidator.Collect(settings.Access, errors);
        RunbookCatalog.Collect(settings.Runbooks, errors);
        return errors;
    }

    public static void Print(IReadOnlyList<string> errors, TextWriter output)
    {
        output.WriteLine($"TaskWatch cannot start: {errors.Count} configuration problem{(errors.Count == 1 ? string.Empty : "s")}.");
        foreach (var error in errors)
        {
            output.WriteLine("  - " + error);
        }

        output.WriteLine("Fix them in appsettings.json or with environment variables (TaskWatch__Section__Key=value), then start again.");
    }
}

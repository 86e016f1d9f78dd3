using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TaskWatch.Storage;

namespace TaskWatch.Hosting;

/// <summary>
/// The Data Protection key ring (it signs the sign-in cookie and the antiforgery tokens) in TaskWatch's database
/// (table <c>DataProtectionKeys</c>), under one application name: a restart keeps everyone signed in, and every
/// instance on the same PostgreSQL database accepts the others' cookies. Kept in memory only, each redeploy signed
/// everyone out and a second instance refused the first one's cookies.
/// </summary>
public static class DataProtectionServices
{
    public const string ApplicationName = "TaskWatch";

    public static IServiceCollection AddTaskWatchDataProtection(this IServiceCollection services)
    {
        // PersistKeysToDbContext resolves the context from a scope; ours comes from the (pooled) factory on either provider.
        services.TryAddScoped(sp => sp.GetRequiredService<IDbContextFactory<TaskWatchDbContext>>().CreateDbContext());
        services.AddDataProtection().SetApplicationName(ApplicationName).PersistKeysToDbContext<TaskWatchDbContext>();
        return services;
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TaskWatch.Cloud;
using TaskWatch.Configuration;
using TaskWatch.Core;

namespace TaskWatch.Tests.Cloud;

/// <summary>Every service of the enum has exactly one dialect, and one without is an error naming it, never another's code.</summary>
public sealed class DialectRegistryTests
{
    private static ServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new TaskWatchOptions()));
        services.AddCloudClients();
        return services.BuildServiceProvider();
    }

    [Fact]
    public void EveryServiceInTheEnum_HasItsOwnDialect()
    {
        using var services = Services();
        var dialects = services.GetRequiredService<TaskCenterClients>();
        Assert.Empty(dialects.MissingDialects());
        foreach (var service in Enum.GetValues<CloudService>())
        {
            var dialect = dialects.For(service);
            Assert.Equal(service, dialect.Service);
            Assert.InRange(dialect.ListPageSize, 1, 500);
        }
    }

    [Fact]
    public void ListRowsLackDetail_OnlyWhereTheListHasNoEntities()
    {
        using var services = Services();
        var dialects = services.GetRequiredService<TaskCenterClients>();
        Assert.Equal([CloudService.Rds, CloudService.TaurusDb], Enum.GetValues<CloudService>().Where(s => dialects.For(s).ListRowsLackDetail));
    }

    [Fact]
    public void AServiceWithoutDialect_IsOneLineNamingIt_NotAnotherServicesDialect()
    {
        var rdsOnly = new TaskCenterClients([.. Services().GetServices<TaskCenterClient>().Where(d => d.Service == CloudService.Rds)]);
        var missing = rdsOnly.MissingDialects();
        Assert.Equal(Enum.GetValues<CloudService>().Length - 1, missing.Count);
        Assert.Contains(missing, m => m.StartsWith("The service Dds has no task-center dialect", StringComparison.Ordinal));
        var ex = Assert.Throws<InvalidOperationException>(() => rdsOnly.For(CloudService.Dds));
        Assert.DoesNotContain('\n', ex.Message);
        Assert.Contains("registered: Rds", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoDialectsForOneService_AreRefused()
    {
        using var services = Services();
        var rds = services.GetServices<TaskCenterClient>().First(d => d.Service == CloudService.Rds);
        var ex = Assert.Throws<InvalidOperationException>(() => new TaskCenterClients([rds, rds]));
        Assert.Contains("Two dialects are registered for Rds", ex.Message, StringComparison.Ordinal);
    }
}

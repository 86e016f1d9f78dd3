using System.Reflection;
using Microsoft.EntityFrameworkCore;
using TaskWatch.Storage;

namespace TaskWatch.Tests.Architecture;

/// <summary>Pages and controls hold read models, never the database's rows: a stored row changes shape with a migration, a page should not.</summary>
public sealed class ViewModelTests
{
    private const BindingFlags Members = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    [Fact]
    public void NoComponent_HoldsAnEntityTheDatabaseMaps()
    {
        var entities = EntityTypes();
        Assert.Contains(typeof(TrackedJob), entities);

        var holders = typeof(TaskWatchDbContext).Assembly.GetTypes()
            .Where(t => t.Namespace?.StartsWith("TaskWatch.Components", StringComparison.Ordinal) == true)
            .SelectMany(t => t.GetFields(Members).Select(f => (Owner: t, f.Name, Type: f.FieldType))
                .Concat(t.GetProperties(Members).Select(p => (Owner: t, p.Name, Type: p.PropertyType))))
            .Where(m => Mentions(m.Type, entities))
            .Select(m => $"{m.Owner.FullName}.{m.Name}: {m.Type.Name}")
            .ToList();

        Assert.True(holders.Count == 0, "Components holding EF entities:\n" + string.Join('\n', holders));
    }

    [Fact]
    public void Check_SeesAnEntityInsideAGenericType()
    {
        Assert.True(Mentions(typeof(List<TrackedJob>), EntityTypes()));
        Assert.False(Mentions(typeof(List<StoredJobDetail>), EntityTypes()));
    }

    private static HashSet<Type> EntityTypes()
    {
        var options = new DbContextOptionsBuilder<TaskWatchDbContext>().UseSqlite("Data Source=:memory:").Options;
        using var db = new TaskWatchDbContext(options);
        return [.. db.Model.GetEntityTypes().Select(e => e.ClrType)];
    }

    private static bool Mentions(Type type, HashSet<Type> entities) =>
        entities.Contains(type)
        || (type.HasElementType && Mentions(type.GetElementType()!, entities))
        || (type.IsGenericType && type.GetGenericArguments().Any(a => Mentions(a, entities)));
}

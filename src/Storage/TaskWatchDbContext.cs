using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TaskWatch.Core;

namespace TaskWatch.Storage;

/// <summary>
/// The database on SQLite, and the base of <see cref="PostgreSqlTaskWatchDbContext"/>: one model for both
/// providers, each with its own migrations (EF Core finds a context's migrations by its exact type).
/// </summary>
public class TaskWatchDbContext : DbContext, IDataProtectionKeyContext
{
    public TaskWatchDbContext(DbContextOptions<TaskWatchDbContext> options)
        : base(options)
    {
    }

    protected TaskWatchDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<TrackedJob> TrackedJobs => Set<TrackedJob>();

    public DbSet<JobSnapshot> JobSnapshots => Set<JobSnapshot>();

    public DbSet<AlertDelivery> AlertDeliveries => Set<AlertDelivery>();

    public DbSet<JobName> JobNames => Set<JobName>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    /// <summary>The Data Protection key ring (cookies, antiforgery tokens): kept here so restarts and other instances share it.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>
    /// The jobs the trigram index (<see cref="JobNameSearch"/>) matches for an FTS5 expression. A
    /// table-valued function rather than FromSqlRaw: EF Core builds the SQL of a FromSqlRaw query with
    /// parameters again on every run, while this one composes and is cached like any other query.
    /// </summary>
    public IQueryable<JobNameSearchHit> JobNameSearchHits(string expression) => FromExpression(() => JobNameSearchHits(expression));

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcTicksConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var postgres = Database.IsNpgsql();
        if (postgres)
        {
            // citext: project, job id and channel compare without case, as NOCASE does on SQLite (the
            // unique keys included); pg_trgm: the instance-name search index (migration Initial).
            modelBuilder.HasPostgresExtension("citext").HasPostgresExtension("pg_trgm");
        }

        // Case-insensitive text: NOCASE on SQLite, citext on PostgreSQL.
        PropertyBuilder<string> NoCase(PropertyBuilder<string> property) => postgres ? property.HasColumnType("citext") : property.UseCollation("NOCASE");

        modelBuilder.Entity<TrackedJob>(job =>
        {
            job.ToTable("TrackedJobs");
            NoCase(job.Property(j => j.Project).HasMaxLength(64));
            NoCase(job.Property(j => j.JobId).HasMaxLength(64));
            job.HasIndex(j => new { j.Project, j.JobId }).IsUnique();
            job.HasIndex(j => new { j.IsTracking, j.State });
            // The state rides along so that a time range with a status is answered from the index alone.
            job.HasIndex(j => new { j.CreatedUtc, j.State });
            job.HasIndex(j => j.RegisteredUtc);
            job.HasIndex(j => j.InstanceName);
            // The instance page: every job seen on one instance.
            job.HasIndex(j => new { j.InstanceId, j.Project });
            job.Property(j => j.AckBy).HasMaxLength(200);
            job.Property(j => j.AckNote).HasMaxLength(AckRules.MaxNoteLength);
            job.Ignore(j => j.Ack);
            // Name and Project are indexed with the list order, an expression EF cannot model (JobListOrder).
            job.HasMany(j => j.Snapshots).WithOne().HasForeignKey(s => s.TrackedJobId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<JobSnapshot>(snapshot =>
        {
            snapshot.ToTable("JobSnapshots");
            snapshot.HasIndex(s => new { s.TrackedJobId, s.ObservedUtc });
            snapshot.HasIndex(s => s.ObservedUtc);
            snapshot.Property(s => s.AckBy).HasMaxLength(200);
            snapshot.Property(s => s.AckNote).HasMaxLength(AckRules.MaxNoteLength);
        });

        modelBuilder.Entity<JobName>(name =>
        {
            name.ToTable("JobNames");
            name.HasKey(n => n.Name);
        });

        // The FTS5 table is made by its migration; EF reads it only as a table-valued function.
        modelBuilder.Entity<JobNameSearchHit>(hit =>
        {
            hit.HasNoKey();
            hit.ToTable((string?)null);
            hit.Property(h => h.TrackedJobId).HasColumnName("rowid");
        });
        modelBuilder.HasDbFunction(typeof(TaskWatchDbContext).GetMethod(nameof(JobNameSearchHits), [typeof(string)])!).HasName(JobNameSearch.Table);

        modelBuilder.Entity<AlertDelivery>(delivery =>
        {
            delivery.ToTable("AlertDeliveries");
            NoCase(delivery.Property(d => d.Project).HasMaxLength(64));
            NoCase(delivery.Property(d => d.JobId).HasMaxLength(64));
            delivery.Property(d => d.Event).HasMaxLength(16);
            NoCase(delivery.Property(d => d.Channel).HasMaxLength(128));
            delivery.Property(d => d.Rule).HasMaxLength(128);
            delivery.HasIndex(d => new { d.Project, d.JobId, d.Event, d.Channel }).IsUnique();
            delivery.HasIndex(d => d.CreatedUtc);
        });

        modelBuilder.Entity<AuditEntry>(entry =>
        {
            entry.ToTable("AuditEntries");
            entry.Property(e => e.Who).HasMaxLength(200);
            entry.Property(e => e.Subject).HasMaxLength(200);
            entry.Property(e => e.How).HasMaxLength(16);
            entry.Property(e => e.Client).HasMaxLength(64);
            entry.Property(e => e.Action).HasMaxLength(32);
            NoCase(entry.Property(e => e.Project!).HasMaxLength(64));
            NoCase(entry.Property(e => e.JobId!).HasMaxLength(64));
            entry.Property(e => e.Detail).HasMaxLength(500);
            entry.Property(e => e.Outcome).HasMaxLength(32);
            entry.HasIndex(e => e.AtUtc);
            entry.HasIndex(e => new { e.Project, e.JobId });
            entry.HasIndex(e => e.Who);
        });

        modelBuilder.Entity<DataProtectionKey>().ToTable("DataProtectionKeys");
    }
}

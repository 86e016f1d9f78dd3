namespace TaskWatch.Core;

/// <summary>
/// The managed-database services whose task centers TaskWatch reads. Stored as an integer in the
/// database: append new members at the end, never reorder or remove one.
/// </summary>
public enum CloudService
{
    Rds,
    Dds,

    /// <summary>TaurusDB (GaussDB for MySQL).</summary>
    TaurusDb,

    /// <summary>GaussDB (openGauss).</summary>
    GaussDb,

    /// <summary>GeminiDB (GaussDB NoSQL: Cassandra, Mongo, Influx, Redis interfaces).</summary>
    GeminiDb,

    /// <summary>DDM, Distributed Database Middleware.</summary>
    Ddm,
}

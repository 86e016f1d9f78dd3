using TaskWatch.Configuration;

namespace TaskWatch.Storage;

/// <summary>Another running TaskWatch already uses this PostgreSQL database (<see cref="PostgreSqlInstanceLock"/>).</summary>
public sealed class DatabaseInUseException(string database, string host, int port) : Exception(
    $"{StorageOptions.ConnectionStringKey}: database '{database}' at {host}:{port} is in use by another running TaskWatch instance. "
    + "Several instances on one database are not supported yet (each would poll every account and spend its budget twice): stop the other one, or give this one a database of its own.");

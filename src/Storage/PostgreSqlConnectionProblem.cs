using System.Net.Sockets;
using Npgsql;
using TaskWatch.Configuration;

namespace TaskWatch.Storage;

/// <summary>
/// The one start-up line for a PostgreSQL connection string that cannot be used: the key, the host and
/// why, never the password (nor anything else of the string but host, port, database and user).
/// </summary>
public static class PostgreSqlConnectionProblem
{
    /// <summary>Null when the string parses and names a host, else what is wrong with it.</summary>
    public static string? CheckFormat(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return $"{StorageOptions.ConnectionStringKey} is empty: TaskWatch:Storage:Provider is PostgreSQL, so give an Npgsql connection string (Host=...;Database=...;Username=...;Password=...).";
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            // The parser's own words name the keyword; the value it quotes may be a secret, so it is cut out.
            return $"{StorageOptions.ConnectionStringKey} is not a valid Npgsql connection string: {Scrub(ex.Message, connectionString)}";
        }

        return string.IsNullOrWhiteSpace(builder.Host)
            ? $"{StorageOptions.ConnectionStringKey} names no Host: give the PostgreSQL server (Host=...)."
            : null;
    }

    /// <summary>The line for a connection that failed at start-up.</summary>
    public static string Describe(string connectionString, Exception failure)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var reason = Reason(failure);
        return $"{StorageOptions.ConnectionStringKey}: cannot use PostgreSQL at {builder.Host}:{builder.Port} (database '{builder.Database}', user '{builder.Username}'): {Scrub(reason, connectionString, builder.Password)}";
    }

    /// <summary>Whether <paramref name="failure"/> is the server or the network refusing, not a bug.</summary>
    public static bool IsConnectionFailure(Exception failure) => failure is NpgsqlException or SocketException || failure.InnerException is NpgsqlException or SocketException;

    private static string Reason(Exception failure)
    {
        for (var e = failure; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg:
                    return $"{pg.MessageText} (SQLSTATE {pg.SqlState})";
                case SocketException socket:
                    return socket.Message;
                case TimeoutException:
                    return "no answer before the connection timeout (Timeout=...)";
            }
        }

        return failure.GetBaseException().Message;
    }

    private static string Scrub(string text, string connectionString, string? password = null)
    {
        if (string.IsNullOrEmpty(password))
        {
            try
            {
                password = new NpgsqlConnectionStringBuilder(connectionString).Password;
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException or OverflowException)
            {
                password = null;
            }
        }

        text = text.Replace(connectionString, "(connection string)", StringComparison.Ordinal);
        return string.IsNullOrEmpty(password) ? text : text.Replace(password, "***", StringComparison.Ordinal);
    }
}

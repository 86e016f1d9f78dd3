using System.Data;
using System.Data.Common;

namespace TaskWatch.Storage;

/// <summary>
/// Typed parameters for the hand-written statements, on either provider. A type is always given: a
/// prepared PostgreSQL statement needs it for a null, and SQLite binds by it. The names are written
/// <c>@name</c>, which both SQLite and Npgsql read.
/// </summary>
internal static class DbCommandParameters
{
    public static DbParameter Add(this DbCommand command, string name, DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}

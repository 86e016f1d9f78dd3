namespace TaskWatch.Cloud;

/// <summary>
/// How a service writes its error answers: the JSON names of the code and the message, and the codes
/// that mean "no such job". A dialect names its own; most database task centers share <see cref="Dbs"/>.
/// </summary>
public sealed record CloudErrorBody(string CodeName, string MessageName, IReadOnlySet<string> NotFoundCodes)
{
    /// <summary><c>{"error_code": "DBS.200543", "error_msg": "The job does not exist."}</c> (RDS, DDS, TaurusDB, GaussDB, GeminiDB).</summary>
    public static readonly CloudErrorBody Dbs = new("error_code", "error_msg", new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "DBS.200543" });
}

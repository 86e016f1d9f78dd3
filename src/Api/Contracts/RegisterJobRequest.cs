using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace TaskWatch.Api.Contracts;

/// <summary><c>POST /api/jobs</c>: one job to track.</summary>
/// <remarks>
/// Required in the document; the serializer does not enforce it, so the handlers still check for null and
/// answer with a problem naming the missing field.
/// </remarks>
public sealed record RegisterJobRequest(
    [property: Required, Description("A configured project name (TaskWatch:Projects:{name}).")] string Project,
    [property: Required, Description("The cloud's task id (letters, digits and -, at most 64 characters).")] string JobId);

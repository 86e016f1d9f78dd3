using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace TaskWatch.Api.Contracts;

/// <summary><c>POST /api/jobs/batch</c>: up to 1,000 jobs; valid ones are kept, each refused one is listed with why.</summary>
public sealed record RegisterBatchRequest(
    [property: Required, Description("1 to 1,000 jobs.")] List<RegisterJobRequest> Jobs);

using System.Text.Json;
using System.Text.Json.Serialization;

namespace TaskWatch.Api.Contracts;

/// <summary>Our own API's JSON: camelCase, and unknown fields refused so a typo is an error, not a silent no-op.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(RegisterJobRequest))]
[JsonSerializable(typeof(RegisterBatchRequest))]
[JsonSerializable(typeof(RegistrationResponse))]
[JsonSerializable(typeof(BatchRegistrationResponse))]
[JsonSerializable(typeof(JobResponse))]
[JsonSerializable(typeof(JobDetailResponse))]
[JsonSerializable(typeof(JobListResponse))]
[JsonSerializable(typeof(JobWaitResponse))]
[JsonSerializable(typeof(JobEventResponse))]
[JsonSerializable(typeof(AuditListResponse))]
[JsonSerializable(typeof(AckRequest))]
[JsonSerializable(typeof(AckResponse))]
[JsonSerializable(typeof(InstanceResponse))]
public sealed partial class ApiJsonContext : JsonSerializerContext;

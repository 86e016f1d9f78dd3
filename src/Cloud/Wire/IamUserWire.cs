using System.Text.Json.Serialization;

namespace TaskWatch.Cloud.Wire;

public sealed record IamUserWire(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("password")] string Password,
    [property: JsonPropertyName("domain")] IamNameWire Domain)
{
    // A record prints its members: never the password.
    public override string ToString() => $"IamUserWire {{ Name = {Name} }}";
}

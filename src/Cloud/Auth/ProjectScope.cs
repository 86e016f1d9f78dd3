namespace TaskWatch.Cloud.Auth;

/// <summary>An IAM token's scope: a project id, or a project name such as <c>eu-de</c>.</summary>
public readonly record struct ProjectScope(string Value, bool ById)
{
    public override string ToString() => ById ? $"project id {Value}" : $"project name {Value}";
}

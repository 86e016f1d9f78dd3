using TaskWatch.Components.Model;

namespace TaskWatch.Tests.Components;

public sealed class EntityFactsTests
{
    private static string Value(IReadOnlyList<EntityFact> facts, string label) => Assert.Single(facts, f => f.Label == label).Value;

    [Fact]
    public void From_ReplicaExample_ShowsEndpointTypeEngineReplicaAndIds()
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ApiExamples", "rds-create-replica.json"));
        var entities = System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("job").GetProperty("entities").GetRawText();
        var facts = EntityFacts.From(entities);
        Assert.Equal("192.168.1.203:3306", Value(facts, "Endpoint"));
        Assert.Equal("replica", Value(facts, "Instance type"));
        Assert.Equal("mysql 5.7", Value(facts, "Engine"));
        Assert.Equal("a48e43ff268f4c0e879652d65e63d0fbin01", Value(facts, "Replica of"));
        Assert.Contains("in01.volume", Value(facts, "Resource ids"));
    }

    [Fact]
    public void From_VolumeResize_ShowsFromTo()
    {
        var facts = EntityFacts.From("""{"volume":{"type":"ULTRAHIGH","original_size":"40","target_size":100},"public_ip":"10.0.0.1","switch_strategy":"reliability"}""");
        Assert.Equal("40 GB → 100 GB", Value(facts, "Volume"));
        Assert.Equal("ULTRAHIGH", Value(facts, "Volume type"));
        Assert.Equal("10.0.0.1", Value(facts, "Public IP"));
        Assert.Equal("reliability", Value(facts, "Switch strategy"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("[1,2]")]
    [InlineData("{not json")]
    [InlineData("""{"instance":"text","volume":7,"resource_ids":{}}""")]
    public void From_EmptyOrOddShapes_NoFactsNoException(string? json)
    {
        Assert.Empty(EntityFacts.From(json));
    }
}

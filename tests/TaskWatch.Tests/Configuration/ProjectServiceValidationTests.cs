using TaskWatch.Configuration;

namespace TaskWatch.Tests.Configuration;

/// <summary><c>TaskWatch:Projects:{p}:Service</c> takes every service's name in any case; a bad one lists the valid ones.</summary>
public sealed class ProjectServiceValidationTests
{
    private static TaskWatchOptions WithService(string service)
    {
        var options = new TaskWatchOptions();
        options.Accounts["ops"] = new AccountOptions { Auth = "Token", Token = "t" };
        options.Projects["prod"] = new ProjectOptions { Account = "ops", Service = service, ProjectId = "0123456789abcdef0123456789abcdef", Endpoint = "https://example.test/" };
        return options;
    }

    [Theory]
    [InlineData("Rds")]
    [InlineData("dds")]
    [InlineData("TaurusDB")]
    [InlineData("GaussDb")]
    [InlineData("geminidb")]
    [InlineData("DDM")]
    public void EveryServiceName_IsTaken(string service)
    {
        Assert.Empty(TaskWatchOptionsValidator.Collect(WithService(service)));
    }

    [Fact]
    public void AnUnknownService_IsNamed_WithTheValidOnes()
    {
        var error = Assert.Single(TaskWatchOptionsValidator.Collect(WithService("Mysql")));

        Assert.Equal("TaskWatch:Projects:prod:Service is 'Mysql': use one of Rds, Dds, TaurusDb, GaussDb, GeminiDb, Ddm.", error);
    }
}

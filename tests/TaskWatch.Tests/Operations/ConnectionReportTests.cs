using TaskWatch.Configuration;
using TaskWatch.Operations;

namespace TaskWatch.Tests.Operations;

public sealed class ConnectionReportTests
{
    [Fact]
    public void Describe_RealCloud_NamesAccountsProjectsAndHosts_NeverASecret()
    {
        var options = new TaskWatchOptions { Database = "/data/taskwatch.db", SnapshotRetentionDays = 90 };
        options.Demo.Enabled = false;
        options.Accounts["ops"] = new AccountOptions { Auth = "Password", IamEndpoint = "https://iam.eu-de.otc.t-systems.com/v3", Domain = "OTC-DOMAIN-1", User = "svc-user", Password = "hunter2-PASSWORD" };
        options.Accounts["keys"] = new AccountOptions { Auth = "AkSk", AccessKey = "AKIA-ACCESS", SecretKey = "SECRET-KEY-42", CallsPerMinute = 30 };
        options.Projects["prod-rds"] = new ProjectOptions { Account = "ops", Service = "Rds", Region = "eu-de", ProjectId = "0483b6b1", Endpoint = "https://user:pw-in-url@rds.eu-de.otc.t-systems.com/private/path" };

        var text = ConnectionReport.Describe(options, demo: null);

        Assert.Contains("demo off", text, StringComparison.Ordinal);
        Assert.Contains("database /data/taskwatch.db", text, StringComparison.Ordinal);
        Assert.Contains("[ops: Password, 60 calls/min, IAM https://iam.eu-de.otc.t-systems.com]", text, StringComparison.Ordinal);
        Assert.Contains("[keys: AkSk, 30 calls/min]", text, StringComparison.Ordinal);
        Assert.Contains("[prod-rds: Rds eu-de at https://rds.eu-de.otc.t-systems.com, account ops]", text, StringComparison.Ordinal);
        Assert.Contains("snapshots kept 90 days", text, StringComparison.Ordinal);
        foreach (var secret in new[] { "hunter2-PASSWORD", "svc-user", "OTC-DOMAIN-1", "AKIA-ACCESS", "SECRET-KEY-42", "pw-in-url", "/private/path" })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }
}

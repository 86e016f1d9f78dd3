using System.Text.Json;
using TaskWatch.Alerts;
using TaskWatch.Core;

namespace TaskWatch.Tests.Alerts;

/// <summary>A failure reason is the cloud's text: whatever it holds, no channel may page anyone, link anywhere or format with it.</summary>
public sealed class AlertPayloadEscapingTests
{
    private const string Hostile = "<!channel> @here <@U024BE7LH> *all hands* _now_ ~gone~ `rm` <https://evil.example|click> [x](https://evil.example) <at>Everyone</at> **bold** & done";
    private static readonly Uri Link = new("https://tw.example.com/jobs/prod/1");

    private static AlertRequest Request(AlertChannelKind kind, string url, string? name = "Create<b>Instance", string reason = Hostile) => new(
        new JobView
        {
            Key = new JobKey("prod", "1"),
            Service = CloudService.Rds,
            Name = name,
            State = JobState.Failed,
            Phase = PollPhase.Done,
            FailReason = reason,
            InstanceName = "@everyone-db",
        },
        AlertEvent.Failed,
        "r",
        new AlertChannel("c", kind, new Uri(url)),
        new DateTime(2026, 12, 4, 12, 0, 0, DateTimeKind.Utc));

    [Fact]
    public void Slack_HostileReason_NoMentionLinkOrMarkupSurvives()
    {
        var slack = JsonDocument.Parse(AlertPayloads.Build(Request(AlertChannelKind.Slack, "https://hooks.slack.com/services/x"), Link)).RootElement;

        // The notification's fallback text is read as mrkdwn: Slack's control characters are entities there.
        var fallback = slack.GetProperty("text").GetString()!;
        Assert.DoesNotContain("<!channel>", fallback, StringComparison.Ordinal);
        Assert.DoesNotContain("<https://evil", fallback, StringComparison.Ordinal);
        Assert.DoesNotContain("<@U024", fallback, StringComparison.Ordinal);
        Assert.DoesNotContain("@here", fallback, StringComparison.Ordinal);
        Assert.DoesNotContain("*all hands*", fallback, StringComparison.Ordinal);
        Assert.Contains("&lt;!channel&gt;", fallback, StringComparison.Ordinal);

        // The blocks carry the cloud's text as plain_text only; the one mrkdwn element is TaskWatch's own link.
        var blocks = slack.GetProperty("blocks");
        Assert.Equal("plain_text", blocks[0].GetProperty("text").GetProperty("type").GetString());
        var section = blocks[1].GetProperty("text");
        Assert.Equal("plain_text", section.GetProperty("type").GetString());
        Assert.DoesNotContain("@here", section.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("@everyone", section.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("<!channel>", section.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("<https://tw.example.com/jobs/prod/1|Open in TaskWatch>", blocks[2].GetProperty("elements")[0].GetProperty("text").GetString());
    }

    [Fact]
    public void Slack_ANameOfMentions_StillFitsTheHeaderBlock()
    {
        // Slack refuses the whole message when a header passes 150 characters; neutralising adds a character per @.
        var slack = JsonDocument.Parse(AlertPayloads.Build(Request(AlertChannelKind.Slack, "https://hooks.slack.com/services/x", name: string.Concat(Enumerable.Repeat("@here ", 60))), Link)).RootElement;

        var header = slack.GetProperty("blocks")[0].GetProperty("text").GetProperty("text").GetString()!;
        Assert.True(header.Length <= 150, $"{header.Length} characters");
        Assert.DoesNotContain("@here", header, StringComparison.Ordinal);
    }

    [Fact]
    public void TeamsWorkflows_HostileReason_IsAnAdaptiveCardWithTheCloudTextInTextRunsOnly()
    {
        var body = JsonDocument.Parse(AlertPayloads.Build(Request(AlertChannelKind.Teams, "https://prod-01.westeurope.logic.azure.com/workflows/abc/triggers/manual/paths/invoke?sig=s"), Link)).RootElement;

        Assert.Equal("message", body.GetProperty("type").GetString());
        var attachment = body.GetProperty("attachments")[0];
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.GetProperty("contentType").GetString());
        var card = attachment.GetProperty("content");
        Assert.Equal("AdaptiveCard", card.GetProperty("type").GetString());
        Assert.Equal(Link.AbsoluteUri, card.GetProperty("actions")[0].GetProperty("url").GetString());

        // TextBlocks and facts render Markdown; TextRuns do not. Every text in the body is a TextRun's.
        var texts = new List<string>();
        foreach (var block in card.GetProperty("body").EnumerateArray())
        {
            Assert.Equal("RichTextBlock", block.GetProperty("type").GetString());
            foreach (var run in block.GetProperty("inlines").EnumerateArray())
            {
                Assert.Equal("TextRun", run.GetProperty("type").GetString());
                texts.Add(run.GetProperty("text").GetString()!);
            }
        }

        var all = string.Join("\n", texts);
        Assert.Contains("Reason: <!channel>", all, StringComparison.Ordinal);
        Assert.DoesNotContain("@here", all, StringComparison.Ordinal);
        Assert.DoesNotContain("@everyone", all, StringComparison.Ordinal);
    }

    [Fact]
    public void TeamsConnector_HostileReason_MarkdownAndHtmlEscaped()
    {
        var card = JsonDocument.Parse(AlertPayloads.Build(Request(AlertChannelKind.Teams, "https://contoso.webhook.office.com/webhookb2/x/IncomingWebhook/y/z"), Link)).RootElement;

        Assert.Equal("MessageCard", card.GetProperty("@type").GetString());
        var text = card.GetProperty("text").GetString()!;
        Assert.Contains(@"\*\*bold\*\*", text, StringComparison.Ordinal);
        Assert.Contains(@"\[x\]\(https://evil.example\)", text, StringComparison.Ordinal);
        Assert.Contains("&lt;at&gt;Everyone&lt;/at&gt;", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<", text, StringComparison.Ordinal);
        Assert.Contains("Create&lt;b&gt;Instance", card.GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://contoso.webhook.office.com/webhookb2/x", true)]
    [InlineData("https://outlook.office.com/webhook/x", true)]
    [InlineData("https://prod-01.westeurope.logic.azure.com/workflows/abc", false)]
    [InlineData("https://default1234.environment.api.powerplatform.com/powerautomate/x", false)]
    public void Teams_OnlyAConnectorUrlGetsTheMessageCard(string url, bool connector) =>
        Assert.Equal(connector, TeamsCard.IsConnectorUrl(new Uri(url)));

    [Theory]
    [InlineData(AlertChannelKind.Webhook, "https://hooks.example.com/x")]
    [InlineData(AlertChannelKind.Slack, "https://hooks.slack.com/services/x")]
    [InlineData(AlertChannelKind.Teams, "https://prod-01.westeurope.logic.azure.com/workflows/abc")]
    [InlineData(AlertChannelKind.Teams, "https://contoso.webhook.office.com/webhookb2/x")]
    [InlineData(AlertChannelKind.Alertmanager, "https://alertmanager.example.com:9093/")]
    public void EveryChannel_AHugeNameAndReason_AreBounded(AlertChannelKind kind, string url)
    {
        var body = AlertPayloads.Build(Request(kind, url, name: new string('N', 50_000), reason: new string('R', 200_000)), Link);

        Assert.True(body.Length < 8_000, $"{kind}: {body.Length} characters");
        Assert.DoesNotContain(new string('R', AlertText.MaxReason + 1), body, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('N', AlertText.MaxName + 1), body, StringComparison.Ordinal);
    }

    [Fact]
    public void Bound_NeverSplitsASurrogatePair()
    {
        var text = new string('a', 9) + "😀😀";

        var bounded = AlertText.Bound(text, 11);

        Assert.Equal(new string('a', 9) + "…", bounded);
    }
}

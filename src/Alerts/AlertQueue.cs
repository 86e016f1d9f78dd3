using System.Threading.Channels;

namespace TaskWatch.Alerts;

/// <summary>Hands alerts from the writer's loop to the delivery service: writing never waits.</summary>
public sealed class AlertQueue
{
    private readonly Channel<AlertRequest> _channel = Channel.CreateUnbounded<AlertRequest>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<AlertRequest> Reader => _channel.Reader;

    public void Enqueue(AlertRequest request) => _channel.Writer.TryWrite(request);
}

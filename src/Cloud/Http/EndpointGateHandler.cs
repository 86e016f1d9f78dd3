namespace TaskWatch.Cloud.Http;

/// <summary>
/// Holds a place of the project's endpoint and of all endpoints (<see cref="EndpointGates"/>) while an attempt is on
/// the wire. Behind the budget: a call waiting for its account's budget holds no place, so it cannot keep the calls of
/// other accounts on the same regional endpoint waiting (issue 32: with 100 accounts on one endpoint, calls waiting up
/// to 20 s at their own budget held all 8 places of the endpoint while other accounts' budgets sat unused).
/// </summary>
public sealed class EndpointGateHandler(EndpointGates gates) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var endpoint = gates.For(CloudRequest.ProjectOf(request));
        await gates.EnterAsync(endpoint, cancellationToken).ConfigureAwait(false);
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gates.All.Release();
            endpoint.Release();
        }
    }
}

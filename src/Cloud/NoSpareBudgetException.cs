namespace TaskWatch.Cloud;

/// <summary>
/// A call that may use only spare budget (<see cref="CallPriority.Spare"/>) found none: it was not
/// sent, and nothing was spent. Not a transient fault: no retry, no circuit breaker counts it.
/// </summary>
public sealed class NoSpareBudgetException : Exception
{
    public NoSpareBudgetException()
        : base("No spare call in the account's budget: the call was not sent.")
    {
    }

    public NoSpareBudgetException(string message)
        : base(message)
    {
    }

    public NoSpareBudgetException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

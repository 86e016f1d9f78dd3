namespace TaskWatch.Core;

public enum CloudService
{
    Rds,
    Dds,
}

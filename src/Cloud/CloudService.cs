namespace TaskWatch.Cloud;

public enum CloudService
{
    Rds,
    Dds,
}

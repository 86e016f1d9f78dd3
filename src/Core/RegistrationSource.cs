namespace TaskWatch.Core;

/// <summary>How a job came to be tracked.</summary>
public enum RegistrationSource
{
    Api = 0,
    Ui = 1,
    Configuration = 2,
    Discovery = 3,
    Demo = 4,
}

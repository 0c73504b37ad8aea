using Hangfire.AspNetCore;
using Hangfire.Logging;
using Microsoft.Extensions.Logging;

namespace ContinuityOfCare.Workflows.Scheduling;

/// <summary>
/// Hangfire's logging into the host's loggers. Hangfire keeps its log provider in a static, so a
/// process that starts more than one host (tests do; a server restarted in process would) can be
/// left holding a stopped host's logger factory: once that factory is disposed, loggers asked of
/// it are silent rather than failing the job that asked.
/// </summary>
internal sealed class HostLogProvider(ILoggerFactory loggers) : ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(loggers);

    public ILog GetLogger(string name)
    {
        try
        {
            return _inner.GetLogger(name);
        }
        catch (ObjectDisposedException)
        {
            return Silent.Instance;
        }
    }

    private sealed class Silent : ILog
    {
        public static readonly Silent Instance = new();

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}

using ContinuityOfCare.Workflows.Delivery;

using ContinuityOfCare.Workflows.Runtime.Notifications;
using ContinuityOfCare.Workflows.Server.Security;
using Hangfire;
using MailKit.Security;

namespace ContinuityOfCare.Workflows.Server.Notifications;

/// <summary>
/// Delivers the outbox: every minute (and when an administrator asks), pending notifications go to
/// their agencies' addresses in the partnership directory, by SMTP when a mail server is configured
/// and otherwise as <c>.eml</c> files in the data folder's <c>outbox</c>. What became of each one is
/// on the case and in <c>GET /api/notifications</c>.
/// </summary>
public static class NotificationDelivery
{
    public const string RecurringJobId = "deliver-notifications";

    public static IServiceCollection AddNotificationDelivery(this IServiceCollection services, ServerOptions options, string dataFolder)
    {
        services.AddSingleton(_ => LoadDirectory(options));
        services.AddSingleton<IDeliveryChannel>(sp =>
        {
            var clock = sp.GetRequiredService<TimeProvider>();
            if (options.Smtp is not { Host.Length: > 0 } smtp)
            {
                return new FileDeliveryChannel(Path.Combine(dataFolder, "outbox"), clock);
            }

            var channel = new SmtpDeliveryChannel(
                new SmtpDeliveryOptions
                {
                    Host = smtp.Host,
                    Port = smtp.Port,
                    UserName = smtp.UserName,
                    Password = smtp.Password,
                    SecureSocketOptions = !smtp.UseTls ? SecureSocketOptions.None : smtp.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls,
                },
                clock);
            return new RetryingDeliveryChannel(channel, new DeliveryRetryOptions(), clock);
        });
        services.AddSingleton<OutboxDispatcher>();
        services.AddTransient<DeliverNotificationsJob>();
        services.AddHostedService<DeliveryStartup>();
        return services;
    }

    public static void MapNotificationDelivery(this IEndpointRouteBuilder app)
    {
        // Queued as a job rather than run here, so that it never runs beside the minute's own delivery.
        app.MapPost("/api/notifications/deliver", (IBackgroundJobClient jobs) =>
                TypedResults.Accepted("/api/notifications?status=Pending", new { Job = jobs.Enqueue<DeliverNotificationsJob>(job => job.RunAsync(CancellationToken.None)) }))
            .RequireAuthorization(Policies.Administer).WithTags("Cases")
            .WithSummary("Deliver every pending notification now, rather than at the next minute (202: the delivery is queued).");
    }

    /// <summary>The configured directory, or the sample's fictional addresses, or none (every notice then fails as unaddressed, which each case shows).</summary>
    private static PartnershipDirectory LoadDirectory(ServerOptions options)
    {
        var path = Path.GetFullPath(options.PartnershipDirectory ?? "", Directory.GetCurrentDirectory());
        return options.PartnershipDirectory is { Length: > 0 } && File.Exists(path)
            ? PartnershipDirectory.Load(path)
            : new PartnershipDirectory(options.Smtp?.From ?? "continuity-of-care@example.invalid", new Dictionary<string, PartnershipAddresses>());
    }

    private sealed class DeliveryStartup(IRecurringJobManager recurring) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            recurring.AddOrUpdate<DeliverNotificationsJob>(RecurringJobId, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

/// <summary>
/// The delivery job: works through the outbox in batches while they deliver something. One runs at a
/// time across every server process, so a notification is not sent twice by two of them.
/// </summary>
public sealed class DeliverNotificationsJob(OutboxDispatcher dispatcher)
{
    /// <returns>How many notifications were delivered.</returns>
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var delivered = 0;
        for (var batch = 0; batch < 100; batch++)
        {
            var sent = await dispatcher.DispatchAsync(cancellationToken);
            delivered += sent;
            if (sent == 0)
            {
                break;
            }
        }

        return delivered;
    }
}

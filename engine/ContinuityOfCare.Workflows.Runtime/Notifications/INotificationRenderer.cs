using ContinuityOfCare.Workflows.Definitions;

namespace ContinuityOfCare.Workflows.Runtime.Notifications;

/// <summary>Turns a pathway's notification template and a case's data into the text of a notice.</summary>
public interface INotificationRenderer
{
    /// <summary>
    /// Renders the subject and body. Never throws for a problem in the template: the problem is
    /// returned in <see cref="RenderedNotification.Error"/> for the runtime to record.
    /// </summary>
    RenderedNotification Render(TemplateDefinition template, NotificationModel model);

    /// <summary>Renders within what is left of the time one change may spend on its notices.</summary>
    RenderedNotification Render(TemplateDefinition template, NotificationModel model, RenderBudget budget) => Render(template, model);

    /// <summary>The time budget for the notices of one change, started now.</summary>
    RenderBudget StartBudget() => RenderBudget.Unlimited;
}

/// <summary>The wall-clock time the notices of one change may take to render between them.</summary>
public sealed class RenderBudget
{
    private readonly TimeProvider _clock;
    private readonly long _started;

    public RenderBudget(TimeSpan total, TimeProvider clock)
    {
        Total = total;
        _clock = clock;
        _started = clock.GetTimestamp();
    }

    /// <summary>A budget that is never spent (renderers with no time to bound).</summary>
    public static RenderBudget Unlimited { get; } = new(TimeSpan.MaxValue, TimeProvider.System);

    public TimeSpan Total { get; }

    public TimeSpan Remaining => Total == TimeSpan.MaxValue ? TimeSpan.MaxValue : Total - _clock.GetElapsedTime(_started);
}

/// <summary>The rendered subject and body, or why the template could not be rendered.</summary>
public sealed record RenderedNotification(string? Subject, string? Body, string? Error)
{
    public bool Succeeded => Error is null;

    public static RenderedNotification Rendered(string subject, string body) => new(subject, body, null);

    public static RenderedNotification Failed(string error) => new(null, null, error);
}

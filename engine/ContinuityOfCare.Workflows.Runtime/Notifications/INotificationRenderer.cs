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
}

/// <summary>The rendered subject and body, or why the template could not be rendered.</summary>
public sealed record RenderedNotification(string? Subject, string? Body, string? Error)
{
    public bool Succeeded => Error is null;

    public static RenderedNotification Rendered(string subject, string body) => new(subject, body, null);

    public static RenderedNotification Failed(string error) => new(null, null, error);
}

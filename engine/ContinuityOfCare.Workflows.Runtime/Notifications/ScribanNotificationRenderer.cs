using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using ContinuityOfCare.Workflows.Definitions;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace ContinuityOfCare.Workflows.Runtime.Notifications;

/// <summary>Renders notification templates with Scriban inside a sandbox of limits.</summary>
/// <remarks>
/// A template sees only <see cref="NotificationModel"/> as plain script objects and Scriban's own
/// functions; it cannot include files, and its loops, recursion, string sizes and running time are
/// bounded by <see cref="TemplateSandboxOptions"/>. Any failure becomes an error message, never an
/// exception, because a notification is rendered in the middle of recording an event.
/// </remarks>
public sealed class ScribanNotificationRenderer : INotificationRenderer
{
    private readonly TemplateSandboxOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentDictionary<CacheKey, Template> _parsed = new();

    /// <param name="options">The sandbox's limits; <see cref="TemplateSandboxOptions.Default"/> when null.</param>
    /// <param name="timeProvider">Runs the timer of the render time limit; the system's timers when null.</param>
    public ScribanNotificationRenderer(TemplateSandboxOptions? options = null, TimeProvider? timeProvider = null)
    {
        _options = options ?? TemplateSandboxOptions.Default;
        _options.Validate();
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    public TemplateSandboxOptions Options => _options;

    public RenderedNotification Render(TemplateDefinition template, NotificationModel model) => Render(template, model, StartBudget());

    public RenderBudget StartBudget() => new(_options.OperationTimeLimit, _timeProvider);

    public RenderedNotification Render(TemplateDefinition template, NotificationModel model, RenderBudget budget)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(budget);

        // One time limit covers the subject and the body: it bounds the notice, not each part; and
        // it is cut short by what is left of the change's budget for all its notices.
        var remaining = budget.Remaining;
        if (remaining <= TimeSpan.Zero)
        {
            return RenderedNotification.Failed($"Template '{template.Id}' was not rendered: the notices of this change had used up their time limit of {Describe(budget.Total)} between them.");
        }

        var (limit, limitName) = remaining < _options.TimeLimit
            ? (remaining, $"what was left of the time limit of {Describe(budget.Total)} for the notices of this change")
            : (_options.TimeLimit, $"the time limit of {Describe(_options.TimeLimit)}");
        using var timeLimit = new CancellationTokenSource(limit, _timeProvider);
        var subject = RenderPart(template.Id, TemplatePart.Subject, template.Subject, model, timeLimit.Token, limitName);
        if (subject.Error is not null)
        {
            return RenderedNotification.Failed(subject.Error);
        }

        var body = RenderPart(template.Id, TemplatePart.Body, template.Body, model, timeLimit.Token, limitName);
        if (body.Error is not null)
        {
            return RenderedNotification.Failed(body.Error);
        }

        return RenderedNotification.Rendered(OneLine(subject.Text!), body.Text!);
    }

    private (string? Text, string? Error) RenderPart(string templateId, TemplatePart part, string text, NotificationModel model, CancellationToken timeLimit, string limitName)
    {
        var parsed = Parse(templateId, part, text);
        if (parsed.HasErrors)
        {
            var errors = parsed.Messages
                .Where(m => m.Type == ParserMessageType.Error)
                .Select(m => $"{Where(part, m.Span)}: {m.Message.Trim()}");
            return (null, $"Template '{templateId}' has a Scriban error, so it cannot be rendered: {string.Join("; ", errors)}");
        }

        var context = CreateContext(model, timeLimit);
        try
        {
            return (parsed.Render(context), null);
        }
        catch (ScriptAbortException abort) when (timeLimit.IsCancellationRequested)
        {
            return (null, $"Template '{templateId}' was stopped ({Where(part, abort.Span)}): it ran for longer than {limitName}.");
        }
        catch (ScriptRuntimeException error) when (error.InnerException is RegexMatchTimeoutException)
        {
            return (null, $"Template '{templateId}' was stopped ({Where(part, error.Span)}): a regular expression ran for longer than its time limit of {Describe(_options.RegexTimeLimit)}.");
        }
        catch (ScriptRuntimeException error)
        {
            return (null, $"Template '{templateId}' could not be rendered ({Where(part, error.Span)}): {error.OriginalMessage.Trim()}");
        }
        catch (RegexMatchTimeoutException)
        {
            return (null, $"Template '{templateId}' was stopped ({Describe(part)}): a regular expression ran for longer than its time limit of {Describe(_options.RegexTimeLimit)}.");
        }
        catch (Exception error)
        {
            // Scriban's built-in functions can throw ordinary .NET exceptions on odd arguments; the
            // template is still at fault, and the runtime must be able to record it and carry on.
            return (null, $"Template '{templateId}' could not be rendered ({Describe(part)}): {error.Message}");
        }
    }

    private Template Parse(string templateId, TemplatePart part, string text)
    {
        var key = new CacheKey(templateId, part, text);
        if (_parsed.TryGetValue(key, out var cached))
        {
            return cached;
        }

        // Bounded without bookkeeping: pathways hold tens of templates, so reaching the bound means
        // many published versions, and starting the cache afresh is cheap.
        if (_parsed.Count >= _options.MaxCachedTemplates)
        {
            _parsed.Clear();
        }

        var parserOptions = new ParserOptions { ExpressionDepthLimit = _options.ExpressionDepthLimit };
        return _parsed.GetOrAdd(key, Template.Parse(text, templateId, parserOptions));
    }

    private TemplateContext CreateContext(NotificationModel model, CancellationToken timeLimit)
    {
        var context = new TemplateContext
        {
            StrictVariables = false,
            EnableRelaxedMemberAccess = true,
            EnableRelaxedTargetAccess = true,
            LoopLimit = _options.LoopLimit,
            LoopLimitQueryable = _options.LoopLimit,
            RecursiveLimit = _options.RecursiveLimit,
            LimitToString = _options.LimitToString,
            OnStringLimit = ScriptLimitBehavior.Throw,
            OnOutputLimit = ScriptLimitBehavior.Throw,
            ObjectRecursionLimit = 20,
            RegexTimeOut = _options.RegexTimeLimit,
            TemplateLoader = RefusingTemplateLoader.Instance,
            CancellationToken = timeLimit,
        };
        context.PushGlobal(NotificationScriptObject.Create(model));
        return context;
    }

    /// <summary>Subject lines are one line in a mail header: a value holding a line break must not split it.</summary>
    private static string OneLine(string subject) =>
        string.Join(' ', subject.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string Where(TemplatePart part, SourceSpan span) =>
        $"{Describe(part)}, line {span.Start.Line + 1}, column {span.Start.Column + 1}";

    private static string Describe(TemplatePart part) => part == TemplatePart.Subject ? "subject" : "body";

    private static string Describe(TimeSpan limit) =>
        limit < TimeSpan.FromSeconds(1)
            ? $"{limit.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture)} ms"
            : $"{limit.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s";

    private enum TemplatePart
    {
        Subject,
        Body,
    }

    private readonly record struct CacheKey(string TemplateId, TemplatePart Part, string Text);

    /// <summary>Answers every <c>include</c> with an error people can act on; no file is ever read.</summary>
    private sealed class RefusingTemplateLoader : ITemplateLoader
    {
        public static readonly RefusingTemplateLoader Instance = new();

        public string GetPath(TemplateContext context, SourceSpan callerSpan, string templateName) =>
            throw new ScriptRuntimeException(callerSpan, $"Notification templates cannot include other templates or files ('{templateName}'); write the text into the template, or use 'from \"<file>\"' in the pathway.");

        public string Load(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
            throw new ScriptRuntimeException(callerSpan, $"Notification templates cannot include '{templatePath}'.");

        public ValueTask<string?> LoadAsync(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
            throw new ScriptRuntimeException(callerSpan, $"Notification templates cannot include '{templatePath}'.");
    }
}

namespace ContinuityOfCare.Workflows.Runtime.Notifications;

/// <summary>The limits a notification template renders within, so one bad template cannot stall or exhaust the runtime.</summary>
public sealed record TemplateSandboxOptions
{
    public static TemplateSandboxOptions Default { get; } = new();

    /// <summary>Iterations allowed across each nest of loops (Scriban's <c>LoopLimit</c>).</summary>
    public int LoopLimit { get; init; } = 1000;

    /// <summary>Depth of nested function calls (Scriban's <c>RecursiveLimit</c>).</summary>
    public int RecursiveLimit { get; init; } = 20;

    /// <summary>Longest string, and longest rendered subject or body, in characters (Scriban's <c>LimitToString</c>).</summary>
    public int LimitToString { get; init; } = 100_000;

    /// <summary>Deepest nesting of expressions and blocks the parser accepts.</summary>
    public int ExpressionDepthLimit { get; init; } = 100;

    /// <summary>Wall-clock time allowed to render one notification, subject and body together.</summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Wall-clock time allowed to render every notification one change sends (one event may notify
    /// several agencies): once it is spent, the rest are recorded as failed without being rendered,
    /// so a slow template holds a caseworker's request for this long at most.
    /// </summary>
    public TimeSpan OperationTimeLimit { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Time allowed to one regular expression call in a template. A call cannot be interrupted once
    /// started, so this is also how far a render may run past its other limits.
    /// </summary>
    public TimeSpan RegexTimeLimit { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Parsed templates kept for reuse; the cache is emptied when it grows past this.</summary>
    public int MaxCachedTemplates { get; init; } = 1024;

    internal void Validate()
    {
        Positive(LoopLimit, nameof(LoopLimit));
        Positive(RecursiveLimit, nameof(RecursiveLimit));
        Positive(LimitToString, nameof(LimitToString));
        Positive(ExpressionDepthLimit, nameof(ExpressionDepthLimit));
        Positive(MaxCachedTemplates, nameof(MaxCachedTemplates));
        foreach (var (limit, name) in new[] { (TimeLimit, nameof(TimeLimit)), (OperationTimeLimit, nameof(OperationTimeLimit)), (RegexTimeLimit, nameof(RegexTimeLimit)) })
        {
            if (limit <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(name, limit, $"{name} must be positive; a template without a time limit is not sandboxed.");
            }
        }
    }

    private static void Positive(int value, string name)
    {
        if (value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive; zero would switch the limit off, and a template without limits is not sandboxed.");
        }
    }
}

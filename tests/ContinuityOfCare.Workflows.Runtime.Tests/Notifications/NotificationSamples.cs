using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Language;
using ContinuityOfCare.Workflows.Language.Tests;
using ContinuityOfCare.Workflows.Runtime.Notifications;

namespace ContinuityOfCare.Workflows.Runtime.Tests.Notifications;

/// <summary>A fictional case and the shipped national pathway's templates, for rendering tests.</summary>
internal static class NotificationSamples
{
    private static readonly Lazy<PathwayDefinition> National = new(() =>
    {
        var path = Path.Combine(RepositoryPaths.Pathways, "national", "custody-to-community.pathway");
        var result = TestCompiler.CompileFile(path);
        return result.Definition ?? throw new InvalidOperationException(
            $"{path} does not compile: {string.Join("; ", result.Errors.Select(e => e.ToString()))}");
    });

    public static TemplateDefinition NationalTemplate(string id) =>
        National.Value.FindTemplate(id) ?? throw new InvalidOperationException($"The national pathway has no template '{id}'.");

    public static TemplateDefinition Inline(string body, string subject = "Test notice", string id = "test") => new(id, subject, body);

    public static NotificationModel AlexExample(
        IReadOnlyDictionary<string, string>? fields = null,
        NotificationEvent? @event = null,
        NotificationAction? action = null) =>
        new(
            new NotificationPerson("Alex Example", "A0000AA", "1 April 1990", Consent: true),
            fields ?? new Dictionary<string, string>
            {
                ["prison"] = "HMP Riverside (fictional)",
                ["release-date"] = "14 August 2026",
                ["key-worker"] = "Sam Sample",
            },
            new NotificationPathway("custody-to-community", "Drug-misusing offenders: custody to community", "Riverside Recovery Partnership (fictional)"),
            new NotificationState("ongoing-care", "Ongoing care in prison", "in custody"),
            new NotificationRecipient("cjit", "Riverside CJIT (fictional)"),
            action,
            @event ?? new NotificationEvent("release-date-changed", "12 March 2026 10:15", "The parole board brought the release date forward."),
            "12 March 2026 10:15");
}

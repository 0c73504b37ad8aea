using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Language.Syntax;

namespace ContinuityOfCare.Workflows.Language.Semantics;

/// <summary>What the names in a pathway file refer to, after the checker has read it.</summary>
/// <remarks>Only the first declaration of a duplicated id is kept; later ones are reported.</remarks>
public sealed class SemanticModel
{
    public HeaderSyntax? Header { get; internal set; }

    /// <summary>The reporting rules, when the pathway declares them.</summary>
    public ReportSyntax? Report { get; internal set; }

    /// <summary>For a pathway written as changes, the version it is based on.</summary>
    public PathwayBase? Base { get; internal set; }

    /// <summary>For a pathway written as changes that declares no reporting rules, the base's own.</summary>
    public ReportRules? InheritedReport { get; internal set; }

    public Dictionary<string, AgencySyntax> Agencies { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, FieldSyntax> Fields { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, TemplateSyntax> Templates { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, StateSyntax> States { get; } = new(StringComparer.Ordinal);

    /// <summary>Every event some state handles, with the first place it is handled.</summary>
    public Dictionary<string, IdentifierSyntax> Events { get; } = new(StringComparer.Ordinal);

    /// <summary>Names declared by declarations that could not be read, by keyword; never reported as unknown.</summary>
    public HashSet<(string Keyword, string Name)> Broken { get; } = [];

    /// <summary>The text of each template, read inline or from its file.</summary>
    public Dictionary<string, string> TemplateTexts { get; } = new(StringComparer.Ordinal);

    public string? HeaderProperty(HeaderPropertyKind kind) =>
        Header?.Properties.FirstOrDefault(p => p.Kind == kind)?.Value;

    public static string Describe(FieldSyntax field) => field.Type.Type switch
    {
        FieldType.Text => "text",
        FieldType.Date => "a date",
        FieldType.DateTime => "a date and time",
        FieldType.YesNo => "yes/no",
        FieldType.Number => "a number",
        FieldType.OneOf => "one of " + string.Join(", ", field.Type.Options.Select(o => o.Name)),
        _ => field.Type.Type.ToString(),
    };
}

using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Language.Diagnostics;
using ContinuityOfCare.Workflows.Language.Syntax;
using static ContinuityOfCare.Workflows.Language.Diagnostics.DiagnosticCatalog;

namespace ContinuityOfCare.Workflows.Language.Semantics;

/// <summary>What a pathway written as changes takes from its base besides its parts.</summary>
internal sealed record Inheritance(PathwayBase Base, ReportRules? Report);

/// <summary>
/// Finds the base a pathway names and applies its changes to it, giving the whole pathway for the
/// checker. A pathway with no <c>based on</c> line is already whole, and may not hold changes.
/// </summary>
internal static class BaseResolution
{
    /// <returns>The whole pathway, or null when its base cannot be had (then only that is reported: everything else would follow from it).</returns>
    public static (PathwayFileSyntax? Whole, Inheritance? Inherited) Resolve(PathwayFileSyntax syntax, DiagnosticBag bag, CompileEnvironment environment)
    {
        var header = syntax.Declarations.OfType<HeaderSyntax>().FirstOrDefault();
        if (header?.BasedOn is not { } basedOn)
        {
            foreach (var change in syntax.Declarations.Where(IsChange))
            {
                bag.Report(new Text.TextSpan(change.Span.Start, Verb(change).Length), ChangeNeedsBase(Verb(change)));
            }

            return (syntax, null);
        }

        var pathway = basedOn.Pathway.Name;
        switch ((environment.Bases ?? PathwayBases.None).Find(pathway, basedOn.Version))
        {
            case BaseFound found:
                var whole = BaseMerger.Merge(syntax, header, found.Definition, bag);
                return (whole, new Inheritance(new PathwayBase(pathway, basedOn.Version, found.ContentHash), found.Definition.Report));
            case BaseUnknown unknown:
                bag.Report(basedOn.Pathway.Span, BaseUnknown(pathway, SpellChecker.Suggest(pathway, unknown.Known)));
                break;
            case BaseVersionMissing missing:
                bag.Report(basedOn.VersionSpan, BaseVersionNotPublished(pathway, basedOn.Version, missing.Published, missing.Current));
                break;
            case BaseRetracted retracted:
                bag.Report(basedOn.VersionSpan, BaseVersionRetracted(pathway, basedOn.Version, retracted.Reason, retracted.Current));
                break;
        }

        return (null, null);
    }

    private static bool IsChange(DeclarationSyntax declaration) =>
        declaration is DeclarationChangeSyntax or RemoveDeclarationSyntax or RenameAgencySyntax or ChangeStateSyntax;

    private static string Verb(DeclarationSyntax change) => change switch
    {
        DeclarationChangeSyntax { Verb: ChangeVerb.Add } => "add",
        DeclarationChangeSyntax => "replace",
        RemoveDeclarationSyntax => "remove",
        RenameAgencySyntax => "rename",
        _ => "change",
    };
}

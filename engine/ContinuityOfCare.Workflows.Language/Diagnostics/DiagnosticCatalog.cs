using static ContinuityOfCare.Workflows.Language.Diagnostics.DiagnosticSeverity;

namespace ContinuityOfCare.Workflows.Language.Diagnostics;

/// <summary>Every diagnostic the language reports, with its stable code and its message in plain words.</summary>
/// <remarks>
/// COC1xxx codes are syntax errors found while reading the file; COC2xxx codes are problems with
/// what the pathway means. Codes are never reused or renumbered: documents and tickets quote them.
/// </remarks>
public static class DiagnosticCatalog
{
    // Syntax.
    public static readonly DiagnosticDescriptor SyntaxError = new("COC1001", Error, "Syntax error");
    public static readonly DiagnosticDescriptor UnterminatedString = new("COC1002", Error, "Unterminated string");
    public static readonly DiagnosticDescriptor UnterminatedTemplateBlock = new("COC1003", Error, "Unterminated template block");
    public static readonly DiagnosticDescriptor UnknownDeclaration = new("COC1004", Error, "Unknown declaration");
    public static readonly DiagnosticDescriptor UnknownStateMember = new("COC1005", Error, "Unknown state member");
    public static readonly DiagnosticDescriptor InvalidTimeOfDay = new("COC1006", Error, "Invalid time of day");
    public static readonly DiagnosticDescriptor AmountOutOfRange = new("COC1007", Error, "Amount out of range");
    public static readonly DiagnosticDescriptor InvalidDate = new("COC1008", Error, "Invalid date");

    // Header.
    public static readonly DiagnosticDescriptor MissingHeader = new("COC2001", Error, "Missing pathway header");
    public static readonly DiagnosticDescriptor DuplicateHeader = new("COC2002", Error, "Pathway header repeated");
    public static readonly DiagnosticDescriptor MissingHeaderProperty = new("COC2003", Error, "Missing header property");
    public static readonly DiagnosticDescriptor DuplicateHeaderProperty = new("COC2004", Error, "Header property repeated");
    public static readonly DiagnosticDescriptor UnknownTimeZone = new("COC2005", Error, "Unknown time zone");
    public static readonly DiagnosticDescriptor UnknownCalendar = new("COC2006", Error, "Unknown calendar");

    // Names.
    public static readonly DiagnosticDescriptor DuplicateId = new("COC2007", Error, "Duplicate id");
    public static readonly DiagnosticDescriptor UnknownAgency = new("COC2008", Error, "Unknown agency");
    public static readonly DiagnosticDescriptor UnknownState = new("COC2009", Error, "Unknown state");
    public static readonly DiagnosticDescriptor UnknownField = new("COC2010", Error, "Unknown field");
    public static readonly DiagnosticDescriptor UnknownTemplate = new("COC2011", Error, "Unknown template");
    public static readonly DiagnosticDescriptor UnknownEvent = new("COC2012", Error, "Unknown event");

    // Shape of the pathway.
    public static readonly DiagnosticDescriptor NoStartState = new("COC2013", Error, "No start state");
    public static readonly DiagnosticDescriptor SeveralStartStates = new("COC2014", Error, "Several start states");
    public static readonly DiagnosticDescriptor NoFinalState = new("COC2015", Error, "No final state");
    public static readonly DiagnosticDescriptor UnreachableState = new("COC2016", Warning, "Unreachable state");
    public static readonly DiagnosticDescriptor NoWayToFinish = new("COC2017", Warning, "No final state reachable");
    public static readonly DiagnosticDescriptor LeavesFinalState = new("COC2018", Error, "Final state with transitions or actions");
    public static readonly DiagnosticDescriptor MissingOutcome = new("COC2019", Error, "Final state without outcome");
    public static readonly DiagnosticDescriptor OutcomeOnNonFinalState = new("COC2020", Error, "Outcome on a state that is not final");
    public static readonly DiagnosticDescriptor MissingOwner = new("COC2021", Error, "State without owner");
    public static readonly DiagnosticDescriptor MissingStage = new("COC2022", Error, "State without stage");
    public static readonly DiagnosticDescriptor RepeatedStateMember = new("COC2023", Error, "State property repeated");

    // Types.
    public static readonly DiagnosticDescriptor AnchorWrongType = new("COC2024", Error, "Deadline anchored to a field of the wrong type");
    public static readonly DiagnosticDescriptor ConditionTypeMismatch = new("COC2025", Error, "Type mismatch in condition");
    public static readonly DiagnosticDescriptor AssignmentTypeMismatch = new("COC2026", Error, "Type mismatch in assignment");

    // Templates.
    public static readonly DiagnosticDescriptor TemplateSyntaxError = new("COC2027", Error, "Template syntax error");
    public static readonly DiagnosticDescriptor UnknownTemplateVariable = new("COC2028", Error, "Unknown template variable");
    public static readonly DiagnosticDescriptor TemplateFileNotFound = new("COC2029", Error, "Template file not found");

    // Behaviour worth a second look.
    public static readonly DiagnosticDescriptor OverlappingTransitions = new("COC2030", Warning, "Overlapping transitions");
    public static readonly DiagnosticDescriptor NextWorkingDayRuleHasNoEffect = new("COC2031", Warning, "Next-working-day rule has no effect");
    public static readonly DiagnosticDescriptor NeverUsed = new("COC2032", Warning, "Declared but never used");
    public static readonly DiagnosticDescriptor AmbiguousAnchor = new("COC2033", Error, "Anchor is both an event and a field");
    public static readonly DiagnosticDescriptor InvalidRename = new("COC2034", Error, "Rename of a state that still exists, or renamed twice");

    // Reporting rules.
    public static readonly DiagnosticDescriptor DuplicateReport = new("COC2035", Error, "Report rules repeated");
    public static readonly DiagnosticDescriptor UnknownReleaseEvent = new("COC2036", Error, "Unknown release event");
    public static readonly DiagnosticDescriptor UnknownReportOutcome = new("COC2037", Error, "Unknown outcome in the report rules");
    public static readonly DiagnosticDescriptor UnknownFunnelStage = new("COC2038", Error, "Unknown funnel stage");
    public static readonly DiagnosticDescriptor InvalidContinuityWindow = new("COC2039", Error, "Continuity window not in days or weeks");
    public static readonly DiagnosticDescriptor ConflictingReportLine = new("COC2040", Error, "Report line repeated or contradictory");

    // Local protocols written as changes to a base.
    public static readonly DiagnosticDescriptor UnknownBase = new("COC2041", Error, "Unknown base pathway");
    public static readonly DiagnosticDescriptor BaseVersionUnavailable = new("COC2042", Error, "Base version not published or retracted");
    public static readonly DiagnosticDescriptor NotInBase = new("COC2043", Error, "Change to something the base does not have");
    public static readonly DiagnosticDescriptor AlreadyInBase = new("COC2044", Error, "Addition of something the base already has");
    public static readonly DiagnosticDescriptor RepeatedChange = new("COC2045", Error, "Two changes to the same thing");
    public static readonly DiagnosticDescriptor DanglingAfterRemoval = new("COC2046", Error, "Removal leaves a transition leading nowhere");
    public static readonly DiagnosticDescriptor ChangeWithoutBase = new("COC2047", Error, "Change without a base");

    /// <summary>Every descriptor in the catalog, in code order.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All { get; } =
        [.. typeof(DiagnosticCatalog).GetFields()
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .OrderBy(d => d.Code, StringComparer.Ordinal)];

    // Messages. Each quotes the user's names and, where it can, says what to write instead.

    internal static DiagnosticInfo Syntax(string expected, string found) =>
        new(SyntaxError, $"Expected {expected} but found {found}.");

    internal static DiagnosticInfo StringNotClosed() =>
        new(UnterminatedString, "This text has no closing quote (\"); a string must end on the line it starts.");

    internal static DiagnosticInfo TemplateBlockNotClosed() =>
        new(UnterminatedTemplateBlock, "This template text has no closing \"\"\" line.");

    internal static DiagnosticInfo NotADeclaration(string word, string? suggestion) =>
        new(UnknownDeclaration,
            $"'{word}' does not start a declaration; expected pathway, agency, field, template, start state, state, final state or report." +
            DidYouMean(suggestion), suggestion);

    internal static DiagnosticInfo NotAStateMember(string word, string? suggestion) =>
        new(UnknownStateMember,
            $"'{word}' is not something a state can contain; expected stage, owner, outcome, action, on or after." +
            DidYouMean(suggestion), suggestion);

    internal static DiagnosticInfo BadTimeOfDay(string text) =>
        new(InvalidTimeOfDay, $"'{text}' is not a time of day; write it as HH:MM on the 24-hour clock, for example 09:00.");

    internal static DiagnosticInfo BadAmount(string text) =>
        new(AmountOutOfRange, $"'{text}' is not a usable amount; write a whole number from 1 to 9999.");

    internal static DiagnosticInfo BadDate(string text) =>
        new(InvalidDate, $"'{text}' is not a real date; write dates as year-month-day, for example 2026-03-01.");

    internal static DiagnosticInfo NoHeader() =>
        new(MissingHeader, "The file has no pathway header; start it with 'pathway <id>' followed by its title and partnership.");

    internal static DiagnosticInfo HeaderRepeated(string id) =>
        new(DuplicateHeader, $"The file already declares a pathway; 'pathway {id}' must be the only header.");

    internal static DiagnosticInfo HeaderPropertyMissing(string pathway, string property) =>
        new(MissingHeaderProperty, $"Pathway '{pathway}' has no {property}; add a line such as '{property} \"...\"' under the header.");

    internal static DiagnosticInfo HeaderPropertyRepeated(string property) =>
        new(DuplicateHeaderProperty, $"The pathway's {property} is given more than once; keep one.");

    internal static DiagnosticInfo TimeZoneUnknown(string zone, string? suggestion) =>
        new(UnknownTimeZone, $"'{zone}' is not a known time zone; use an IANA name such as Europe/London." + DidYouMean(suggestion), suggestion);

    internal static DiagnosticInfo CalendarUnknown(string calendar, IEnumerable<string> known, string? suggestion) =>
        new(UnknownCalendar,
            $"'{calendar}' is not a calendar whose working days are known here; the known calendars are {string.Join(", ", known)}." + DidYouMean(suggestion),
            suggestion);

    internal static DiagnosticInfo DefaultCalendarUnknown(string pathway, string calendar, IEnumerable<string> known) =>
        new(UnknownCalendar,
            $"Pathway '{pathway}' names no calendar, so it would count working days on '{calendar}', which is not known here; add a 'calendar' line naming one of {string.Join(", ", known)}.");

    internal static DiagnosticInfo Duplicate(string kind, string id, int firstLine) =>
        new(DuplicateId, $"There is already {kind} '{id}' (line {firstLine}); give this one a different id.");

    internal static DiagnosticInfo AgencyUnknown(string name, string? suggestion) =>
        new(UnknownAgency, $"Unknown agency '{name}'." + DidYouMean(suggestion, "declare it with 'agency " + name + " \"...\"'"), suggestion);

    internal static DiagnosticInfo StateUnknown(string name, string? suggestion) =>
        new(UnknownState, $"Unknown state '{name}'." + DidYouMean(suggestion), suggestion);

    internal static DiagnosticInfo FieldUnknown(string name, string? suggestion) =>
        new(UnknownField, $"Unknown field '{name}'." + DidYouMean(suggestion, "declare it with 'field " + name + ": <type>'"), suggestion);

    internal static DiagnosticInfo TemplateUnknown(string name, string? suggestion) =>
        new(UnknownTemplate, $"Unknown template '{name}'." + DidYouMean(suggestion), suggestion);

    internal static DiagnosticInfo EventUnknown(string name, string? suggestion) =>
        new(UnknownEvent,
            $"No state handles an event '{name}' and there is no date field of that name." + DidYouMean(suggestion),
            suggestion);

    internal static DiagnosticInfo StartMissing() =>
        new(NoStartState, "The pathway has no start state; mark the state where cases begin with 'start state'.");

    internal static DiagnosticInfo StartRepeated(string state, string first) =>
        new(SeveralStartStates, $"State '{state}' is marked as a start state, but '{first}' already is; a pathway has exactly one.");

    internal static DiagnosticInfo FinalMissing() =>
        new(NoFinalState, "The pathway has no final state; mark the states where cases end with 'final state' and give each an outcome.");

    internal static DiagnosticInfo Unreachable(string state) =>
        new(UnreachableState, $"No transition leads to state '{state}', so no case will ever enter it.");

    internal static DiagnosticInfo CannotFinish(string state) =>
        new(NoWayToFinish, $"A case in state '{state}' can never reach a final state.");

    internal static DiagnosticInfo LeavesFinal(string state, string what) =>
        new(LeavesFinalState, $"State '{state}' is final, so it cannot have {what}; a case that reaches it has ended.");

    internal static DiagnosticInfo OutcomeMissing(string state) =>
        new(MissingOutcome, $"Final state '{state}' has no outcome; add a line such as 'outcome continuity-achieved'.");

    internal static DiagnosticInfo OutcomeNotFinal(string state) =>
        new(OutcomeOnNonFinalState, $"State '{state}' is not final, so it cannot have an outcome; write 'final state' if cases end here.");

    internal static DiagnosticInfo OwnerMissing(string state) =>
        new(MissingOwner, $"State '{state}' has no owner; add 'owner <agency>' to say which agency is responsible for it.");

    internal static DiagnosticInfo StageMissing(string state) =>
        new(MissingStage, $"State '{state}' has no stage; add 'stage \"...\"' to name the reporting stage it counts towards.");

    internal static DiagnosticInfo MemberRepeated(string state, string member) =>
        new(RepeatedStateMember, $"State '{state}' gives its {member} more than once; keep one.");

    internal static DiagnosticInfo AnchorType(string field, string actualType, string need) =>
        new(AnchorWrongType, $"Field '{field}' is {actualType}, but this deadline needs {need}.");

    internal static DiagnosticInfo ConditionType(string message) => new(ConditionTypeMismatch, message);

    internal static DiagnosticInfo AssignmentType(string field, string fieldType, string value) =>
        new(AssignmentTypeMismatch, $"Field '{field}' is {fieldType}, so it cannot be set to {value}.");

    internal static DiagnosticInfo TemplateSyntax(string template, string message) =>
        new(TemplateSyntaxError, $"Template '{template}': {message}");

    internal static DiagnosticInfo TemplateVariable(string variable, string? suggestion) =>
        new(UnknownTemplateVariable,
            $"'{variable}' is not a case field or a known property of a notification." + DidYouMean(suggestion),
            suggestion);

    internal static DiagnosticInfo TemplateFileMissing(string path) =>
        new(TemplateFileNotFound, $"Template file '{path}' was not found beside the pathway file.");

    internal static DiagnosticInfo Overlap(string state, string eventName, int otherLine) =>
        new(OverlappingTransitions,
            $"In state '{state}', this transition on '{eventName}' and the one on line {otherLine} can both apply; " +
            "the earlier one always wins, so make their conditions exclusive.");

    internal static DiagnosticInfo NextWorkingDayUseless() =>
        new(NextWorkingDayRuleHasNoEffect, "A deadline counted in working days always falls on a working day, so 'or by ... next working day' never applies.");

    internal static DiagnosticInfo Unused(string kind, string id) =>
        new(NeverUsed, $"{char.ToUpperInvariant(kind[0])}{kind[1..]} '{id}' is declared but never used.");

    internal static DiagnosticInfo AnchorAmbiguous(string name) =>
        new(AmbiguousAnchor, $"'{name}' is both an event and a field, so it is unclear what this deadline counts from; rename one of them.");

    internal static DiagnosticInfo RenamedStateStillExists(string id, string old) =>
        new(InvalidRename, old == id
            ? $"State '{id}' cannot be its own previous name; remove '(was {old})'."
            : $"'{old}' is still a state in this pathway, so '{id}' cannot be its new name; remove '(was {old})', or the state '{old}'.");

    internal static DiagnosticInfo RenamedTwice(string id, string old, string other, int otherLine) =>
        new(InvalidRename, $"State '{other}' (line {otherLine}) is already the new name of '{old}'; '{id}' cannot be as well.");

    internal static DiagnosticInfo ReportRepeated() =>
        new(DuplicateReport, "The pathway already has a 'report' declaration; keep one and put all the reporting rules in it.");

    internal static DiagnosticInfo ReleaseEventUnknown(string name, string? suggestion) =>
        new(UnknownReleaseEvent,
            $"No state handles an event '{name}', so no case would ever count as released." + DidYouMean(suggestion),
            suggestion);

    internal static DiagnosticInfo ReportOutcomeUnknown(string name, string? suggestion) =>
        new(UnknownReportOutcome, $"No final state has the outcome '{name}'." + DidYouMean(suggestion), suggestion);

    internal static DiagnosticInfo FunnelStageUnknown(string name, string? suggestion) =>
        new(UnknownFunnelStage, $"No state has the stage \"{name}\"." + DidYouMean(suggestion), suggestion);

    internal static DiagnosticInfo WindowUnit(string written) =>
        new(InvalidContinuityWindow,
            $"The continuity window '{written}' must be counted in calendar days or weeks, such as 'within 21 days'.");

    internal static DiagnosticInfo ReportLineConflict(string message) => new(ConflictingReportLine, message);

    internal static DiagnosticInfo BaseUnknown(string pathway, string? suggestion) =>
        new(UnknownBase,
            $"There is no published pathway '{pathway}' that this partnership may build on." + DidYouMean(suggestion, "publish it first"),
            suggestion);

    internal static DiagnosticInfo BaseVersionNotPublished(string pathway, int version, IReadOnlyList<int> published, int? current) =>
        new(BaseVersionUnavailable,
            $"Pathway '{pathway}' has no published version {version}; its versions are {Versions(published)}." +
            (current is { } c ? $" Did you mean version {c}, the current one?" : ""),
            current?.ToString(System.Globalization.CultureInfo.InvariantCulture));

    internal static DiagnosticInfo BaseVersionRetracted(string pathway, int version, string reason, int? current) =>
        new(BaseVersionUnavailable,
            $"Version {version} of pathway '{pathway}' was retracted ({reason.TrimEnd('.')}), so nothing new may be based on it." +
            (current is { } c ? $" Did you mean version {c}, the current one?" : ""),
            current?.ToString(System.Globalization.CultureInfo.InvariantCulture));

    internal static DiagnosticInfo BaseLacks(string what, string baseName, string? suggestion, bool canAdd) =>
        new(NotInBase,
            $"{baseName} has no {what}, so it cannot be changed or removed." +
            (suggestion is not null ? $" Did you mean '{suggestion}'?" : canAdd ? " If it is new, write 'add' instead." : ""),
            suggestion);

    internal static DiagnosticInfo BaseHas(string what, string baseName, string? replacement) =>
        new(AlreadyInBase,
            $"{baseName} already has {what}; write 'replace' to put yours in its place, or choose another id.",
            replacement);

    internal static DiagnosticInfo ChangedTwice(string what, int firstLine) =>
        new(RepeatedChange, $"Line {firstLine} already changes {what}; make one change to it, so the protocol says one thing.");

    internal static DiagnosticInfo RemovalDangles(string state, IReadOnlyList<string> leadingIn) =>
        new(DanglingAfterRemoval,
            $"State '{state}' cannot be removed while {string.Join(", ", leadingIn.Take(3))}{(leadingIn.Count > 3 ? $" and {leadingIn.Count - 3} more" : "")} still lead{(leadingIn.Count == 1 ? "s" : "")} to it; " +
            "remove or replace those too, or keep the state.");

    internal static DiagnosticInfo ChangeNeedsBase(string verb) =>
        new(ChangeWithoutBase,
            $"'{verb}' changes a base pathway, but this pathway has no 'based on' line; add one under the header, such as 'based on custody-to-community version 1', or write the declaration whole.");

    private static string Versions(IReadOnlyList<int> published) => published.Count switch
    {
        0 => "none yet",
        1 => published[0].ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ when published[^1] - published[0] == published.Count - 1 => $"{published[0]} to {published[^1]}",
        _ => string.Join(", ", published),
    };

    private static string DidYouMean(string? suggestion, string? otherwise = null) =>
        suggestion is not null ? $" Did you mean '{suggestion}'?" : otherwise is null ? "" : $" If it is new, {otherwise}.";
}

using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Language.Syntax;
using static ContinuityOfCare.Workflows.Language.Diagnostics.DiagnosticCatalog;

namespace ContinuityOfCare.Workflows.Language.Semantics;

public sealed partial class PathwayChecker
{
    private void CheckCondition(ConditionSyntax condition)
    {
        switch (condition)
        {
            case AndSyntax conjunction:
                CheckCondition(conjunction.Left);
                CheckCondition(conjunction.Right);
                break;
            case OrSyntax disjunction:
                CheckCondition(disjunction.Left);
                CheckCondition(disjunction.Right);
                break;
            case NotSyntax negation:
                CheckCondition(negation.Operand);
                break;
            case ParenthesizedSyntax parenthesized:
                CheckCondition(parenthesized.Inner);
                break;
            case IsSetSyntax isSet:
                ResolveField(isSet.Field);
                break;
            case FieldTestSyntax test:
                if (ResolveField(test.Field) is { } tested && tested.Type.Type != FieldType.YesNo)
                {
                    _bag.Report(test.Field.Span, ConditionType(
                        $"Field '{tested.Id.Name}' is {SemanticModel.Describe(tested)}, so it cannot stand alone as a condition; " +
                        $"compare it with a value or write '{tested.Id.Name} is set'."));
                }

                break;
            case CompareSyntax compare:
                CheckComparison(compare);
                break;
        }
    }

    private void CheckComparison(CompareSyntax compare)
    {
        if (ResolveField(compare.Field) is not { } field)
        {
            return;
        }

        var (_, problem) = ValueChecker.Convert(field, compare.Value);
        ReportValueProblem(problem, compare.Value, () => ConditionType(
            $"Field '{field.Id.Name}' is {SemanticModel.Describe(field)}, so it cannot be compared with {ValueChecker.Describe(compare.Value)}."));
        if (problem is null &&
            compare.Operator is not (ComparisonOperator.Equal or ComparisonOperator.NotEqual) &&
            !ValueChecker.SupportsOrdering(field.Type.Type))
        {
            _bag.Report(compare.Span, ConditionType(
                $"Field '{field.Id.Name}' is {SemanticModel.Describe(field)}, which has no order, so '{compare.OperatorText}' cannot be used; use = or !=."));
        }
    }
}

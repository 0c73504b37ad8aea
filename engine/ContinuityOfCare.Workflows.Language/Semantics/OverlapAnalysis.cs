using System.Globalization;
using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Language.Syntax;

namespace ContinuityOfCare.Workflows.Language.Semantics;

/// <summary>
/// Decides, conservatively, whether two guards can never hold at once. It rewrites each guard as
/// an "or" of "and"s of simple tests, then looks for a pair of tests on one field that contradict
/// (different values, set versus not set, ranges that do not meet). When it cannot prove the
/// guards exclusive it says so, and the checker warns.
/// </summary>
internal static class OverlapAnalysis
{
    private const int MaxTerms = 64;

    /// <summary>A simple test on one field; <see cref="Value"/> is canonical text, or null for "is set".</summary>
    private sealed record Test(string Field, ComparisonOperator? Operator, bool Negated, string? Value, FieldType Type);

    public static bool AreExclusive(ConditionSyntax? left, ConditionSyntax? right, SemanticModel model)
    {
        if (left is null || right is null)
        {
            return false;
        }

        var a = ToTerms(left, negate: false, model);
        var b = ToTerms(right, negate: false, model);
        if (a is null || b is null)
        {
            return false;
        }

        return a.All(x => b.All(y => Contradict(x, y)));
    }

    private static List<List<Test>>? ToTerms(ConditionSyntax condition, bool negate, SemanticModel model)
    {
        switch (condition)
        {
            case ParenthesizedSyntax p:
                return ToTerms(p.Inner, negate, model);
            case NotSyntax n:
                return ToTerms(n.Operand, !negate, model);
            case AndSyntax when !negate:
            case OrSyntax when negate:
                return Product(ToTerms(Left(condition), negate, model), ToTerms(Right(condition), negate, model));
            case OrSyntax:
            case AndSyntax:
                var l = ToTerms(Left(condition), negate, model);
                var r = ToTerms(Right(condition), negate, model);
                return l is null || r is null || l.Count + r.Count > MaxTerms ? null : [.. l, .. r];
            default:
                return Atom(condition, negate, model) is { } test ? [[test]] : null;
        }
    }

    private static ConditionSyntax Left(ConditionSyntax c) => c is AndSyntax a ? a.Left : ((OrSyntax)c).Left;

    private static ConditionSyntax Right(ConditionSyntax c) => c is AndSyntax a ? a.Right : ((OrSyntax)c).Right;

    private static List<List<Test>>? Product(List<List<Test>>? a, List<List<Test>>? b)
    {
        if (a is null || b is null || a.Count * b.Count > MaxTerms)
        {
            return null;
        }

        return [.. a.SelectMany(x => b.Select(y => x.Concat(y).ToList()))];
    }

    private static Test? Atom(ConditionSyntax condition, bool negate, SemanticModel model)
    {
        switch (condition)
        {
            case IsSetSyntax isSet when model.Fields.TryGetValue(isSet.Field.Name, out var f):
                return new Test(f.Id.Name, null, isSet.Negated != negate, null, f.Type.Type);
            case FieldTestSyntax test when model.Fields.TryGetValue(test.Field.Name, out var f) && f.Type.Type == FieldType.YesNo:
                // "x" alone means x = yes; negated, x != yes (which also holds when x is not set).
                return new Test(f.Id.Name, negate ? ComparisonOperator.NotEqual : ComparisonOperator.Equal, false, "yes", f.Type.Type);
            case CompareSyntax compare when model.Fields.TryGetValue(compare.Field.Name, out var f):
                var (value, problem) = ValueChecker.Convert(f, compare.Value);
                if (problem is not null || value is null || value.Kind is ValueKind.Today or ValueKind.Now)
                {
                    return null;
                }

                var op = negate ? Negate(compare.Operator) : compare.Operator;
                return new Test(f.Id.Name, op, false, value.Text, f.Type.Type);
            default:
                return null;
        }
    }

    private static ComparisonOperator Negate(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => ComparisonOperator.NotEqual,
        ComparisonOperator.NotEqual => ComparisonOperator.Equal,
        ComparisonOperator.Less => ComparisonOperator.GreaterOrEqual,
        ComparisonOperator.LessOrEqual => ComparisonOperator.Greater,
        ComparisonOperator.Greater => ComparisonOperator.LessOrEqual,
        _ => ComparisonOperator.Less,
    };

    /// <summary>Whether two "and"-terms can never both hold.</summary>
    private static bool Contradict(List<Test> a, List<Test> b) =>
        a.Any(x => b.Any(y => Contradict(x, y))) ||
        a.Any(x => a.Any(y => Contradict(x, y))) ||
        b.Any(x => b.Any(y => Contradict(x, y)));

    private static bool Contradict(Test x, Test y)
    {
        if (x.Field != y.Field)
        {
            return false;
        }

        // "is set" / "is not set".
        if (x.Operator is null && y.Operator is null)
        {
            return x.Negated != y.Negated;
        }

        // A comparison other than != only holds when the field is set.
        if (x.Operator is null || y.Operator is null)
        {
            var isSet = x.Operator is null ? x : y;
            var comparison = x.Operator is null ? y : x;
            return isSet.Negated && comparison.Operator != ComparisonOperator.NotEqual;
        }

        if (x.Operator == ComparisonOperator.Equal && y.Operator == ComparisonOperator.Equal)
        {
            return Compare(x, y.Value!) != 0;
        }

        if ((x.Operator, y.Operator) is (ComparisonOperator.Equal, ComparisonOperator.NotEqual) or (ComparisonOperator.NotEqual, ComparisonOperator.Equal))
        {
            return Compare(x, y.Value!) == 0;
        }

        if (!ValueChecker.SupportsOrdering(x.Type) || x.Operator == ComparisonOperator.NotEqual || y.Operator == ComparisonOperator.NotEqual)
        {
            return false;
        }

        var (xLow, xLowIn, xHigh, xHighIn) = Range(x);
        var (yLow, yLowIn, yHigh, yHighIn) = Range(y);
        return Below(x, xHigh, xHighIn, yLow, yLowIn) || Below(x, yHigh, yHighIn, xLow, xLowIn);
    }

    /// <summary>Whether an upper bound lies below a lower bound, so the two ranges cannot meet.</summary>
    private static bool Below(Test t, string? high, bool highIn, string? low, bool lowIn)
    {
        if (high is null || low is null)
        {
            return false;
        }

        var c = Compare(t, high, low);
        return c < 0 || (c == 0 && !(highIn && lowIn));
    }

    private static (string? Low, bool LowIn, string? High, bool HighIn) Range(Test t) => t.Operator switch
    {
        ComparisonOperator.Equal => (t.Value, true, t.Value, true),
        ComparisonOperator.Less => (null, false, t.Value, false),
        ComparisonOperator.LessOrEqual => (null, false, t.Value, true),
        ComparisonOperator.Greater => (t.Value, false, null, false),
        _ => (t.Value, true, null, false),
    };

    private static int Compare(Test t, string other) => Compare(t, t.Value!, other);

    private static int Compare(Test t, string a, string b) =>
        t.Type == FieldType.Number &&
        decimal.TryParse(a, NumberStyles.Number, CultureInfo.InvariantCulture, out var x) &&
        decimal.TryParse(b, NumberStyles.Number, CultureInfo.InvariantCulture, out var y)
            ? x.CompareTo(y)
            : string.CompareOrdinal(a, b);
}

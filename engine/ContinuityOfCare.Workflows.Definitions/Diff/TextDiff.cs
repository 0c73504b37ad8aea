using System.Collections.Immutable;

namespace ContinuityOfCare.Workflows.Definitions.Diff;

/// <summary>A line-by-line comparison of two texts (longest common subsequence), for template bodies.</summary>
public static class TextDiff
{
    public static string[] Lines(string text) =>
        text.Length == 0 ? [] : text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');

    /// <summary>Every line of both texts in order, each marked kept (' '), removed ('-') or added ('+').</summary>
    public static ImmutableArray<TextLine> Compare(string before, string after)
    {
        var a = Lines(before);
        var b = Lines(after);

        // common[i, j]: the length of the longest common subsequence of a[i..] and b[j..].
        var common = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                common[i, j] = a[i] == b[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
            }
        }

        var lines = ImmutableArray.CreateBuilder<TextLine>(a.Length + b.Length);
        int x = 0, y = 0;
        while (x < a.Length && y < b.Length)
        {
            if (a[x] == b[y])
            {
                lines.Add(new TextLine(' ', a[x++]));
                y++;
            }
            else if (common[x + 1, y] >= common[x, y + 1])
            {
                lines.Add(new TextLine('-', a[x++]));
            }
            else
            {
                lines.Add(new TextLine('+', b[y++]));
            }
        }

        while (x < a.Length)
        {
            lines.Add(new TextLine('-', a[x++]));
        }

        while (y < b.Length)
        {
            lines.Add(new TextLine('+', b[y++]));
        }

        return lines.ToImmutable();
    }

    /// <summary>
    /// The lines a reader needs: every added or removed line with up to <paramref name="context"/>
    /// unchanged lines either side; each longer run of unchanged lines becomes one line marked
    /// '…' that says how many were left out.
    /// </summary>
    public static IEnumerable<TextLine> WithContext(ImmutableArray<TextLine> lines, int context = 2)
    {
        var keep = new bool[lines.Length];
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Mark != ' ')
            {
                for (var j = Math.Max(0, i - context); j <= Math.Min(lines.Length - 1, i + context); j++)
                {
                    keep[j] = true;
                }
            }
        }

        var skipped = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            if (keep[i])
            {
                if (skipped > 0)
                {
                    yield return Gap(skipped);
                    skipped = 0;
                }

                yield return lines[i];
            }
            else
            {
                skipped++;
            }
        }

        if (skipped > 0)
        {
            yield return Gap(skipped);
        }

        static TextLine Gap(int count) => new('…', count == 1 ? "1 unchanged line" : $"{count} unchanged lines");
    }
}

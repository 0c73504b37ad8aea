using ContinuityOfCare.Workflows.Runtime.Storage;

namespace ContinuityOfCare.Workflows.Designer.Web;

/// <summary>Cases by prison number, in the signed-in user's partnership (the data layer sees to that).</summary>
public static class CaseSearch
{
    public static async Task<CaseList?> FindAsync(IRuntimeStore store, string? prisonNumber, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(prisonNumber))
        {
            return null;
        }

        var number = prisonNumber.Trim().ToUpperInvariant();
        var cases = await store.ListInstancesAsync(new InstanceQuery(PrisonNumber: number, Take: 50), cancellationToken);
        return new CaseList($"Cases for {number}", $"There is no case for prison number {number}.", cases);
    }
}

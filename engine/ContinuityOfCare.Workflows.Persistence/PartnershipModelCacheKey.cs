using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace ContinuityOfCare.Workflows.Persistence;

/// <summary>
/// Keeps two models of the runtime's tables, one filtered by partnership and one not (see
/// <see cref="RuntimeDbContext"/>): EF Core builds a model once per key, and the key says which.
/// </summary>
internal sealed class PartnershipModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        (context.GetType(), context is RuntimeDbContext runtime && runtime.Filtered, designTime);
}

using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace ContinuityOfCare.Workflows.Persistence.Accounts;

/// <summary>
/// Accounts (ASP.NET Core Identity) and the keys that protect sign-in cookies and bearer tokens,
/// in the same database as the runtime, so that several server processes share both. Each
/// provider has its own subclass and migrations (<c>Migrations/Accounts/{Sqlite,PostgreSql}</c>),
/// recorded in their own history table.
/// </summary>
public abstract class AccountsDbContext(DbContextOptions options)
    : IdentityDbContext<Account, IdentityRole, string>(options), IDataProtectionKeyContext
{
    /// <summary>The table that records which of these migrations are applied.</summary>
    public const string MigrationsTable = "__accounts_migrations";

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<Account>(e =>
        {
            e.Property(a => a.DisplayName).HasMaxLength(200);
            e.Property(a => a.Partnership).HasMaxLength(300);
            e.Property(a => a.Agency).HasMaxLength(200);
        });
        builder.Entity<DataProtectionKey>().ToTable("data_protection_keys");
        builder.Entity<RefreshToken>(e =>
        {
            e.ToTable("refresh_tokens");
            e.HasKey(t => t.Id);
            e.Property(t => t.Id).HasMaxLength(64);
            e.Property(t => t.Family).HasMaxLength(64);
            e.Property(t => t.AccountId).HasMaxLength(450);
            e.HasIndex(t => t.Family);
            e.HasIndex(t => t.AccountId);
        });
    }
}

/// <summary>Accounts on SQLite, the embedded default.</summary>
public sealed class SqliteAccountsDbContext(DbContextOptions<SqliteAccountsDbContext> options) : AccountsDbContext(options);

/// <summary>Accounts on PostgreSQL.</summary>
public sealed class PostgreSqlAccountsDbContext(DbContextOptions<PostgreSqlAccountsDbContext> options) : AccountsDbContext(options);

using ContinuityOfCare.Workflows.Persistence.Accounts;
using ContinuityOfCare.Workflows.Runtime;
using ContinuityOfCare.Workflows.Runtime.Catalog;
using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Authoring;
using ContinuityOfCare.Workflows.Runtime.Storage;
using ContinuityOfCare.Workflows.Server.Accounts;
using ContinuityOfCare.Workflows.Server.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ContinuityOfCare.Workflows.Server.Demo;

/// <summary>
/// Sets up who can sign in when the server starts. Every installation gets the roles and, while no
/// administrator exists, a first administrator (password in the data folder). On the embedded
/// default it also creates fictional demonstration accounts (a lead, an auditor and a caseworker for
/// each agency, in each partnership that has a published pathway) sharing one generated password,
/// and a few fictional cases at different points of the journey, so that a person trying the
/// product has something to open.
/// </summary>
public sealed partial class DemoData(
    IServiceScopeFactory scopes,
    PathwayPublisher publisher,
    PathwayRuntime runtime,
    IRuntimeStore store,
    IDefinitionCatalog catalog,
    TimeProvider clock,
    IOptions<ServerOptions> options,
    ILogger<DemoData> logger) : IHostedService
{
    public const string PasswordFile = "demo-password.txt";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var dataFolder = Path.GetFullPath(options.Value.DataFolder, Directory.GetCurrentDirectory());
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        await FirstAccounts.EnsureRolesAsync(scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>());
        if (await FirstAccounts.EnsureAdministratorAsync(users, dataFolder) is { } administratorFile)
        {
            LogAdministrator(logger, FirstAccounts.AdministratorName, administratorFile);
        }

        if (!options.Value.SeedsDemoData)
        {
            return;
        }

        var partnerships = await PartnershipsAsync(cancellationToken);
        var passwordFile = Path.Combine(dataFolder, PasswordFile);
        if (await users.Users.CountAsync(cancellationToken) <= 1)
        {
            var password = FirstAccounts.NewPassword();
            foreach (var partnership in partnerships)
            {
                foreach (var (account, role) in DemoAccounts(partnership))
                {
                    await FirstAccounts.CreateAsync(users, account, password, role);
                }
            }

            FirstAccounts.WritePrivate(passwordFile, password + "\n");
        }

        if ((await store.ListInstancesAsync(new InstanceQuery(Take: 1), cancellationToken)).Count == 0)
        {
            foreach (var partnership in partnerships)
            {
                await new DemoCases(runtime, catalog, clock, logger).StartAsync(partnership, cancellationToken);
            }
        }

        if (File.Exists(passwordFile))
        {
            LogDemo(logger, string.Join(", ", partnerships.Select(p => $"lead.{p.Key}, auditor.{p.Key}, {string.Join(", ", p.Agencies.Take(2).Select(a => $"{a}.{p.Key}"))}, …")), passwordFile);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A partnership with a published pathway: its name, a short key for user names, its agencies and its pathways.</summary>
    internal sealed record DemoPartnership(string Name, string Key, IReadOnlyList<string> Agencies, IReadOnlyList<string> Pathways);

    private async Task<List<DemoPartnership>> PartnershipsAsync(CancellationToken cancellationToken)
    {
        var listed = await publisher.ListVersionsAsync(cancellationToken: cancellationToken);
        var found = new List<DemoPartnership>();
        foreach (var group in listed.Where(l => l.IsCurrent).GroupBy(l => l.Version.Partnership, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var key = new string(group.Key.TakeWhile(char.IsLetter).ToArray()).ToLowerInvariant();
            found.Add(new DemoPartnership(group.Key, key, await publisher.AgenciesAsync(group.Key, cancellationToken), [.. group.Select(v => v.Version.PathwayId).Order(StringComparer.Ordinal)]));
        }

        return found;
    }

    private static IEnumerable<(Account Account, string Role)> DemoAccounts(DemoPartnership partnership)
    {
        var title = char.ToUpperInvariant(partnership.Key[0]) + partnership.Key[1..];
        yield return (new Account { UserName = $"lead.{partnership.Key}", DisplayName = $"{title} partnership lead (fictional)", Partnership = partnership.Name }, Roles.Lead);
        yield return (new Account { UserName = $"auditor.{partnership.Key}", DisplayName = $"{title} auditor (fictional)", Partnership = partnership.Name }, Roles.Auditor);
        foreach (var agency in partnership.Agencies)
        {
            // An agency may be called "lead" or "auditor" too: its caseworkers then get a name of their own.
            var name = agency is "lead" or "auditor" ? $"{agency}-caseworker.{partnership.Key}" : $"{agency}.{partnership.Key}";
            yield return (new Account { UserName = name, DisplayName = $"{title} {agency} caseworker (fictional)", Partnership = partnership.Name, Agency = agency }, Roles.Caseworker);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Created the first administrator account, '{UserName}'. Its password is in {PasswordFile}: sign in, create the accounts you need, then change it and delete the file.")]
    private static partial void LogAdministrator(ILogger logger, string userName, string passwordFile);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demonstration accounts (all fictional): {Accounts}. Their password is in {PasswordFile}.")]
    private static partial void LogDemo(ILogger logger, string accounts, string passwordFile);
}

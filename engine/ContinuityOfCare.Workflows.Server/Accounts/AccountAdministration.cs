using System.Security.Claims;
using ContinuityOfCare.Workflows.Persistence.Accounts;

using ContinuityOfCare.Workflows.Runtime.Cases;
using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Authoring;
using ContinuityOfCare.Workflows.Runtime.Storage;
using ContinuityOfCare.Workflows.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ContinuityOfCare.Workflows.Server.Accounts;

/// <summary>A new account. A caseworker's agency must be one the partnership's pathways name.</summary>
public sealed record CreateAccountRequest(string? UserName, string? DisplayName, string? Email, string? Role, string? Partnership, string? Agency, string? Password);

/// <summary>An account as administrators list it (never its password).</summary>
public sealed record AccountSummary(string UserName, string DisplayName, string? Email, string Role, string? Partnership, string? Agency, bool LockedOut, bool Disabled = false);

/// <summary>Accounts, for administrators: list them, create them, disable and re-enable them.</summary>
public static partial class AccountAdministration
{
    public static void MapAccountAdministration(this IEndpointRouteBuilder app)
    {
        var accounts = app.MapGroup("/api/accounts").WithTags("Accounts").RequireAuthorization(Policies.Administer);
        accounts.MapGet("/", ListAsync).WithSummary("Every account, with its role, partnership and agency.");
        accounts.MapPost("/", CreateAsync).WithSummary("Create an account: a lead, auditor or caseworker in a partnership, or an administrator.");
        accounts.MapPost("/{userName}/disable", DisableAsync)
            .WithSummary("Disable an account: it can no longer sign in, its refresh tokens are cancelled and its browser sessions end within a minute.");
        accounts.MapPost("/{userName}/enable", EnableAsync)
            .WithSummary("Re-enable a disabled account (and unlock it, if it was locked after wrong passwords).");
    }

    private static async Task<Ok<List<AccountSummary>>> ListAsync(UserManager<Account> users, TimeProvider clock, CancellationToken cancellationToken)
    {
        var all = await users.Users.OrderBy(a => a.UserName).ToListAsync(cancellationToken);
        var listed = new List<AccountSummary>();
        foreach (var account in all)
        {
            var role = (await users.GetRolesAsync(account)).FirstOrDefault() ?? "";
            listed.Add(new AccountSummary(account.UserName!, account.DisplayName, account.Email, role, account.Partnership, account.Agency,
                account.LockoutEnd is { } end && end > clock.GetUtcNow(), account.DisabledAt is not null));
        }

        return TypedResults.Ok(listed);
    }

    private static async Task<IResult> CreateAsync(
        CreateAccountRequest request, UserManager<Account> users, PathwayPublisher publisher, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var userName = request.UserName?.Trim();
        if (string.IsNullOrEmpty(userName))
        {
            errors["userName"] = ["give the account a user name"];
        }
        else if (!UserNamePattern().IsMatch(userName))
        {
            errors["userName"] = [$"a user name is 1 to {InputLimits.Identifier} letters, digits, dots, hyphens, underscores or @"];
        }
        else if (userName.Equals(Actor.System.UserId, StringComparison.OrdinalIgnoreCase))
        {
            errors["userName"] = [$"'{userName}' is the engine's own name; choose another"];
        }

        foreach (var (field, text, max) in new[] { ("displayName", request.DisplayName, InputLimits.Name), ("email", request.Email, InputLimits.LongName), ("partnership", request.Partnership, InputLimits.LongName), ("agency", request.Agency, InputLimits.Identifier) })
        {
            if (InputLimits.Problem(text, max) is { } problem)
            {
                errors[field] = [problem];
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (request.Role is null || !Roles.All.Contains(request.Role))
        {
            errors["role"] = [$"the role is one of {string.Join(", ", Roles.All)}"];
        }

        if (request.Role is not null and not Roles.Administrator)
        {
            var versions = await publisher.ListVersionsAsync(partnership: request.Partnership, cancellationToken: cancellationToken);
            if (string.IsNullOrWhiteSpace(request.Partnership) || versions.Count == 0)
            {
                errors["partnership"] = ["name a partnership that has a published pathway, exactly as its pathways write it"];
            }
            else if (request.Role == Roles.Caseworker)
            {
                var agencies = await publisher.AgenciesAsync(request.Partnership, cancellationToken);
                if (request.Agency is null || !agencies.Contains(request.Agency))
                {
                    errors["agency"] = [$"a caseworker works for one of the partnership's agencies: {string.Join(", ", agencies)}"];
                }
            }
        }

        if (request.Role is Roles.Administrator && (request.Partnership is not null || request.Agency is not null))
        {
            errors["partnership"] = ["an administrator belongs to no partnership or agency"];
        }

        if (string.IsNullOrEmpty(request.Password))
        {
            errors["password"] = ["give a first password of at least 12 characters"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var account = new Account
        {
            UserName = userName,
            DisplayName = request.DisplayName?.Trim() is { Length: > 0 } name ? name : userName!,
            Email = request.Email?.Trim(),
            Partnership = request.Role == Roles.Administrator ? null : request.Partnership,
            Agency = request.Role == Roles.Caseworker ? request.Agency : null,
        };
        var created = await users.CreateAsync(account, request.Password!);
        if (!created.Succeeded)
        {
            return TypedResults.ValidationProblem(created.Errors.GroupBy(e => e.Code.Contains("Password", StringComparison.Ordinal) ? "password" : "userName")
                .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray()));
        }

        await users.AddToRoleAsync(account, request.Role!);
        return TypedResults.Created($"/api/accounts/{account.UserName}",
            new AccountSummary(account.UserName!, account.DisplayName, account.Email, request.Role!, account.Partnership, account.Agency, false));
    }

    private static async Task<IResult> DisableAsync(
        string userName, ClaimsPrincipal user, UserManager<Account> users, RefreshTokens tokens, TimeProvider clock)
    {
        if (await users.FindByNameAsync(userName) is not { } account)
        {
            return NoSuchAccount(userName);
        }

        if (string.Equals(account.UserName, Caller.From(user).UserName, StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(
                title: "You cannot disable your own account",
                detail: "Ask another administrator to disable it, so that there is always someone who can sign in to manage accounts.",
                statusCode: StatusCodes.Status409Conflict);
        }

        account.DisabledAt ??= clock.GetUtcNow();
        await users.UpdateAsync(account);
        await users.UpdateSecurityStampAsync(account);
        await tokens.RevokeAllAsync(account.Id);
        return TypedResults.Ok(await SummaryAsync(users, account, clock));
    }

    private static async Task<IResult> EnableAsync(string userName, UserManager<Account> users, TimeProvider clock)
    {
        if (await users.FindByNameAsync(userName) is not { } account)
        {
            return NoSuchAccount(userName);
        }

        account.DisabledAt = null;
        account.LockoutEnd = null;
        account.AccessFailedCount = 0;
        await users.UpdateAsync(account);
        return TypedResults.Ok(await SummaryAsync(users, account, clock));
    }

    private static async Task<AccountSummary> SummaryAsync(UserManager<Account> users, Account account, TimeProvider clock) =>
        new(account.UserName!, account.DisplayName, account.Email, (await users.GetRolesAsync(account)).FirstOrDefault() ?? "", account.Partnership, account.Agency,
            account.LockoutEnd is { } end && end > clock.GetUtcNow(), account.DisabledAt is not null);

    private static IResult NoSuchAccount(string userName) =>
        TypedResults.Problem(title: "Not found", detail: $"There is no account with the user name '{userName}'.", statusCode: StatusCodes.Status404NotFound);

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9._@-]{1,100}$")]
    private static partial System.Text.RegularExpressions.Regex UserNamePattern();
}

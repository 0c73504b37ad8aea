using ContinuityOfCare.Workflows.Persistence.Accounts;
using Microsoft.AspNetCore.Identity;

namespace ContinuityOfCare.Workflows.Server.Accounts;

/// <summary>
/// Checks a user name and password the same way whether or not the account exists, is locked or is
/// disabled: a password hash is always worked out, so the time an answer takes says nothing about
/// which user names are real, and every refusal reads the same.
/// </summary>
public sealed class PasswordCheck(UserManager<Account> users, SignInManager<Account> signIn, IPasswordHasher<Account> hasher)
{
    /// <summary>The one answer for every refused sign-in: it does not say whether the account exists.</summary>
    public const string Refused = "The user name or password is not right. After 5 wrong attempts in a row an account is locked for 15 minutes.";

    // A hash of a password nobody knows, made once per process, checked when there is no real one to check.
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<Account>().HashPassword(new Account(), Guid.NewGuid().ToString("N")));

    /// <summary>The account, when the password is right and the account may sign in; otherwise null (a failure counts towards the lockout).</summary>
    public async Task<Account?> CheckAsync(string userName, string password)
    {
        var account = await users.FindByNameAsync(userName);
        if (account is null)
        {
            hasher.VerifyHashedPassword(new Account(), DummyHash.Value, password);
            return null;
        }

        // Identity checks lockout and "may sign in" before the password, which would answer a
        // locked or disabled account faster than an active one.
        var result = await signIn.CheckPasswordSignInAsync(account, password, lockoutOnFailure: true);
        if (result.IsLockedOut || result.IsNotAllowed)
        {
            hasher.VerifyHashedPassword(account, DummyHash.Value, password);
        }

        return result.Succeeded ? account : null;
    }
}

/// <summary>An account an administrator has disabled cannot sign in (Identity asks this before every sign-in).</summary>
internal sealed class NotDisabled : IUserConfirmation<Account>
{
    public Task<bool> IsConfirmedAsync(UserManager<Account> manager, Account user) => Task.FromResult(user.DisabledAt is null);
}

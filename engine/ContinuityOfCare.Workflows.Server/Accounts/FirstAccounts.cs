using System.Security.Cryptography;
using ContinuityOfCare.Workflows.Persistence.Accounts;
using ContinuityOfCare.Workflows.Server.Security;
using Microsoft.AspNetCore.Identity;

namespace ContinuityOfCare.Workflows.Server.Accounts;

/// <summary>
/// Creates the roles and, on a database with no accounts, a first administrator whose password is
/// generated and written to a file in the data folder (never logged, never in the repository).
/// </summary>
public static class FirstAccounts
{
    public const string AdministratorName = "administrator";
    public const string AdministratorPasswordFile = "administrator-password.txt";

    public static async Task EnsureRolesAsync(RoleManager<IdentityRole> roles)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), $"role '{role}'");
            }
        }
    }

    /// <summary>Creates an account with its role, or says why it could not.</summary>
    public static async Task<Account> CreateAsync(UserManager<Account> users, Account account, string password, string role)
    {
        Check(await users.CreateAsync(account, password), $"account '{account.UserName}'");
        Check(await users.AddToRoleAsync(account, role), $"role of '{account.UserName}'");
        return account;
    }

    /// <summary>The first administrator, when there is nobody who can create accounts; returns the file holding the password, or null.</summary>
    public static async Task<string?> EnsureAdministratorAsync(UserManager<Account> users, string dataFolder)
    {
        if ((await users.GetUsersInRoleAsync(Roles.Administrator)).Count > 0)
        {
            return null;
        }

        var password = NewPassword();
        await CreateAsync(users, new Account { UserName = AdministratorName, DisplayName = "Administrator" }, password, Roles.Administrator);
        return WritePrivate(Path.Combine(dataFolder, AdministratorPasswordFile), password + "\n");
    }

    /// <summary>A password of 24 random characters from a set that reads unambiguously.</summary>
    public static string NewPassword()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var password = RandomNumberGenerator.GetString(alphabet, 21);
        return password + "-9aK"; // so that it meets every character rule whatever was drawn
    }

    /// <summary>Writes a file only its owner can read.</summary>
    public static string WritePrivate(string path, string contents)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, contents);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return path;
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not create {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}

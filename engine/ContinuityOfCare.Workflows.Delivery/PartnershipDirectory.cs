using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using MimeKit;

namespace ContinuityOfCare.Workflows.Delivery;

/// <summary>The name and mailbox of one agency, as notices are addressed to it.</summary>
public sealed record AgencyAddress(string Name, string EmailAddress);

/// <summary>The agencies of one partnership, by agency id, and optionally the partnership's own sender address.</summary>
public sealed record PartnershipAddresses(IReadOnlyDictionary<string, AgencyAddress> Agencies, string? SenderAddress = null);

/// <summary>
/// Where each partnership's notices go: agency id → name and email address, per partnership, with
/// the address they are sent from.
/// </summary>
/// <remarks>
/// Partnerships are keyed by the <c>partnership</c> name in the pathway header and agencies by their
/// id in the pathway. Addresses are configuration, not pathway text, so that a pathway can be
/// published and diffed without anyone's mailbox in it. Invalid configuration fails when the
/// directory is made, listing every problem; a missing entry is a value the runtime records.
/// </remarks>
public sealed class PartnershipDirectory
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public PartnershipDirectory(string senderAddress, IReadOnlyDictionary<string, PartnershipAddresses> partnerships)
    {
        ArgumentNullException.ThrowIfNull(partnerships);
        var problems = Validate(senderAddress, partnerships);
        if (problems.Count > 0)
        {
            throw new ArgumentException(Describe(problems));
        }

        SenderAddress = senderAddress;
        Partnerships = partnerships.ToDictionary(
            p => p.Key,
            p => p.Value with { Agencies = p.Value.Agencies.ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal) },
            StringComparer.Ordinal);
    }

    /// <summary>The address notices are sent from unless a partnership has its own.</summary>
    public string SenderAddress { get; }

    public IReadOnlyDictionary<string, PartnershipAddresses> Partnerships { get; }

    /// <summary>Reads a directory from JSON; see the remarks of <see cref="FromJson"/> for the shape.</summary>
    public static PartnershipDirectory Load(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"The partnership directory '{path}' could not be read: {e.Message}", e);
        }

        return FromJson(json, path);
    }

    /// <summary>Reads a directory from JSON.</summary>
    /// <remarks>
    /// <code>
    /// {
    ///   "senderAddress": "continuity-of-care@example.org",
    ///   "partnerships": {
    ///     "Riverside Recovery Partnership (fictional)": {
    ///       "senderAddress": "riverside@example.org",
    ///       "agencies": { "cjit": { "name": "Riverside CJIT", "emailAddress": "cjit@riverside.example.org" } }
    ///     }
    ///   }
    /// }
    /// </code>
    /// A partnership's <c>senderAddress</c> is optional.
    /// </remarks>
    public static PartnershipDirectory FromJson(string json, string? sourceName = null)
    {
        var where = sourceName is null ? "The partnership directory" : $"The partnership directory '{sourceName}'";
        DirectoryJson? document;
        try
        {
            document = JsonSerializer.Deserialize<DirectoryJson>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{where} is not valid JSON: {e.Message}", e);
        }

        if (document is null)
        {
            throw new InvalidDataException($"{where} is empty.");
        }

        var partnerships = (document.Partnerships ?? []).ToDictionary(
            p => p.Key,
            p => new PartnershipAddresses(
                (p.Value?.Agencies ?? []).ToDictionary(a => a.Key, a => new AgencyAddress(a.Value?.Name ?? "", a.Value?.EmailAddress ?? ""), StringComparer.Ordinal),
                p.Value?.SenderAddress),
            StringComparer.Ordinal);
        var problems = Validate(document.SenderAddress ?? "", partnerships);
        if (problems.Count > 0)
        {
            throw new InvalidDataException(Describe(problems, where));
        }

        return new PartnershipDirectory(document.SenderAddress!, partnerships);
    }

    /// <summary>The address a partnership's notices are sent from.</summary>
    public string GetSenderAddress(string partnership) =>
        Partnerships.TryGetValue(partnership, out var entry) && entry.SenderAddress is { } own ? own : SenderAddress;

    public bool TryGetAgency(string partnership, string agencyId, [NotNullWhen(true)] out AgencyAddress? entry) =>
        TryGetAgency(partnership, agencyId, out entry, out _);

    /// <summary>Finds an agency's address, or says in a sentence the runtime can record why there is none.</summary>
    public bool TryGetAgency(string partnership, string agencyId, [NotNullWhen(true)] out AgencyAddress? entry, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(partnership);
        ArgumentNullException.ThrowIfNull(agencyId);
        if (!Partnerships.TryGetValue(partnership, out var addresses))
        {
            entry = null;
            error = $"no address for agency '{agencyId}' in partnership '{partnership}': the partnership directory has no partnership of that name";
            return false;
        }

        if (!addresses.Agencies.TryGetValue(agencyId, out entry))
        {
            error = $"no address for agency '{agencyId}' in partnership '{partnership}'";
            return false;
        }

        error = null;
        return true;
    }

    private static List<string> Validate(string? senderAddress, IReadOnlyDictionary<string, PartnershipAddresses> partnerships)
    {
        var problems = new List<string>();
        if (!IsEmailAddress(senderAddress))
        {
            problems.Add(string.IsNullOrWhiteSpace(senderAddress) ? "the sender address is missing" : $"the sender address '{senderAddress}' is not an email address");
        }

        foreach (var (name, partnership) in partnerships)
        {
            if (partnership is null)
            {
                problems.Add($"partnership '{name}' has no entry");
                continue;
            }

            if (partnership.SenderAddress is { } own && !IsEmailAddress(own))
            {
                problems.Add($"partnership '{name}': the sender address '{own}' is not an email address");
            }

            foreach (var (id, agency) in partnership.Agencies ?? new Dictionary<string, AgencyAddress>())
            {
                if (agency is null || string.IsNullOrWhiteSpace(agency.Name))
                {
                    problems.Add($"partnership '{name}', agency '{id}': the name is missing");
                }

                if (agency is null || !IsEmailAddress(agency.EmailAddress))
                {
                    problems.Add(string.IsNullOrWhiteSpace(agency?.EmailAddress)
                        ? $"partnership '{name}', agency '{id}': the email address is missing"
                        : $"partnership '{name}', agency '{id}': '{agency.EmailAddress}' is not an email address");
                }
            }
        }

        return problems;
    }

    private static bool IsEmailAddress(string? text) =>
        !string.IsNullOrWhiteSpace(text) && MailboxAddress.TryParse(text, out var address) && address.Address.Contains('@') && address.Address == text.Trim();

    private static string Describe(List<string> problems, string where = "The partnership directory") =>
        $"{where} is not valid: {string.Join("; ", problems)}.";

    private sealed record DirectoryJson(string? SenderAddress, Dictionary<string, PartnershipJson?>? Partnerships);

    private sealed record PartnershipJson(string? SenderAddress, Dictionary<string, AgencyJson?>? Agencies);

    private sealed record AgencyJson(string? Name, string? EmailAddress);
}

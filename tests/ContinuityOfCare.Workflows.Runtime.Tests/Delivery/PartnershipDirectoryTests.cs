using ContinuityOfCare.Workflows.Delivery;
using ContinuityOfCare.Workflows.Runtime.Notifications;

namespace ContinuityOfCare.Workflows.Runtime.Tests.Delivery;

public sealed class PartnershipDirectoryTests
{
    private const string Riverside = "Riverside Recovery Partnership (fictional)";

    private const string SampleJson = """
        {
          // Fictional partnerships and addresses, for tests and as a sample.
          "senderAddress": "continuity-of-care@example.org",
          "partnerships": {
            "Riverside Recovery Partnership (fictional)": {
              "senderAddress": "riverside-coc@example.org",
              "agencies": {
                "healthcare": { "name": "HMP Riverside healthcare (fictional)", "emailAddress": "healthcare@riverside.example.org" },
                "carats": { "name": "HMP Riverside CARATs (fictional)", "emailAddress": "carats@riverside.example.org" }
              }
            },
            "Northfield Partnership (fictional)": {
              "agencies": {
                "cjit": { "name": "Northfield CJIT (fictional)", "emailAddress": "cjit@northfield.invalid" }
              }
            }
          }
        }
        """;

    [Fact]
    public void FindsAnAgencyOfAPartnershipLoadedFromJson()
    {
        var directory = PartnershipDirectory.FromJson(SampleJson);

        Assert.True(directory.TryGetAgency(Riverside, "carats", out var entry));
        Assert.Equal(new AgencyAddress("HMP Riverside CARATs (fictional)", "carats@riverside.example.org"), entry);
    }

    [Fact]
    public void AnUnknownAgencyGivesAnErrorTheRuntimeCanRecord()
    {
        var directory = PartnershipDirectory.FromJson(SampleJson);

        Assert.False(directory.TryGetAgency(Riverside, "cjit", out var entry, out var error));
        Assert.Null(entry);
        Assert.Equal("no address for agency 'cjit' in partnership 'Riverside Recovery Partnership (fictional)'", error);
    }

    [Fact]
    public void AnUnknownPartnershipSaysSo()
    {
        var directory = PartnershipDirectory.FromJson(SampleJson);

        Assert.False(directory.TryGetAgency("Eastbay Partnership (fictional)", "cjit", out _, out var error));
        Assert.Equal("no address for agency 'cjit' in partnership 'Eastbay Partnership (fictional)': the partnership directory has no partnership of that name", error);
    }

    [Fact]
    public void APartnershipMaySendFromItsOwnAddress()
    {
        var directory = PartnershipDirectory.FromJson(SampleJson);

        Assert.Equal(
            ["riverside-coc@example.org", "continuity-of-care@example.org", "continuity-of-care@example.org"],
            new[] { Riverside, "Northfield Partnership (fictional)", "Eastbay Partnership (fictional)" }.Select(directory.GetSenderAddress));
    }

    [Fact]
    public void CanBeBuiltInCode()
    {
        var directory = new PartnershipDirectory("coc@example.org", new Dictionary<string, PartnershipAddresses>
        {
            [Riverside] = new(new Dictionary<string, AgencyAddress> { ["cjit"] = new("Riverside CJIT (fictional)", "cjit@riverside.example.org") }),
        });

        Assert.True(directory.TryGetAgency(Riverside, "cjit", out var entry));
        Assert.Equal("cjit@riverside.example.org", entry.EmailAddress);
    }

    [Fact]
    public void LoadsFromAFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"coc-directory-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, SampleJson);
        try
        {
            Assert.Equal(2, PartnershipDirectory.Load(path).Partnerships.Count);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void InvalidConfigurationListsEveryProblem()
    {
        const string json = """
            {
              "partnerships": {
                "Riverside Recovery Partnership (fictional)": {
                  "agencies": {
                    "cjit": { "name": "Riverside CJIT (fictional)", "emailAddress": "cjit at riverside" },
                    "carats": { "emailAddress": "carats@riverside.example.org" }
                  }
                }
              }
            }
            """;

        var error = Assert.Throws<InvalidDataException>(() => PartnershipDirectory.FromJson(json, "directory.json"));

        Assert.Equal(
            "The partnership directory 'directory.json' is not valid: the sender address is missing; " +
            "partnership 'Riverside Recovery Partnership (fictional)', agency 'cjit': 'cjit at riverside' is not an email address; " +
            "partnership 'Riverside Recovery Partnership (fictional)', agency 'carats': the name is missing.",
            error.Message);
    }

    [Fact]
    public void MalformedJsonIsReportedWithItsSource()
    {
        var error = Assert.Throws<InvalidDataException>(() => PartnershipDirectory.FromJson("{ \"senderAddress\": ", "directory.json"));

        Assert.StartsWith("The partnership directory 'directory.json' is not valid JSON: ", error.Message);
    }
}

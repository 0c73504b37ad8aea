using ContinuityOfCare.Workflows.Runtime.Model;
using static ContinuityOfCare.Workflows.Runtime.Tests.Engine.Harness;
using static ContinuityOfCare.Workflows.Runtime.Tests.Engine.NationalPathwayScenarios;

namespace ContinuityOfCare.Workflows.Runtime.Tests.Engine;

/// <summary>The two shipped local variants, along the routes where they differ from the national pathway.</summary>
public class LocalPathwayScenarioTests
{
    [Fact]
    public async Task RiversideSendsItsReferralThreeWeeksBeforeASaturdayReleaseOnTheFriday()
    {
        var h = ForShipped("local/riverside", "2026-03-02 09:00");
        var instance = await ToOngoingCareAsync(h, releaseDate: "2026-06-27");
        instance = await h.RaiseAsync(instance, "release-planning-started", "carats");

        Assert.Equal("refer-to-treatment carats Open due 2026-06-06 00:00", Describe(await h.ActionAsync(instance, "refer-to-treatment")));
        Assert.Equal("acknowledge-referral treatment Open due none", Describe(await h.ActionAsync(instance, "acknowledge-referral")));

        await h.RunUntilAsync("2026-06-04 15:00");
        instance = await h.RaiseAsync(instance, "referral-sent", "carats", ("treatment-service", "Riverside Community Recovery Service (fictional)"));
        Assert.Equal("acknowledge-referral treatment Open due 2026-06-09 00:00", Describe(await h.ActionAsync(instance, "acknowledge-referral")));
    }

    [Fact]
    public async Task RiversideAcknowledgesWithinTwoWorkingDaysOverEasterAndFollowsUpThreeTimes()
    {
        var h = ForShipped("local/riverside", "2026-02-02 09:00");
        var instance = await ToOngoingCareAsync(h, releaseDate: "2026-04-01");

        await h.RunUntilAsync("2026-04-01 10:00");
        instance = await h.RaiseAsync(instance, "released", "carats", ("release-date", "2026-04-01"));
        Assert.Equal("released-to-community", instance.State);

        // Received the day before Good Friday: acknowledged by the end of Wednesday 8 April; the
        // first appointment offered within 3 working days of release, the same day.
        await h.RunUntilAsync("2026-04-02 11:00");
        instance = await h.RaiseAsync(instance, "referral-received", "treatment", ("treatment-service", "Riverside Community Recovery Service (fictional)"));
        Assert.Equal("referral", instance.State);
        Assert.Equal("acknowledge-referral treatment Open due 2026-04-09 00:00", Describe(await h.ActionAsync(instance, "acknowledge-referral")));
        Assert.Equal("offer-appointment treatment Open due 2026-04-09 00:00", Describe(await h.ActionAsync(instance, "offer-appointment")));

        // Not acknowledged: both teams and the service are told, once.
        await h.RunUntilAsync("2026-04-09 09:00");
        Assert.Equal(ActionStatus.Breached, (await h.ActionAsync(instance, "acknowledge-referral")).Status);
        var told = (await h.Runtime.Queries.GetNotificationsAsync(instance.Id)).Where(m => m.Template == "deadline-missed" && Local(m.CreatedAt) == "2026-04-09 00:00");
        Assert.Equal(["carats", "cjit", "cjit", "treatment", "treatment"], told.Select(m => m.RecipientAgency).Order());

        instance = await h.RaiseAsync(instance, "appointment-offered", "treatment", ("appointment-at", "2026-04-10T14:00"));
        Assert.Equal("record-attendance treatment Open due 2026-04-14 00:00", Describe(await h.ActionAsync(instance, "record-attendance")));

        // Three follow-ups after a missed appointment, each with its own deadline.
        await h.RunUntilAsync("2026-04-10 16:00");
        instance = await h.RaiseAsync(instance, "did-not-attend", "treatment");
        Assert.Equal("phone-or-text treatment Open due 2026-04-14 00:00", Describe(await h.ActionAsync(instance, "phone-or-text")));
        await h.RunUntilAsync("2026-04-13 10:00");
        instance = await h.RaiseAsync(instance, "no-response", "treatment");
        Assert.Equal("write-and-ask-partners treatment Open due 2026-04-16 00:00", Describe(await h.ActionAsync(instance, "write-and-ask-partners")));
        await h.RunUntilAsync("2026-04-15 09:00");
        instance = await h.RaiseAsync(instance, "no-response", "treatment");
        Assert.Equal("outreach-visit treatment Open due 2026-04-18 00:00", Describe(await h.ActionAsync(instance, "outreach-visit")));
        await h.RunUntilAsync("2026-04-17 12:00");
        instance = await h.RaiseAsync(instance, "no-response", "treatment");

        Assert.Equal("lost-contact", instance.State);
        Assert.Equal("not-engaged", instance.Outcome);
        var lost = (await h.Runtime.Queries.GetNotificationsAsync(instance.Id)).Where(m => m.Template == "lost-contact-notice");
        Assert.Equal(["carats", "cjit", "probation"], lost.Select(m => m.RecipientAgency).Order());
    }

    [Fact]
    public async Task NorthbridgePlansTwelveWeeksAheadAndMeetsThePersonAtTheGate()
    {
        var h = ForShipped("local/northbridge", "2026-03-02 09:00");
        var instance = await ToOngoingCareAsync(h, releaseDate: "2026-07-03");
        Assert.Equal("start-release-planning carats Open due 2026-04-11 00:00", Describe(await h.ActionAsync(instance, "start-release-planning")));

        await h.RunUntilAsync("2026-04-06 10:00");
        instance = await h.RaiseAsync(instance, "release-planning-started", "carats");
        Assert.Equal("pre-release", instance.State);
        Assert.Equal("refer-to-in-reach carats Open due 2026-05-09 00:00", Describe(await h.ActionAsync(instance, "refer-to-in-reach")));
        Assert.Equal("in-reach-visit in-reach Open due 2026-06-06 00:00", Describe(await h.ActionAsync(instance, "in-reach-visit")));
        Assert.Equal("book-first-appointment in-reach Open due 2026-06-20 00:00", Describe(await h.ActionAsync(instance, "book-first-appointment")));
        Assert.Single(await h.Runtime.Queries.GetNotificationsAsync(instance.Id), m => m.Template == "release-planning-invitation" && m.RecipientAgency == "in-reach");

        await h.RunUntilAsync("2026-07-03 08:00");
        instance = await h.RaiseAsync(instance, "released", "carats", ("release-date", "2026-07-03"));
        Assert.Equal("release-day", instance.State);
        Assert.Equal("meet-at-gate in-reach Open due 2026-07-04 00:00", Describe(await h.ActionAsync(instance, "meet-at-gate")));

        await h.RunUntilAsync("2026-07-03 09:00");
        instance = await h.RaiseAsync(instance, "met-at-gate", "in-reach");
        Assert.Equal("appointment-booked", instance.State);
        Assert.Equal("first-appointment treatment Open due 2026-07-08 00:00", Describe(await h.ActionAsync(instance, "first-appointment")));

        await h.RunUntilAsync("2026-07-06 11:00");
        instance = await h.RaiseAsync(instance, "attended", "in-reach");
        await h.RunUntilAsync("2026-07-13 10:00");
        instance = await h.RaiseAsync(instance, "treatment-started", "treatment");

        Assert.Equal("engaged", instance.State);
        Assert.Equal("continuity-achieved", instance.Outcome);
        var engaged = (await h.Runtime.Queries.GetNotificationsAsync(instance.Id)).Where(m => m.Template == "engaged-notice");
        Assert.Equal(["carats", "cjit", "in-reach", "probation"], engaged.Select(m => m.RecipientAgency).Order());
    }
}

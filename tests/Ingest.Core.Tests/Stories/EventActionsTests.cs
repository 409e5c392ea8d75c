using Ingest.Core.Stories;

namespace Ingest.Core.Tests.Stories;

public sealed class EventActionsTests
{
    [Theory]
    [InlineData("Leaders speak by phone", "The two presidents held a telephone conversation on Sunday.", "call")]
    [InlineData("Razgovor dvojice predsednika", "Dva predsednika razgovarala su telefonom u nedelju.", "call")]
    [InlineData("Разговор двух президентов", "Президенты провели телефонный разговор в воскресенье.", "call")]
    [InlineData("Sastanak u Briselu", "Dvojica lidera sastala su se u sedištu Alijanse.", "meet")]
    [InlineData("Takim në Bruksel", "Dy liderët u takuan në selinë e aleancës.", "meet")]
    [InlineData("Први авиони слетели", "Шест ловаца слетело је у базу у недељу поподне.", "arrive")]
    [InlineData("Contract potpisan", "Ministri su potpisali ugovor o nabavci u Zagrebu.", "sign")]
    public void An_action_is_read_from_the_headline_and_lead_in_each_language_and_script(string title, string text, string action) =>
        Assert.Contains(action, EventActions.Of(title, text));

    [Fact]
    public void An_action_named_only_past_the_lead_is_not_what_the_report_says_happened()
    {
        var lead = string.Join(' ', Enumerable.Repeat("Ministers discussed the budget of the coming year in detail.", 10));

        var actions = EventActions.Of("Budget debate continues", lead + " Last month the two leaders held a telephone conversation.");

        Assert.DoesNotContain("call", actions);
    }

    [Fact]
    public void A_profile_keeps_its_actions_through_storage_and_names_those_half_its_reports_share()
    {
        var terms = new Dictionary<string, double> { ["vucic"] = 1, ["putin"] = 1 };
        var profile = EventProfile.Of(terms, ["meet"]).Add(terms, ["meet", "agree"]).Add(terms, ["call"]);

        var parsed = EventProfile.Parse(profile.Serialize());

        Assert.Equal(profile.Serialize(), parsed.Serialize());
        Assert.Equal(["meet"], parsed.MainActions);
    }
}

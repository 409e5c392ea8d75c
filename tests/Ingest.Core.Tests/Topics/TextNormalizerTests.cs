using Ingest.Core.Topics;

namespace Ingest.Core.Tests.Topics;

public sealed class TextNormalizerTests
{
    [Theory]
    [InlineData("KFOR", "kfor")]
    [InlineData("Zvečan Ćuprija Šabac Žabljak", "zvecan cuprija sabac zabljak")]
    [InlineData("Đakovica đuveč", "djakovica djuvec")]
    [InlineData("Kosovës Çeliku", "kosoves celiku")]
    [InlineData("Партнерство за мир", "partnerstvo za mir")]
    [InlineData("Ђорђе Љубљана Њујорк Џон Ћирић", "djordje ljubljana njujork dzon ciric")]
    [InlineData("КФОР", "kfor")]
    [InlineData("Бајрактар", "bajraktar")]
    [InlineData("членство Ѓорѓе Ќерка", "clenstvo gjorgje kjerka")]
    [InlineData("Ѕвездата ѕидот Лепосавиќ Ѓевѓелија", "dzvezdata dzidot leposavikj gjevgjelija")]
    [InlineData("Јасна Љубица Њивата Џамијата", "jasna ljubica njivata dzamijata")]
    [InlineData("Gjorgje Kjerka Leposavikj Gjevgjelija", "gjorgje kjerka leposavikj gjevgjelija")]
    [InlineData("Śutra iźesti Žabljak", "sutra izesti zabljak")]
    [InlineData("Međugorje Čapljina Ćelić", "medjugorje capljina celic")]
    [InlineData("ＮＡＴＯ", "nato")]
    [InlineData("ﬁghter", "fighter")]
    [InlineData("Straße", "strasse")]
    public void Folds_case_diacritics_scripts_and_compatibility_forms(string text, string normalized)
    {
        Assert.Equal(normalized, TextNormalizer.Normalize(text));
    }

    [Theory]
    [InlineData("HQ-22")]
    [InlineData("HQ 22")]
    [InlineData("HQ22")]
    [InlineData("HQ\u201122")]
    [InlineData("HQ\u201322")]
    [InlineData("hq_22")]
    public void Hyphen_and_space_variants_are_one_spelling(string text)
    {
        Assert.Equal("hq 22", TextNormalizer.Normalize(text));
    }

    [Fact]
    public void Every_word_points_back_at_its_original_characters()
    {
        const string text = "Vojska Srbije i КФОР-a, u Zvečanu (HQ22).";

        var words = TextNormalizer.Tokenize(text);

        Assert.Equal(["vojska", "srbije", "i", "kfor", "a", "u", "zvecanu", "hq", "22"], words.Select(w => w.Text));
        Assert.Equal(["Vojska", "Srbije", "i", "КФОР", "a", "u", "Zvečanu", "HQ", "22"], words.Select(w => text[w.Start..w.End]));
    }

    [Fact]
    public void Combining_marks_stay_inside_their_word()
    {
        const string decomposed = "Zvec\u030Can";

        var word = Assert.Single(TextNormalizer.Tokenize(decomposed));

        Assert.Equal("zvecan", word.Text);
        Assert.Equal((0, decomposed.Length), (word.Start, word.End));
    }

    [Fact]
    public void Words_whose_folds_outgrow_the_text_keep_their_letters()
    {
        // Each "љ" folds to two letters, so the letters outgrow a buffer sized for the text halfway through.
        var text = "КФОР " + new string('љ', 5000) + " Зве́чан " + new string('њ', 5000) + " HQ-22";

        var words = TextNormalizer.Tokenize(text);

        Assert.Equal(["kfor", string.Concat(Enumerable.Repeat("lj", 5000)), "zvecan", string.Concat(Enumerable.Repeat("nj", 5000)), "hq", "22"], words.Select(w => w.Text));
        Assert.Equal("zvecan", words[2].Letters.ToString());
        Assert.Equal("Зве́чан", text[words[2].Start..words[2].End]);
    }
}

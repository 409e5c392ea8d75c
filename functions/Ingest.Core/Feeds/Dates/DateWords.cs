namespace Ingest.Core.Feeds.Dates;

/// <summary>
/// Words a date may carry besides month names and zones: weekdays and the small joining words of English,
/// Serbian, Croatian, Bosnian, Albanian and Greek ("u", "në", "godine", the "nd" of "22nd"). Any other word means the
/// string is not only a date, and it is not read as one. Keys are folded as <see cref="MonthNames"/> folds them.
/// </summary>
internal static class DateWords
{
    private static readonly HashSet<string> Fillers = new(
        new[]
        {
            "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
            "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
            "st", "nd", "rd", "th", "at", "on", "of", "the", "t",
            "pon", "uto", "sri", "sre", "cet", "pet", "sub", "ned",
            "ponedjeljak", "ponedeljak", "utorak", "srijeda", "sreda", "cetvrtak", "petak", "subota", "nedjelja", "nedelja",
            "понедељак", "уторак", "среда", "четвртак", "петак", "субота", "недеља", "пон", "уто", "сре", "чет", "пет", "суб", "нед",
            "u", "у", "godine", "god", "године", "год", "h", "sati", "casova", "часова", "ч",
            "e", "hene", "marte", "merkure", "enjte", "premte", "shtune", "diel", "ne", "ora",
            "κυρ", "δευ", "τρι", "τετ", "πεμ", "παρ", "σαβ", "κυριακη", "δευτερα", "τριτη", "τεταρτη", "πεμπτη", "παρασκευη", "σαββατο",
        }.Select(MonthNames.Fold),
        StringComparer.Ordinal);

    public static bool IsFiller(string word) => Fillers.Contains(MonthNames.Fold(word.TrimEnd('.', ',')));
}

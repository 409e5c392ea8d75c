using System.Net;
using System.Text;

namespace Ingest.Core.Feeds.Xml;

/// <summary>
/// The character entities of HTML 4 (the W3C's Latin-1, symbol and special sets, which XHTML 1.0 publishes
/// again), as DTD declarations. A feed that pulls one of those sets in by its public identifier gets them from
/// here: the set is known, so nothing is fetched. XML's own five are left out; they need no declaration.
/// </summary>
internal static class HtmlEntitySet
{
    private const string Names =
        "nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 " +
        "sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc " +
        "Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve " +
        "Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute " +
        "acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde " +
        "ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml OElig oelig " +
        "Scaron scaron Yuml fnof circ tilde Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda " +
        "Mu Nu Xi Omicron Pi Rho Sigma Tau Upsilon Phi Chi Psi Omega alpha beta gamma delta epsilon zeta eta " +
        "theta iota kappa lambda mu nu xi omicron pi rho sigmaf sigma tau upsilon phi chi psi omega thetasym " +
        "upsih piv ensp emsp thinsp zwnj zwj lrm rlm ndash mdash lsquo rsquo sbquo ldquo rdquo bdquo dagger " +
        "Dagger bull hellip permil prime Prime lsaquo rsaquo oline frasl euro image weierp real trade alefsym " +
        "larr uarr rarr darr harr crarr lArr uArr rArr dArr hArr forall part exist empty nabla isin notin ni " +
        "prod sum minus lowast radic prop infin ang and or cap cup int there4 sim cong asymp ne equiv le ge " +
        "sub sup nsub sube supe oplus otimes perp sdot lceil rceil lfloor rfloor lang rang loz spades clubs " +
        "hearts diams";

    /// <summary>Whether <paramref name="publicId"/> names one of the W3C's entity sets.</summary>
    public static bool IsKnown(string publicId) =>
        publicId.StartsWith("-//W3C//ENTITIES ", StringComparison.OrdinalIgnoreCase);

    /// <summary>Every entity of the set as <c>&lt;!ENTITY name "&amp;#N;"&gt;</c>, the value a character reference.</summary>
    public static string Declarations { get; } = Declare();

    private static string Declare()
    {
        var declarations = new StringBuilder();
        foreach (var name in Names.Split(' '))
        {
            var value = WebUtility.HtmlDecode($"&{name};");
            declarations.Append("<!ENTITY ").Append(name).Append(" \"");
            foreach (var rune in value.EnumerateRunes())
            {
                declarations.Append("&#").Append(rune.Value).Append(';');
            }

            declarations.Append("\">");
        }

        return declarations.ToString();
    }
}

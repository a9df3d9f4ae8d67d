//! The template a customer or an employee fills in and sends (the vendor's template of the
//! Boet seed, five headings with a hint each), printed by `incident template mail`: what
//! comes back is read by [`super::propose`].

use super::headings::Heading;
use crate::domain::Lang;

/// The hint under each heading, in the reporter's language.
fn hint(heading: Heading, lang: Lang) -> &'static str {
    match heading {
        Heading::Observation => lang.pick(
            "<Beskriv vad som har observerats och hur incidenten yttrar sig.>",
            "<Describe what was observed and how the incident shows itself.>",
        ),
        Heading::Impact => lang.pick(
            "<Beskriv hur ni som kund och användare av systemet påverkas av incidenten.>",
            "<Describe how you, as a customer and user of the system, are affected.>",
        ),
        Heading::PersonalData => lang.pick(
            "<Ange om personuppgifter påverkas eller befaras påverkas. Om inte, ange ”Nej”.>",
            "<Say whether personal data are or may be affected. If not, write \"No\".>",
        ),
        Heading::Time => lang.pick(
            "<Ange när incidenten först upptäcktes (ÅÅÅÅ-MM-DD TT:MM), när den började, och om den fortfarande pågår eller när den upphörde.>",
            "<Say when the incident was first discovered (YYYY-MM-DD HH:MM), when it began, and whether it is still going on or when it ended.>",
        ),
        Heading::Contacts => lang.pick(
            "<Namn, e-postadress och telefonnummer till dem som ska få information om hanteringen, en person per rad.>",
            "<Name, e-mail address and phone number of those to be kept informed of the handling, one person a line.>",
        ),
    }
}

/// The template: the subject line, then the five headings with their hints.
pub fn template(lang: Lang) -> String {
    let mut out = String::new();
    out.push_str(lang.pick(
        "Ämne: Incidentrapport – <kort rubrik>\n",
        "Subject: Incidentrapport – <short title>\n",
    ));
    out.push_str(lang.pick(
        "(Ämnet börjar med ”Incidentrapport”. Rapportera skyndsamt, även om allt inte är känt än: rapporten kan kompletteras.)\n",
        "(The subject begins with \"Incidentrapport\". Report promptly, even if not everything is known yet: the report can be completed later.)\n",
    ));
    for heading in Heading::ALL {
        let (sv, en) = heading.title();
        out.push('\n');
        out.push_str(lang.pick(sv, en));
        out.push('\n');
        out.push_str(hint(heading, lang));
        out.push('\n');
    }
    out
}

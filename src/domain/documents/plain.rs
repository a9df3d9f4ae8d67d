//! Plain words for the letter to the data subjects (GDPR Art. 34(2): "clear and plain
//! language"): whom it is written to, the cause and each likely consequence said to the
//! reader rather than in the IMY form's wording, and the advice of "what you can do
//! yourself" (the municipal process: "ge dem möjlighet att vidta egna åtgärder").

use crate::domain::Lang;
use crate::domain::model::report::Report;

/// Whom the letter speaks to: the data subject ("du"), or the guardian of a child ("ditt
/// barn"), who acts for the child (föräldrabalken 6 kap. 11 §).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    DataSubject,
    Guardian,
}

impl Reader {
    /// The reader the recorded data subject groups (IMY question 25) point to: the guardian
    /// when the data subjects are children or pupils (preschool to upper secondary school),
    /// the data subject otherwise.
    pub fn of(report: &Report) -> Reader {
        let children = report
            .subject_groups
            .as_ref()
            .is_some_and(|g| g.contains("children") || g.contains("pupils"));
        if children {
            Reader::Guardian
        } else {
            Reader::DataSubject
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Reader::DataSubject => "data_subject",
            Reader::Guardian => "guardian",
        }
    }
}

/// Words in the letter's language, to its reader.
#[derive(Debug, Clone, Copy)]
pub struct Voice {
    pub lang: Lang,
    pub reader: Reader,
}

impl Voice {
    /// The text for the reader: (Swedish to the data subject, Swedish to a guardian,
    /// English to the data subject, English to a guardian).
    pub fn say<'a>(
        self,
        sv: &'a str,
        sv_child: &'a str,
        en: &'a str,
        en_child: &'a str,
    ) -> &'a str {
        match (self.lang, self.reader) {
            (Lang::Sv, Reader::DataSubject) => sv,
            (Lang::Sv, Reader::Guardian) => sv_child,
            (Lang::En, Reader::DataSubject) => en,
            (Lang::En, Reader::Guardian) => en_child,
        }
    }

    pub fn t<'a>(self, sv: &'a str, en: &'a str) -> &'a str {
        self.lang.pick(sv, en)
    }
}

/// The cause (IMY question 18) said plainly, with what happened (question 15) where it
/// makes the cause concrete, and the organisation's own comment as written.
pub fn cause(report: &Report, voice: Voice) -> String {
    let Some(cause) = &report.cause else {
        return voice
            .t(
                "Vi utreder fortfarande varför det hände. Vi hör av oss när vi vet mer.",
                "We are still looking into why it happened. We will contact you when we know more.",
            )
            .to_string();
    };
    let misdirected = report
        .what_happened
        .as_ref()
        .is_some_and(|w| w.key == "misdirected_communication");
    let comment = cause
        .comment
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    let sentence = match (cause.key.as_str(), misdirected) {
        ("human_error_individual", true) => voice.t(
            "Det berodde på ett misstag när ett mejl, brev eller sms skickades: det gick till fel mottagare.",
            "It was caused by a mistake when an e-mail, letter or text message was sent: it went to the wrong recipient.",
        ),
        ("human_error_individual", false) => voice.t(
            "Det berodde på ett misstag som en av våra medarbetare gjorde i det här enskilda fallet.",
            "It was caused by a mistake one of our staff made in this particular case.",
        ),
        ("technical_error", true) => voice.t(
            "Det berodde på ett tekniskt fel i ett av våra system, som gjorde att ett mejl, brev eller sms gick till fel mottagare.",
            "It was caused by a technical fault in one of our systems, which sent an e-mail, letter or text message to the wrong recipient.",
        ),
        ("technical_error", false) => voice.t(
            "Det berodde på ett tekniskt fel i ett av våra system.",
            "It was caused by a technical fault in one of our systems.",
        ),
        // "Övrigt" and an answer typed as text: the comment is the cause.
        _ => {
            return match comment {
                Some(comment) => format!("{} {comment}", voice.t("Orsaken:", "The cause:")),
                None => voice
                    .t(
                        "Vi utreder fortfarande varför det hände.",
                        "We are still looking into why it happened.",
                    )
                    .to_string(),
            };
        }
    };
    match comment {
        Some(comment) => format!("{sentence} {comment}"),
        None => sentence.to_string(),
    }
}

/// One likely consequence (IMY question 28, by its option key) said to the reader;
/// "Övrigt" is the organisation's comment as written.
pub fn consequence(key: &str, comment: Option<&str>, voice: Voice) -> Option<String> {
    let text = match key {
        "loss_of_control" => voice.say(
            "Du kan inte längre själv bestämma vem som får se uppgifterna om dig.",
            "Du och ditt barn kan inte längre själva bestämma vem som får se uppgifterna om barnet.",
            "You can no longer decide for yourself who gets to see the data about you.",
            "You and your child can no longer decide who gets to see the data about your child.",
        ),
        "limitation_of_rights" => voice.say(
            "Det kan under en tid bli svårare för dig att ta del av eller rätta uppgifterna om dig.",
            "Det kan under en tid bli svårare för er att ta del av eller rätta uppgifterna om ditt barn.",
            "For a while it may be harder for you to see or correct the data about you.",
            "For a while it may be harder for you to see or correct the data about your child.",
        ),
        "discrimination" => voice.say(
            "Någon som har sett uppgifterna kan behandla dig sämre på grund av dem.",
            "Någon som har sett uppgifterna kan behandla ditt barn sämre på grund av dem.",
            "Someone who has seen the data could treat you worse because of them.",
            "Someone who has seen the data could treat your child worse because of them.",
        ),
        "identity_theft_or_fraud" => voice.say(
            "Någon kan försöka använda uppgifterna för att lura dig eller utge sig för att vara du, till exempel för att låna pengar eller beställa varor i ditt namn.",
            "Någon kan försöka använda uppgifterna för att lura er eller utge sig för att vara ditt barn, till exempel för att beställa varor i barnets namn.",
            "Someone could try to use the data to trick you or to pretend to be you, for example to borrow money or order goods in your name.",
            "Someone could try to use the data to trick you or to pretend to be your child, for example to order goods in your child's name.",
        ),
        "financial_loss" => voice.say(
            "Du kan förlora pengar på grund av det som hänt.",
            "Ni kan förlora pengar på grund av det som hänt.",
            "You could lose money because of what happened.",
            "You could lose money because of what happened.",
        ),
        "reversal_of_pseudonymisation" => voice.say(
            "Uppgifter som var kodade för att inte kunna kopplas till dig kan nu kopplas till dig.",
            "Uppgifter som var kodade för att inte kunna kopplas till ditt barn kan nu kopplas till barnet.",
            "Data that were coded so that they could not be linked to you can now be linked to you.",
            "Data that were coded so that they could not be linked to your child can now be linked to your child.",
        ),
        "damage_to_reputation" => voice.say(
            "Andra kan få veta saker om dig som du inte själv har valt att berätta, och det kan påverka vad de tycker om dig.",
            "Andra kan få veta saker om ditt barn som ni inte själva har valt att berätta, och det kan påverka vad de tycker om barnet.",
            "Others may learn things about you that you did not choose to tell, and it may affect what they think of you.",
            "Others may learn things about your child that you did not choose to tell, and it may affect what they think of your child.",
        ),
        "loss_of_professional_secrecy" => voice.say(
            "Uppgifter om dig som skyddas av tystnadsplikt har kommit till någon som inte skulle ha dem.",
            "Uppgifter om ditt barn som skyddas av tystnadsplikt har kommit till någon som inte skulle ha dem.",
            "Data about you that are protected by professional secrecy have reached someone who should not have them.",
            "Data about your child that are protected by professional secrecy have reached someone who should not have them.",
        ),
        "other_disadvantage" => voice.say(
            "Du kan få andra ekonomiska eller sociala nackdelar av det som hänt.",
            "Ditt barn eller ni kan få andra ekonomiska eller sociala nackdelar av det som hänt.",
            "You could suffer other financial or social disadvantages from what happened.",
            "Your child or you could suffer other financial or social disadvantages from what happened.",
        ),
        _ => return comment.map(str::trim).filter(|c| !c.is_empty()).map(String::from),
    };
    Some(text.to_string())
}

/// What the reader can do to protect themselves, following the kinds of data (IMY
/// question 26) and the likely consequences (question 28); always ends with whom to ask.
pub fn advice(report: &Report, voice: Voice) -> Vec<String> {
    let data = |key: &str| {
        report
            .data_categories
            .as_ref()
            .is_some_and(|c| c.contains(key))
    };
    let consequence = |key: &str| {
        report
            .consequences
            .as_ref()
            .is_some_and(|c| c.contains(key))
    };
    let disclosed = report
        .breach_types
        .iter()
        .any(|b| b.key() == "confidentiality");
    let mut advice = Vec::new();
    if consequence("identity_theft_or_fraud") || data("personal_identity_number") {
        advice.push(voice.say(
            "Var vaksam på bedrägeriförsök. Lämna aldrig ut lösenord eller koder, till exempel till BankID, till någon som kontaktar dig. Du kan beställa en kreditupplysning om dig själv för att se om någon har tagit lån i ditt namn, och polisanmäla om någon har använt dina uppgifter.",
            "Var vaksam på post, fakturor eller beställningar i ditt barns namn som ni inte känner igen. Lämna aldrig ut lösenord eller koder, till exempel till BankID, till någon som kontaktar er, och polisanmäl om någon har använt barnets uppgifter.",
            "Watch out for attempts at fraud. Never give passwords or codes, for example for BankID, to anyone who contacts you. You can order a credit report on yourself to see whether anyone has borrowed money in your name, and report it to the police if someone has used your data.",
            "Watch out for post, invoices or orders in your child's name that you do not recognise. Never give passwords or codes, for example for BankID, to anyone who contacts you, and report it to the police if someone has used your child's data.",
        ));
    }
    if data("financial") || consequence("financial_loss") {
        advice.push(voice.say(
            "Håll koll på dina kontoutdrag och kontakta din bank direkt om du ser något du inte känner igen.",
            "Håll koll på kontoutdrag som gäller ditt barn och kontakta banken direkt om du ser något du inte känner igen.",
            "Keep an eye on your bank statements and contact your bank at once if you see anything you do not recognise.",
            "Keep an eye on any bank statements concerning your child and contact the bank at once if you see anything you do not recognise.",
        ));
    }
    if disclosed && (data("contact_details") || data("identifying")) {
        advice.push(voice.say(
            "Var försiktig med mejl, sms och samtal som hänvisar till det som hänt och ber dig klicka på en länk eller lämna uppgifter. Vi ber dig aldrig om lösenord.",
            "Var försiktig med mejl, sms och samtal som hänvisar till det som hänt och ber dig klicka på en länk eller lämna uppgifter om ditt barn. Vi ber dig aldrig om lösenord.",
            "Be careful with e-mails, text messages and calls that refer to what happened and ask you to click a link or give details. We never ask you for a password.",
            "Be careful with e-mails, text messages and calls that refer to what happened and ask you to click a link or give details about your child. We never ask you for a password.",
        ));
    }
    if data("location")
        || report
            .subject_groups
            .as_ref()
            .is_some_and(|g| g.contains("vulnerable_persons"))
    {
        advice.push(voice.say(
            "Om du känner dig hotad eller har skyddade personuppgifter: kontakta polisen, och tala om det för oss så att vi kan hjälpa dig.",
            "Om du känner oro för ditt barns säkerhet eller barnet har skyddade personuppgifter: kontakta polisen, och tala om det för oss så att vi kan hjälpa er.",
            "If you feel threatened or have a protected identity: contact the police, and tell us so that we can help you.",
            "If you fear for your child's safety or your child has a protected identity: contact the police, and tell us so that we can help you.",
        ));
    }
    let sensitive = [
        "health",
        "sex_life",
        "ethnic_origin",
        "religious_beliefs",
        "political_opinions",
        "criminal_offences",
    ]
    .iter()
    .any(|key| data(key));
    if sensitive
        || consequence("damage_to_reputation")
        || consequence("discrimination")
        || consequence("loss_of_professional_secrecy")
    {
        advice.push(voice.say(
            "Om någon tar kontakt med dig om uppgifterna, eller om du märker att de har spridits, berätta det för oss. Du behöver inte svara på frågor om dem.",
            "Om någon tar kontakt med dig eller ditt barn om uppgifterna, eller om du märker att de har spridits, berätta det för oss. Ni behöver inte svara på frågor om dem. Prata gärna med ditt barn om det som hänt, på ett sätt som passar barnets ålder.",
            "If anyone contacts you about the data, or you notice that they have spread, tell us. You do not have to answer questions about them.",
            "If anyone contacts you or your child about the data, or you notice that they have spread, tell us. You do not have to answer questions about them. Talk with your child about what happened, in a way that suits your child's age.",
        ));
    }
    advice.push(voice.say(
        "Hör av dig till oss om du har frågor, eller om du märker något som kan ha med det här att göra.",
        "Hör av dig till oss om du eller ditt barn har frågor, eller om ni märker något som kan ha med det här att göra.",
        "Contact us if you have questions, or if you notice anything that may be connected with this.",
        "Contact us if you or your child have questions, or if you notice anything that may be connected with this.",
    ));
    advice.into_iter().map(String::from).collect()
}

/// A date as people write it in a letter: "2 augusti 2026" / "2 August 2026".
pub fn long_date(date: chrono::NaiveDate, lang: Lang) -> String {
    use chrono::Datelike;
    format!(
        "{} {} {}",
        date.day(),
        lang.month(date.month0()),
        date.year()
    )
}

/// `text` wrapped at `width` characters between whole words: a word is never cut, and
/// nothing is left out (a word longer than the width stands on a line of its own). Each
/// line after the first starts with `indent`; the text's own line breaks are kept.
pub fn wrap(text: &str, width: usize, first: &str, indent: &str) -> String {
    let mut out = String::new();
    let mut line = first.to_string();
    let mut fresh = true;
    for (number, paragraph) in text.trim().lines().enumerate() {
        if number > 0 {
            out.push_str(line.trim_end());
            out.push('\n');
            line = indent.to_string();
            fresh = true;
        }
        for word in paragraph.split_whitespace() {
            let length = line.chars().count() + usize::from(!fresh) + word.chars().count();
            if !fresh && length > width {
                out.push_str(&line);
                out.push('\n');
                line = indent.to_string();
                fresh = true;
            }
            if !fresh {
                line.push(' ');
            }
            line.push_str(word);
            fresh = false;
        }
    }
    out.push_str(line.trim_end());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_every_word_whole() {
        let text = "Rektor ringde mottagaren, som bekräftade att mejlet med elevens \
                    åtgärdsprogram var raderat, och skolan bytte sändlista i lärplattformen.";
        let wrapped = wrap(text, 40, "- ", "  ");
        for line in wrapped.lines() {
            assert!(line.chars().count() <= 40, "{line:?}");
        }
        let words: Vec<&str> = wrapped.split_whitespace().filter(|w| *w != "-").collect();
        assert_eq!(words, text.split_whitespace().collect::<Vec<_>>());
        assert!(wrapped.starts_with("- Rektor"));
        assert!(wrapped.lines().skip(1).all(|l| l.starts_with("  ")));
    }

    #[test]
    fn a_word_longer_than_the_line_stands_alone_uncut() {
        let long = "https://example.org/a/very/long/address/that/does/not/fit";
        let wrapped = wrap(&format!("See {long} now"), 20, "", "");
        assert_eq!(wrapped, format!("See\n{long}\nnow\n"));
    }

    #[test]
    fn every_consequence_key_has_a_plain_sentence_in_both_languages_and_voices() {
        let catalogue = crate::domain::catalogue::catalogue();
        for option in &catalogue.question(28).options {
            for lang in [Lang::Sv, Lang::En] {
                for reader in [Reader::DataSubject, Reader::Guardian] {
                    let voice = Voice { lang, reader };
                    let said = consequence(&option.key, Some("Egen text"), voice).unwrap();
                    assert_ne!(
                        said,
                        option.label(lang),
                        "{} is the form's wording",
                        option.key
                    );
                    if option.key != "other" && reader == Reader::Guardian {
                        let child = lang.pick("barn", "child");
                        assert!(
                            said.contains(child) || option.key == "financial_loss",
                            "{said}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn long_dates() {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 8, 2).unwrap();
        assert_eq!(long_date(date, Lang::Sv), "2 augusti 2026");
        assert_eq!(long_date(date, Lang::En), "2 August 2026");
    }
}

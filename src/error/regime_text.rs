//! The words of the errors of the reporting regimes beside the GDPR (NIS2 /
//! cybersäkerhetslagen, DORA, CERT-SE), in Swedish and in English.

use super::{Error, RegimeRefusal};
use crate::domain::Lang;

/// What went wrong, for the regime errors; empty for any other.
pub(super) fn message(error: &Error, lang: Lang) -> String {
    let Error::Regime { id, refusal } = error else {
        return String::new();
    };
    match (refusal, lang) {
        (RegimeRefusal::NotSignificant, Lang::Sv) => format!(
            "{id} är inte klassad som betydande incident enligt NIS2 (art. 23.3; cybersäkerhetslagen 2025:1506): inga rapporter till CSIRT krävs, och ingen registrerades"
        ),
        (RegimeRefusal::NotSignificant, Lang::En) => format!(
            "{id} is not classified as a significant incident under NIS2 (Art. 23(3); cybersäkerhetslagen 2025:1506): no reports to the CSIRT are owed, and none was recorded"
        ),
        (RegimeRefusal::NoOpenRequest, Lang::Sv) => format!(
            "{id} har ingen obesvarad begäran från CSIRT om en delrapport (NIS2 art. 23.4 c); ingenting registrerades"
        ),
        (RegimeRefusal::NoOpenRequest, Lang::En) => format!(
            "{id} has no unanswered request of the CSIRT for an intermediate report (NIS2 Art. 23(4)(c)); nothing was recorded"
        ),
        (RegimeRefusal::NotChosen { regime }, Lang::Sv) => format!(
            "registret följer inte regelverket `{regime}` (`regimes` i incident.toml); ingenting registrerades för {id}"
        ),
        (RegimeRefusal::NotChosen { regime }, Lang::En) => format!(
            "the register does not follow the regime `{regime}` (`regimes` in incident.toml); nothing was recorded for {id}"
        ),
        (RegimeRefusal::NotInRegime { regime }, Lang::Sv) => format!(
            "{id} omfattas inte av `{regime}` (inte klassad så, eller klassad utanför); ingenting registrerades"
        ),
        (RegimeRefusal::NotInRegime { regime }, Lang::En) => format!(
            "{id} is not in `{regime}` (not classified into it, or classified out of it); nothing was recorded"
        ),
    }
}

/// The command that helps, for the regime errors.
pub(super) fn hint(error: &Error, lang: Lang) -> String {
    let Error::Regime { id, refusal } = error else {
        return String::new();
    };
    match refusal {
        RegimeRefusal::NotSignificant => format!(
            "{} `incident nis2 {id} --significant yes --reason TEXT`",
            lang.pick("klassa den först:", "classify it first:")
        ),
        RegimeRefusal::NoOpenRequest => format!(
            "{} `incident notified nis2 {id} --report intermediate --requested-at TIME --due TIME [--at TIME]`",
            lang.pick(
                "registrera begäran, och svaret när det skickats:",
                "record the request, and the answer once sent:"
            )
        ),
        RegimeRefusal::NotChosen { regime } => match lang {
            Lang::Sv => format!(
                "lägg till \"{regime}\" i `regimes` i incident.toml om det gäller organisationen"
            ),
            Lang::En => format!(
                "add \"{regime}\" to `regimes` in incident.toml if it applies to the organisation"
            ),
        },
        RegimeRefusal::NotInRegime { regime } => format!(
            "{} `incident regime {id} {regime} --applies yes --reason TEXT`",
            lang.pick("klassa den först:", "classify it first:")
        ),
    }
}

//! `incident export imy <id> --supplement`: what changed since the last filing with IMY,
//! in the form's numbering and words. The journal gives the incident as it was filed (the
//! filing's tag, else the entry that recorded it); the domain compares it with the files
//! as they are now.

use crate::cli::Context;
use crate::cli::export::Format;
use crate::cli::ui::{Ui, short};
use crate::domain::imy::{self, ComparedWith, Supplement};
use crate::domain::incident::Incident;
use crate::error::{Error, Result, exit};
use crate::store::Register;

/// The supplement of `incident` since its last filing with IMY, and the filing compared
/// with. Refused when nothing was filed yet: there is nothing to supplement.
pub fn since_last_filing(
    context: &Context,
    register: &Register,
    incident: &Incident,
) -> Result<(Supplement, ComparedWith)> {
    let id = &incident.report.id;
    let submitted = incident
        .notification
        .as_ref()
        .and_then(|n| n.imy.as_ref())
        .is_some_and(|i| i.submitted_at.is_some());
    let filing = register.last_imy_filing(id)?;
    let Some(filing) = filing.filter(|_| submitted) else {
        return Err(Error::NothingToSupplement { id: id.clone() });
    };
    let Some(before) = register.incident_at(id, &filing.commit)? else {
        return Err(Error::NothingToSupplement { id: id.clone() });
    };
    let now = context.now.with_timezone(&register.zone);
    let supplement = imy::supplement(&before, incident, &register.settings, register.zone, now);
    let compared = ComparedWith {
        tag: filing.tag,
        commit: short(&filing.commit).to_string(),
    };
    Ok((supplement, compared))
}

/// Prints the supplement; exit 0 also when nothing changed (said on stderr), since that
/// is an answer, not a failure.
pub fn export(
    context: &Context,
    register: &Register,
    ui: &Ui,
    incident: &Incident,
    format: Format,
) -> Result<i32> {
    let (supplement, compared) = since_last_filing(context, register, incident)?;
    match format {
        Format::Text => ui.out(&imy::render_supplement_text(
            &supplement,
            &compared,
            ui.lang,
        )),
        Format::Markdown => ui.out(&imy::render_supplement_markdown(
            &supplement,
            &compared,
            ui.lang,
        )),
        Format::Json => ui.json(&imy::render_supplement_json(&supplement, &compared)),
    }
    if supplement.is_empty() {
        // The text says so itself; JSON has empty lists, and a person reading it is told.
        if format == Format::Json {
            ui.say(imy::nothing_changed(ui.lang));
        }
        return Ok(exit::OK);
    }
    if !supplement.missing.is_empty() {
        let catalogue = crate::domain::catalogue::catalogue();
        ui.say(ui.t(
            "Saknas fortfarande för en fullständig anmälan:",
            "Still missing for a complete notification:",
        ));
        for missing in &supplement.missing {
            let mark = if missing.mandatory { " *" } else { "" };
            ui.say(&format!(
                "  {}. {}{mark}: {}",
                missing.number,
                catalogue.question(missing.number).sv,
                missing.what
            ));
        }
    }
    ui.say(&format!(
        "{} `incident notified supplement {}`",
        ui.t(
            "Registrera kompletteringen när den är skickad (GDPR art. 33.4; IMY: inom 4 veckor):",
            "Record the supplement once sent (GDPR Art. 33(4); IMY: within 4 weeks):"
        ),
        incident.report.id
    ));
    Ok(exit::OK)
}

//! The words of the errors of signed entries (Git's `commit.gpgsign`, the register's
//! `require_signed`), in Swedish and in English. Settings and commands stay as typed.

use super::SigningProblem;
use crate::domain::Lang;

/// What went wrong.
pub(super) fn message(problem: &SigningProblem, lang: Lang) -> String {
    match (problem, lang) {
        (SigningProblem::Required, Lang::Sv) => "registret kräver signerade journalposter (`require_signed = true` under [register] i incident.toml), men Git-konfigurationen ber inte om signering (`commit.gpgsign`); ingenting registrerades".to_string(),
        (SigningProblem::Required, Lang::En) => "the register requires signed entries (`require_signed = true` under [register] in incident.toml), but the Git configuration does not ask for signing (`commit.gpgsign`); nothing was recorded".to_string(),
        (SigningProblem::UnknownFormat { value }, Lang::Sv) => format!(
            "`gpg.format = {value}` i Git-konfigurationen är inget format Git känner till; ingenting registrerades"
        ),
        (SigningProblem::UnknownFormat { value }, Lang::En) => format!(
            "`gpg.format = {value}` in the Git configuration is not a format Git knows; nothing was recorded"
        ),
        (SigningProblem::NoKey, Lang::Sv) => "Git-konfigurationen ber om SSH-signering (`gpg.format = ssh`) men anger ingen nyckel (`user.signingkey`); ingenting registrerades".to_string(),
        (SigningProblem::NoKey, Lang::En) => "the Git configuration asks for SSH signing (`gpg.format = ssh`) but names no key (`user.signingkey`); nothing was recorded".to_string(),
        (SigningProblem::KeyFileMissing { path }, Lang::Sv) => format!(
            "signeringsnyckeln {} (`user.signingkey`) finns inte; ingenting registrerades",
            path.display()
        ),
        (SigningProblem::KeyFileMissing { path }, Lang::En) => format!(
            "the signing key {} (`user.signingkey`) does not exist; nothing was recorded",
            path.display()
        ),
        (SigningProblem::NotStarted { program, message, .. }, Lang::Sv) => format!(
            "signeringsprogrammet {program} kunde inte startas ({message}); ingenting registrerades"
        ),
        (SigningProblem::NotStarted { program, message, .. }, Lang::En) => format!(
            "the signing program {program} could not be started ({message}); nothing was recorded"
        ),
        (SigningProblem::Failed { program, message }, Lang::Sv) => format!(
            "{program} kunde inte signera journalposten: {message}; ingenting registrerades"
        ),
        (SigningProblem::Failed { program, message }, Lang::En) => format!(
            "{program} could not sign the entry: {message}; nothing was recorded"
        ),
    }
}

/// The setting or command that helps.
pub(super) fn hint(problem: &SigningProblem, lang: Lang) -> String {
    match problem {
        SigningProblem::Required => lang
            .pick(
                "signera med en SSH-nyckel: `git config commit.gpgsign true`, `git config gpg.format ssh`, `git config user.signingkey ~/.ssh/id_ed25519.pub`, och lägg den publika nyckeln i registrets .allowed_signers",
                "sign with an SSH key: `git config commit.gpgsign true`, `git config gpg.format ssh`, `git config user.signingkey ~/.ssh/id_ed25519.pub`, and add the public key to the register's .allowed_signers",
            )
            .to_string(),
        SigningProblem::UnknownFormat { .. } => lang
            .pick(
                "Git känner till `openpgp`, `x509` och `ssh`: till exempel `git config gpg.format ssh`",
                "Git knows `openpgp`, `x509` and `ssh`: for example `git config gpg.format ssh`",
            )
            .to_string(),
        SigningProblem::NoKey => lang
            .pick(
                "`git config user.signingkey ~/.ssh/id_ed25519.pub` (en nyckelfil, eller `key::` följt av en publik nyckel som ssh-agent har)",
                "`git config user.signingkey ~/.ssh/id_ed25519.pub` (a key file, or `key::` followed by a public key ssh-agent holds)",
            )
            .to_string(),
        SigningProblem::KeyFileMissing { .. } => lang
            .pick(
                "rätta sökvägen med `git config user.signingkey SÖKVÄG`, eller skapa en nyckel med `ssh-keygen -t ed25519`",
                "correct the path with `git config user.signingkey PATH`, or make a key with `ssh-keygen -t ed25519`",
            )
            .to_string(),
        SigningProblem::NotStarted {
            program, setting, ..
        } => match lang {
            Lang::Sv => format!(
                "installera {program} (för SSH-nycklar: paketet openssh-client), eller ange programmet med `git config {setting} SÖKVÄG`"
            ),
            Lang::En => format!(
                "install {program} (for SSH keys: the openssh-client package), or name the program with `git config {setting} PATH`"
            ),
        },
        SigningProblem::Failed { .. } => lang
            .pick(
                "en nyckel med lösenfras behöver en terminal eller en agent: lägg den i ssh-agent (`ssh-add NYCKEL`) eller gpg-agent, och kör kommandot igen",
                "a key with a passphrase needs a terminal or an agent: add it to ssh-agent (`ssh-add KEY`) or gpg-agent, and run the command again",
            )
            .to_string(),
    }
}

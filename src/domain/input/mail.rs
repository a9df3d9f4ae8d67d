//! What `incident new --from-mail` refuses: a message over the size limit (before it is
//! parsed), and a folder that is no Maildir.

use crate::domain::Lang;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MailInput {
    /// A message larger than the limit, in bytes.
    TooLarge { size: u64, limit: u64 },
    /// A folder given that has neither `cur/` nor `new/`.
    NotAMaildir,
    /// Nothing but white space: no message to take in.
    Empty,
}

/// Bytes as whole megabytes (MiB), rounded up, so a size just over the limit never reads
/// as equal to it.
fn megabytes(bytes: u64) -> u64 {
    bytes.div_ceil(1024 * 1024)
}

impl MailInput {
    pub fn describe(&self, lang: Lang) -> String {
        match (self, lang) {
            (MailInput::TooLarge { size, limit }, Lang::Sv) => format!(
                "är {} MB; meddelanden över gränsen {} MB tas inte in (spara bilagorna någon annanstans och skicka rapporten utan dem)",
                megabytes(*size),
                megabytes(*limit)
            ),
            (MailInput::TooLarge { size, limit }, Lang::En) => format!(
                "is {} MB; messages over the limit of {} MB are not taken in (keep the attachments elsewhere and send the report without them)",
                megabytes(*size),
                megabytes(*limit)
            ),
            (MailInput::NotAMaildir, Lang::Sv) => {
                "är en mapp men ingen Maildir (den har varken cur/ eller new/): ange ett sparat meddelande (.eml), en Maildir eller - för standard in".to_string()
            }
            (MailInput::NotAMaildir, Lang::En) => {
                "is a folder but no Maildir (it has neither cur/ nor new/): give a saved message (.eml), a Maildir, or - for standard input".to_string()
            }
            (MailInput::Empty, Lang::Sv) => {
                "är tomt: inget meddelande att ta in (ett e-postfilter som inte skickade meddelandet vidare?)".to_string()
            }
            (MailInput::Empty, Lang::En) => {
                "is empty: no message to take in (a mail filter that did not pass the message on?)".to_string()
            }
        }
    }
}

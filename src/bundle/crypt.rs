//! The age layer of a bundle: encrypting to a passphrase or to X25519 recipients, and decrypting with a
//! passphrase or an identity file. Both stream: nothing is held whole in memory.

use std::io::{BufRead, Read, Write};
use std::path::Path;

use age::secrecy::SecretString;

use crate::{Error, Result};

/// Whom a bundle is encrypted to.
pub enum Seal {
    /// A passphrase (age's scrypt recipient; costs a few hundred MB of memory for a second or two).
    Passphrase(SecretString),
    /// X25519 recipients (`age1…`), any one of whom can open it.
    Recipients(Vec<age::x25519::Recipient>),
}

/// How a bundle is opened.
pub enum Key {
    Passphrase(SecretString),
    /// The identities of an age identity file (`AGE-SECRET-KEY-1…` lines).
    Identities(Vec<Box<dyn age::Identity>>),
}

impl Seal {
    /// The passphrase on the first line of `path` (a trailing newline is not part of it).
    pub fn passphrase_file(path: &Path) -> Result<Seal> {
        Ok(Seal::Passphrase(read_passphrase(path)?))
    }

    /// Recipients as `age-keygen` prints them (`age1…`).
    pub fn recipients(given: &[String]) -> Result<Seal> {
        let mut out = Vec::new();
        for text in given {
            let recipient = text.trim().parse::<age::x25519::Recipient>().map_err(|e| {
                Error::invalid(format!("recipient {text:?} is not an age X25519 recipient (age1…): {e}"))
            })?;
            out.push(recipient);
        }
        if out.is_empty() {
            return Err(Error::invalid("name at least one --recipient"));
        }
        Ok(Seal::Recipients(out))
    }

    /// Wraps `output` so that what is written to it is encrypted; call `finish` on the result.
    pub fn wrap<W: Write>(&self, output: W) -> Result<age::stream::StreamWriter<W>> {
        let encryptor = match self {
            Seal::Passphrase(p) => age::Encryptor::with_user_passphrase(p.clone()),
            Seal::Recipients(rs) => age::Encryptor::with_recipients(rs.iter().map(|r| r as &dyn age::Recipient))
                .map_err(|e| Error::invalid(format!("cannot encrypt: {}", plain(e))))?,
        };
        Ok(encryptor.wrap_output(output)?)
    }
}

impl Key {
    pub fn passphrase_file(path: &Path) -> Result<Key> {
        Ok(Key::Passphrase(read_passphrase(path)?))
    }

    /// The identities in an age identity file (as `age-keygen -o` writes it).
    pub fn identity_file(path: &Path) -> Result<Key> {
        let file = std::fs::File::open(path).map_err(|e| {
            Error::invalid(format!(
                "identity file {}: {}",
                crate::text::display_path(path),
                crate::files::io_reason(&e)
            ))
        })?;
        let parsed = age::IdentityFile::from_buffer(std::io::BufReader::new(file))
            .map_err(|e| Error::invalid(format!("identity file {}: {}", crate::text::display_path(path), plain(e))))?;
        let identities = parsed
            .into_identities()
            .map_err(|e| Error::invalid(format!("identity file {}: {}", crate::text::display_path(path), plain(e))))?;
        Ok(Key::Identities(identities))
    }

    /// The plaintext of an age stream, read as it is decrypted; why it cannot be opened otherwise.
    pub fn open<R: BufRead>(&self, input: R) -> std::result::Result<age::stream::StreamReader<R>, String> {
        let decryptor = age::Decryptor::new_buffered(input).map_err(describe)?;
        let result = match self {
            Key::Passphrase(p) => {
                if !decryptor.is_scrypt() {
                    return Err("it is encrypted to age recipients, not a passphrase: give --identity".into());
                }
                let identity = age::scrypt::Identity::new(p.clone());
                decryptor.decrypt(std::iter::once(&identity as &dyn age::Identity))
            }
            Key::Identities(ids) => {
                if decryptor.is_scrypt() {
                    return Err("it is encrypted with a passphrase: give --bundle-passphrase-file".into());
                }
                decryptor.decrypt(ids.iter().map(|i| i.as_ref()))
            }
        };
        result.map_err(describe)
    }
}

/// An error of the age library as text: age words its messages through Fluent, which wraps each value in
/// Unicode isolates (U+2068, U+2069), invisible marks that a terminal would be shown as escapes.
fn plain(e: impl std::fmt::Display) -> String {
    e.to_string().replace(['\u{2068}', '\u{2069}'], "")
}

fn describe(e: age::DecryptError) -> String {
    match e {
        age::DecryptError::DecryptionFailed | age::DecryptError::KeyDecryptionFailed => {
            "it cannot be decrypted: wrong passphrase, or the file is damaged".into()
        }
        age::DecryptError::NoMatchingKeys => "none of the given identities can open it".into(),
        age::DecryptError::InvalidHeader => "it is not an age-encrypted vetdesk bundle (bad header)".into(),
        // age's own words for these ask the user to upgrade age, or name the header's parts.
        age::DecryptError::UnknownFormat => {
            "it is not an age-encrypted vetdesk bundle (its header names an age format this vetdesk does not \
             read)"
                .into()
        }
        age::DecryptError::InvalidMac => {
            "it cannot be decrypted: its header fails its check (MAC), so the file is damaged or was altered".into()
        }
        age::DecryptError::Io(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            "it is not a whole bundle: the file ends inside its header (empty, or cut short)".into()
        }
        other => format!("it cannot be decrypted: {}", plain(other)),
    }
}

/// A passphrase file's first line is all that is read of it, within this many bytes (`/dev/zero` never
/// ends).
const MAX_PASSPHRASE_FILE: u64 = 64 * 1024;

fn read_passphrase(path: &Path) -> Result<SecretString> {
    let mut text = String::new();
    std::fs::File::open(path).and_then(|f| f.take(MAX_PASSPHRASE_FILE).read_to_string(&mut text)).map_err(|e| {
        let why = crate::files::io_reason(&e);
        Error::invalid(format!("passphrase file {}: {why}", crate::text::display_path(path)))
    })?;
    let line = text.lines().next().unwrap_or("").to_string();
    if line.is_empty() {
        return Err(Error::invalid(format!("passphrase file {} is empty", crate::text::display_path(path))));
    }
    Ok(SecretString::from(line))
}

//! Settings and where things live: the workspace path and `config.toml`.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::{Error, Result};

/// `config.toml`. A missing file means defaults; a malformed one is an error naming the line.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Recorded in the audit trail; defaults to the login name.
    pub investigator: Option<String>,
    /// A built-in theme (dark, light, high-contrast), a theme file's path, or NAME for
    /// `themes/NAME.toml` beside this file.
    pub theme: Option<String>,
    /// The phone country a workspace takes when its own was never set (`org set --phone-country`), as an
    /// ISO 3166 code (e.g. "US"); checked when the file is read.
    pub default_country: Option<String>,
}

/// Who changes are recorded as when neither the config file nor the login environment names anyone.
pub const FALLBACK_INVESTIGATOR: &str = "investigator";

/// Largest config file read: a few settings take a few hundred bytes.
pub const MAX_CONFIG_BYTES: u64 = 1 << 20;

impl Config {
    /// Reads `path`; a missing file means defaults. Anything but a regular file of at most
    /// [`MAX_CONFIG_BYTES`] is refused without blocking.
    pub fn load(path: &Path) -> Result<Config> {
        let config_error = |reason: String| Error::Config { path: path.to_path_buf(), reason };
        if std::fs::symlink_metadata(path).is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound) {
            return Ok(Config::default());
        }
        let too_big = || format!("is over {} MiB; a config file holds a few settings", MAX_CONFIG_BYTES >> 20);
        let bytes = crate::files::read_bounded(path, MAX_CONFIG_BYTES, &too_big).map_err(|e| match e {
            Error::NotRegular { kind, .. } => config_error(format!("is {kind}, not a regular file")),
            Error::Unsteady { .. } => config_error("changed while it was being read; try again".into()),
            Error::File { reason, .. } => config_error(reason),
            e => config_error(e.to_string()),
        })?;
        let text = String::from_utf8(bytes).map_err(|_| config_error("is not UTF-8 text".into()))?;
        let mut config: Config = toml::from_str(&text).map_err(|e| {
            let line = error_line(&text, &e);
            Error::Config { path: path.to_path_buf(), reason: format!("line {line}: {}", e.message().trim()) }
        })?;
        if let Some(code) = &config.default_country {
            let country = crate::domain::identifier::Rules::parse_country(code).map_err(|e| {
                let line = key_line(&text, "default_country").unwrap_or(1);
                Error::Config { path: path.to_path_buf(), reason: format!("line {line}: default_country: {e}") }
            })?;
            config.default_country = Some(country);
        }
        // The name goes into every audit row: a bad one is named here, with its line, not when first used.
        if let Some(problem) =
            config.investigator.as_deref().and_then(|name| crate::text::field_problem("investigator", name))
        {
            let line = key_line(&text, "investigator").unwrap_or(1);
            return Err(Error::Config { path: path.to_path_buf(), reason: format!("line {line}: {problem}") });
        }
        Ok(config)
    }

    /// `problem` with a setting of this config file (`key`), as an error naming the file and the line:
    /// for a setting checked where it is used (the theme), not as the file is read.
    pub fn setting_problem(key: &str, problem: impl std::fmt::Display) -> Error {
        let Some(path) = config_path() else { return Error::invalid(format!("{key}: {problem}")) };
        let text = crate::files::read_bounded(&path, MAX_CONFIG_BYTES, &String::new).unwrap_or_default();
        let line = key_line(&String::from_utf8_lossy(&text), key).unwrap_or(1);
        Error::Config { path, reason: format!("line {line}: {key}: {problem}") }
    }

    /// Who changes are recorded as: the configured investigator, else the login name (`USER`, then
    /// `LOGNAME`), trimmed; one that holds no letter or digit (blank, or invisible characters alone) names
    /// nobody and is passed over.
    pub fn investigator(&self) -> String {
        self.investigator_from().0
    }

    /// [`Config::investigator`], with where it came from, as a message names it.
    pub fn investigator_from(&self) -> (String, &'static str) {
        let usable =
            |name: &str| Some(name.trim()).filter(|n| n.chars().any(char::is_alphanumeric)).map(str::to_string);
        if let Some(name) = self.investigator.as_deref().and_then(usable) {
            return (name, "the config's investigator");
        }
        for var in ["USER", "LOGNAME"] {
            if let Some(name) = std::env::var(var).ok().as_deref().and_then(usable) {
                return (name, var);
            }
        }
        (FALLBACK_INVESTIGATOR.to_string(), "vetdesk's fallback")
    }

    /// True when changes would be recorded under [`FALLBACK_INVESTIGATOR`] because nothing names the
    /// investigator: the fronts then say how to set a name.
    pub fn investigator_unknown(&self) -> bool {
        self.investigator_from().1 == "vetdesk's fallback"
    }
}

/// The line an error is on. An unknown key is reported against the whole table, so look the key up.
fn error_line(text: &str, e: &toml::de::Error) -> usize {
    let unknown = e.message().strip_prefix("unknown field `").and_then(|rest| rest.split('`').next());
    if let Some(line) = unknown.and_then(|key| key_line(text, key)) {
        return line;
    }
    e.span().map_or(1, |s| text[..s.start.min(text.len())].matches('\n').count() + 1)
}

/// The line that sets `key`, if one does.
fn key_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|l| l.trim_start().strip_prefix(key).is_some_and(|r| r.trim_start().starts_with('=')))
        .map(|i| i + 1)
}

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "vetdesk")
}

/// The workspace file: `--db`, else `VETDESK_DB`, else `workspace.db` in the user's data folder.
pub fn workspace_path(flag: Option<&Path>) -> Result<PathBuf> {
    if let Some(p) = flag {
        return Ok(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os("VETDESK_DB").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    project_dirs()
        .map(|d| d.data_dir().join("workspace.db"))
        .ok_or_else(|| Error::invalid("no home folder to keep the workspace in; pass --db PATH or set VETDESK_DB"))
}

/// The folder of the audit signing key and the head records: `VETDESK_KEY_DIR`, else `keys/` in the
/// user's data folder. It stays on this machine when a workspace is copied elsewhere.
pub fn key_dir() -> Result<PathBuf> {
    if let Some(p) = std::env::var_os("VETDESK_KEY_DIR").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    project_dirs()
        .map(|d| d.data_dir().join("keys"))
        .ok_or_else(|| Error::invalid("no home folder to keep the signing key in; set VETDESK_KEY_DIR"))
}

/// The settings file: `VETDESK_CONFIG`, else `config.toml` in the user's config folder.
pub fn config_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("VETDESK_CONFIG").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    project_dirs().map(|d| d.config_dir().join("config.toml"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_file_means_defaults_and_a_bad_one_names_the_line() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(Config::load(&dir.path().join("none.toml")).unwrap(), Config::default());
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "investigator = \"Ana\"\ntheme = 3\n").unwrap();
        let err = Config::load(&path).unwrap_err().to_string();
        assert!(err.contains("line 2"), "{err}");
        std::fs::write(&path, "investigator = \"Ana\"\ncolour = \"red\"\n").unwrap();
        let err = Config::load(&path).unwrap_err().to_string();
        assert!(err.contains("line 2"), "{err}");
        std::fs::write(&path, "investigator = \"Ana Díaz\"\n").unwrap();
        assert_eq!(Config::load(&path).unwrap().investigator(), "Ana Díaz");
        // A value vetdesk refuses is named with the file and its line too, not only a malformed one.
        std::fs::write(&path, "# who I am\n\ninvestigator = \"Ana\tDíaz\"\n").unwrap();
        let err = Config::load(&path).unwrap_err().to_string();
        assert!(err.contains("config.toml: line 3: investigator is one line of text"), "{err}");
    }

    #[test]
    fn default_country_is_checked_and_read_as_its_code() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "default_country = \" gb \"\n").unwrap();
        assert_eq!(Config::load(&path).unwrap().default_country.as_deref(), Some("GB"));
        std::fs::write(&path, "theme = \"dark\"\ndefault_country = \"XX\"\n").unwrap();
        let err = Config::load(&path).unwrap_err().to_string();
        assert!(err.contains("config.toml: line 2: default_country: unknown country code \"XX\""), "{err}");
    }

    #[test]
    fn folders_devices_and_huge_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let err = Config::load(dir.path()).unwrap_err().to_string();
        assert!(err.starts_with("config ") && err.ends_with(": is a folder, not a regular file"), "{err}");
        let err = Config::load(Path::new("/dev/zero")).unwrap_err().to_string();
        assert_eq!(err, "config /dev/zero: is a character device, not a regular file");
        let path = dir.path().join("config.toml");
        std::fs::File::create(&path).unwrap().set_len(MAX_CONFIG_BYTES + 1).unwrap();
        let err = Config::load(&path).unwrap_err().to_string();
        assert!(err.ends_with("config.toml: is over 1 MiB; a config file holds a few settings"), "{err}");
    }
}

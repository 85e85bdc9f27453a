//! Themes: screens ask for meanings (`danger`, `muted`, `selected`…); a theme file maps each meaning to a
//! colour. Three are built in (`themes/`); others are read from a TOML file, named by its path or as
//! `themes/NAME.toml` beside the config file. `NO_COLOR` keeps the meanings but drops every colour,
//! leaving bold, dim and reverse video.

use std::collections::BTreeMap;
use std::path::Path;

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;

use crate::domain::{ControlState, MarkState, RiskBand};

/// The themes built into the binary, by name.
pub const BUILTIN: &[(&str, &str)] = &[
    ("dark", include_str!("../../themes/dark.toml")),
    ("light", include_str!("../../themes/light.toml")),
    ("high-contrast", include_str!("../../themes/high-contrast.toml")),
];

/// Largest theme file read: eighteen colours take under a kilobyte.
pub const MAX_THEME_BYTES: u64 = 64 << 10;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeFile {
    /// Optional in a file of one's own: the file's name without `.toml` stands in.
    name: Option<String>,
    colors: BTreeMap<toml::Spanned<String>, toml::Spanned<String>>,
}

/// Every colour a theme must give.
const MEANINGS: &[&str] = &[
    "text",
    "muted",
    "title",
    "accent",
    "selected_fg",
    "selected_bg",
    "border",
    "border_focused",
    "danger",
    "warning",
    "ok",
    "info",
    "risk_low",
    "risk_elevated",
    "risk_high",
    "risk_critical",
    "status_bar_fg",
    "status_bar_bg",
];

#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub name: String,
    colors: BTreeMap<String, Color>,
    no_color: bool,
}

impl Theme {
    /// Loads a built-in theme by name; the error lists the names there are.
    pub fn named(name: &str, no_color: bool) -> crate::Result<Theme> {
        let (_, text) = BUILTIN.iter().find(|(n, _)| *n == name).ok_or_else(|| crate::Error::NotOneOf {
            what: "theme",
            value: name.to_string(),
            expected: BUILTIN.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", "),
        })?;
        Self::parse(text, no_color)
    }

    /// Parses a built-in theme's text.
    pub fn parse(text: &str, no_color: bool) -> crate::Result<Theme> {
        parse_source(text, "built-in", None, no_color)
    }

    /// The theme `spec` names: a path to a TOML file (it contains `/` or ends in `.toml`), a built-in
    /// name, or `NAME.toml` in `themes_dir` (the `themes` folder beside the config file). Errors name the
    /// file and the line.
    pub fn load(spec: &str, themes_dir: Option<&Path>, no_color: bool) -> crate::Result<Theme> {
        if spec.contains('/') || spec.ends_with(".toml") {
            return Self::from_file(Path::new(spec), no_color);
        }
        if BUILTIN.iter().any(|(n, _)| *n == spec) {
            return Self::named(spec, no_color);
        }
        if let Some(dir) = themes_dir
            && !spec.is_empty()
            && !spec.starts_with('.')
        {
            let path = dir.join(format!("{spec}.toml"));
            if std::fs::metadata(&path).is_ok() {
                return Self::from_file(&path, no_color);
            }
        }
        let mut names: Vec<String> = BUILTIN.iter().map(|(n, _)| n.to_string()).collect();
        names.extend(themes_dir.map(custom_names).unwrap_or_default());
        let expected = match themes_dir {
            Some(dir) => format!(
                "{}, a NAME.toml in {} or a theme file's path",
                names.join(", "),
                crate::text::display_path(dir)
            ),
            None => format!("{} or a theme file's path", names.join(", ")),
        };
        Err(crate::Error::NotOneOf { what: "theme", value: spec.to_string(), expected })
    }

    /// Reads a theme file (a regular file of at most [`MAX_THEME_BYTES`]).
    pub fn from_file(path: &Path, no_color: bool) -> crate::Result<Theme> {
        let shown = crate::text::display_path(path);
        let too_big = || format!("is over {} KiB; a theme file holds eighteen colours", MAX_THEME_BYTES >> 10);
        let bytes = crate::files::read_bounded(path, MAX_THEME_BYTES, &too_big)
            .map_err(|e| crate::Error::invalid(format!("theme {e}")))?;
        let text =
            String::from_utf8(bytes).map_err(|_| crate::Error::invalid(format!("theme {shown}: is not UTF-8 text")))?;
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
        parse_source(&text, &shown, stem, no_color)
    }

    fn fg(&self, meaning: &str) -> Style {
        if self.no_color {
            return Style::default();
        }
        Style::default().fg(self.colors.get(meaning).copied().unwrap_or(Color::Reset))
    }

    pub fn text(&self) -> Style {
        self.fg("text")
    }
    pub fn muted(&self) -> Style {
        self.fg("muted").add_modifier(if self.no_color { Modifier::DIM } else { Modifier::empty() })
    }
    pub fn title(&self) -> Style {
        self.fg("title").add_modifier(Modifier::BOLD)
    }
    pub fn accent(&self) -> Style {
        self.fg("accent")
    }
    pub fn danger(&self) -> Style {
        self.fg("danger").add_modifier(Modifier::BOLD)
    }
    pub fn warning(&self) -> Style {
        self.fg("warning")
    }
    pub fn ok(&self) -> Style {
        self.fg("ok")
    }
    pub fn info(&self) -> Style {
        self.fg("info")
    }
    pub fn border(&self, focused: bool) -> Style {
        self.fg(if focused { "border_focused" } else { "border" })
    }
    pub fn selected(&self) -> Style {
        if self.no_color {
            return Style::default().add_modifier(Modifier::REVERSED);
        }
        Style::default().fg(self.colors["selected_fg"]).bg(self.colors["selected_bg"])
    }
    pub fn status_bar(&self) -> Style {
        if self.no_color {
            return Style::default().add_modifier(Modifier::REVERSED);
        }
        Style::default().fg(self.colors["status_bar_fg"]).bg(self.colors["status_bar_bg"])
    }
    pub fn risk(&self, band: RiskBand) -> Style {
        let style = self.fg(match band {
            RiskBand::Low => "risk_low",
            RiskBand::Elevated => "risk_elevated",
            RiskBand::High => "risk_high",
            RiskBand::Critical => "risk_critical",
        });
        if band >= RiskBand::High { style.add_modifier(Modifier::BOLD) } else { style }
    }
    pub fn mark(&self, state: MarkState) -> Style {
        match state {
            MarkState::Open => self.muted(),
            MarkState::Flagged => self.danger(),
            MarkState::Clear => self.ok(),
            MarkState::Na => self.info(),
        }
    }
    pub fn control(&self, state: ControlState) -> Style {
        match state {
            ControlState::Open => self.muted(),
            ControlState::Gap => self.danger(),
            ControlState::InPlace => self.ok(),
            ControlState::Na => self.info(),
        }
    }
}

/// Parses theme text; `origin` names it in errors ("built-in" or the file's path), with the line.
fn parse_source(text: &str, origin: &str, stem: Option<String>, no_color: bool) -> crate::Result<Theme> {
    let at = |line: usize, message: String| crate::Error::invalid(format!("theme {origin}: line {line}: {message}"));
    let file: ThemeFile = toml::from_str(text).map_err(|e| {
        let message = e.message().trim().replace('\n', " ");
        at(e.span().map_or(1, |s| line_of(text, s.start)), message)
    })?;
    let name = file.name.clone().or(stem).unwrap_or_else(|| "custom".into());
    if let Some(extra) = file.colors.keys().find(|k| !MEANINGS.contains(&k.get_ref().as_str())) {
        let known = MEANINGS.join(", ");
        return Err(at(
            line_of(text, extra.span().start),
            format!("unknown meaning {:?} (known: {known})", extra.get_ref()),
        ));
    }
    let mut colors = BTreeMap::new();
    for meaning in MEANINGS {
        let Some(value) = file.colors.get(*meaning) else {
            let table = text.lines().position(|l| l.trim() == "[colors]").map_or(1, |i| i + 1);
            return Err(at(table, format!("[colors] gives no colour for {meaning}")));
        };
        let color = parse_color(value.get_ref()).map_err(|e| at(line_of(text, value.span().start), e.to_string()))?;
        colors.insert((*meaning).to_string(), color);
    }
    Ok(Theme { name, colors, no_color })
}

/// The 1-based line of byte `offset` in `text`.
fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())].iter().filter(|b| **b == b'\n').count() + 1
}

/// The theme names found as `NAME.toml` in `dir`, sorted.
fn custom_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.strip_suffix(".toml").map(str::to_string))
        .filter(|n| !n.starts_with('.') && !BUILTIN.iter().any(|(b, _)| b == n))
        .collect();
    names.sort();
    names
}

fn parse_color(value: &str) -> crate::Result<Color> {
    let v = value.trim().to_lowercase();
    if let Some(hex) = v.strip_prefix('#')
        && hex.len() == 6
        && let Ok(n) = u32::from_str_radix(hex, 16)
    {
        let [_, r, g, b] = n.to_be_bytes();
        return Ok(Color::Rgb(r, g, b));
    }
    Ok(match v.as_str() {
        "reset" => Color::Reset,
        "black" => Color::Black,
        "red" => Color::Red,
        "green" => Color::Green,
        "yellow" => Color::Yellow,
        "blue" => Color::Blue,
        "magenta" => Color::Magenta,
        "cyan" => Color::Cyan,
        "gray" => Color::Gray,
        "dark-gray" => Color::DarkGray,
        "light-red" => Color::LightRed,
        "light-green" => Color::LightGreen,
        "light-yellow" => Color::LightYellow,
        "light-blue" => Color::LightBlue,
        "light-magenta" => Color::LightMagenta,
        "light-cyan" => Color::LightCyan,
        "white" => Color::White,
        _ => return Err(crate::Error::invalid(format!("unknown colour {value:?} (a colour name or \"#rrggbb\")"))),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_theme_gives_every_meaning() {
        for (name, _) in BUILTIN {
            let theme = Theme::named(name, false).unwrap();
            assert_eq!(&theme.name, name);
        }
    }

    #[test]
    fn no_color_keeps_selection_visible_without_colour() {
        let theme = Theme::named("dark", true).unwrap();
        assert_eq!(theme.danger().fg, None);
        assert!(theme.selected().add_modifier.contains(Modifier::REVERSED));
    }

    #[test]
    fn bad_themes_are_named() {
        assert!(Theme::named("neon", false).unwrap_err().to_string().contains("dark, light, high-contrast"));
        let missing = "name = \"x\"\n[colors]\ntext = \"red\"\n";
        assert!(Theme::parse(missing, false).unwrap_err().to_string().contains("no colour for"));
        assert_eq!(parse_color("#ff8000").unwrap(), Color::Rgb(255, 128, 0));
        assert!(parse_color("ultraviolet").is_err());
    }

    #[test]
    fn theme_files_load_by_path_or_name_and_errors_name_the_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let dark = BUILTIN[0].1;
        let own = dark.replace("name = \"dark\"\n", "").replace("\"cyan\"", "\"#00aaff\"");
        let path = dir.path().join("ocean.toml");
        std::fs::write(&path, &own).unwrap();
        let theme = Theme::load(path.to_str().unwrap(), None, false).unwrap();
        assert_eq!(theme.name, "ocean", "the file's name stands in for a missing name");
        assert_eq!(theme.accent().fg, Some(Color::Rgb(0, 0xaa, 0xff)));
        assert_eq!(Theme::load("ocean", Some(dir.path()), false).unwrap(), theme);
        assert_eq!(Theme::load("light", Some(dir.path()), false).unwrap().name, "light", "built-ins first");
        let err = Theme::load("sea", Some(dir.path()), false).unwrap_err().to_string();
        assert!(err.contains("dark, light, high-contrast, ocean, a NAME.toml in"), "{err}");

        let line = |text: &str| -> String {
            std::fs::write(&path, text).unwrap();
            Theme::load(path.to_str().unwrap(), None, false).unwrap_err().to_string()
        };
        let shown = path.display().to_string();
        let number = |key: &str| own.lines().position(|l| l.starts_with(key)).unwrap() + 1;
        let err = line(&own.replace("ok = \"light-green\"", "ok = \"mauve\""));
        assert_eq!(
            err,
            format!("theme {shown}: line {}: unknown colour \"mauve\" (a colour name or \"#rrggbb\")", number("ok ="))
        );
        let err = line(&own.replace("warning = \"yellow\"", "warning = yellow"));
        assert!(err.starts_with(&format!("theme {shown}: line {}: ", number("warning ="))), "{err}");
        let err = line(&own.replace("info =", "glow ="));
        assert!(
            err.starts_with(&format!("theme {shown}: line {}: unknown meaning \"glow\"", number("info ="))),
            "{err}"
        );
        let err = line(&own.replace("danger = \"light-red\"\n", ""));
        assert!(err.ends_with("[colors] gives no colour for danger"), "{err}");
        let err = Theme::load(dir.path().join("none.toml").to_str().unwrap(), None, false).unwrap_err().to_string();
        assert!(err.starts_with("theme ") && err.contains("none.toml"), "{err}");
    }
}

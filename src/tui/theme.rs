//! Themes: screens ask for meanings (`danger`, `muted`, `selected`…); a theme file in `themes/` maps each
//! meaning to a colour. `NO_COLOR` keeps the meanings but drops every colour, leaving bold, dim and
//! reverse video.

use std::collections::BTreeMap;

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;

use crate::domain::{ControlState, MarkState, RiskBand};

/// The themes built into the binary, by name.
pub const BUILTIN: &[(&str, &str)] = &[
    ("dark", include_str!("../../themes/dark.toml")),
    ("light", include_str!("../../themes/light.toml")),
    ("high-contrast", include_str!("../../themes/high-contrast.toml")),
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeFile {
    name: String,
    colors: BTreeMap<String, String>,
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

    pub fn parse(text: &str, no_color: bool) -> crate::Result<Theme> {
        let file: ThemeFile =
            toml::from_str(text).map_err(|e| crate::Error::invalid(format!("theme: {}", e.message())))?;
        let mut colors = BTreeMap::new();
        for meaning in MEANINGS {
            let value = file
                .colors
                .get(*meaning)
                .ok_or_else(|| crate::Error::invalid(format!("theme {}: no colour for {meaning}", file.name)))?;
            colors.insert((*meaning).to_string(), parse_color(value)?);
        }
        if let Some(extra) = file.colors.keys().find(|k| !MEANINGS.contains(&k.as_str())) {
            return Err(crate::Error::invalid(format!("theme {}: unknown meaning {extra}", file.name)));
        }
        Ok(Theme { name: file.name, colors, no_color })
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
        _ => return Err(crate::Error::invalid(format!("theme: unknown colour {value:?}"))),
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
}

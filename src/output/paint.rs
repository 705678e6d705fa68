//! Colour without global state: a piece of text painted only when the output it goes to was
//! judged to take colour (`--color`, `NO_COLOR`, a terminal). The escape codes come from
//! `colored`'s colour table; its process-wide switch is never used.

use std::fmt;

use colored::Color;

/// Text with a colour and weight, written plain when colour is off.
#[derive(Debug, Clone)]
pub struct Painted {
    text: String,
    fg: Option<Color>,
    bold: bool,
    on: bool,
}

impl Painted {
    pub fn new(text: impl Into<String>, on: bool) -> Painted {
        Painted {
            text: text.into(),
            fg: None,
            bold: false,
            on,
        }
    }

    pub fn red(self) -> Painted {
        self.fg(Color::Red)
    }
    pub fn green(self) -> Painted {
        self.fg(Color::Green)
    }
    pub fn yellow(self) -> Painted {
        self.fg(Color::Yellow)
    }
    pub fn cyan(self) -> Painted {
        self.fg(Color::Cyan)
    }
    pub fn magenta(self) -> Painted {
        self.fg(Color::Magenta)
    }
    pub fn bold(mut self) -> Painted {
        self.bold = true;
        self
    }

    fn fg(mut self, c: Color) -> Painted {
        self.fg = Some(c);
        self
    }
}

impl fmt::Display for Painted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.on || (self.fg.is_none() && !self.bold) {
            return f.write_str(&self.text);
        }
        let mut codes: Vec<String> = Vec::new();
        if self.bold {
            codes.push("1".into());
        }
        if let Some(c) = self.fg {
            codes.push(c.to_fg_str().into_owned());
        }
        write!(f, "\x1b[{}m{}\x1b[0m", codes.join(";"), self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn painted_only_when_on() {
        assert_eq!(Painted::new("OK", false).green().bold().to_string(), "OK");
        assert_eq!(
            Painted::new("OK", true).green().bold().to_string(),
            "\x1b[1;32mOK\x1b[0m"
        );
        assert_eq!(Painted::new("x", true).to_string(), "x");
    }
}

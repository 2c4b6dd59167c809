//! How one translated string or list is put in place of its source: the translation must
//! still fit (the same numbers, decimals written the language's way), else the source text
//! stays and is counted as missing, at the file:line:col of the source string.

use super::{Missing, Overlay};
use crate::diag::Diagnostic;
use crate::load::Source;
use std::ops::Range;
use toml::Spanned;

/// The overlay being filled, and the language's decimal separator when known.
pub(super) struct Cx<'a> {
    pub(super) overlay: &'a mut Overlay,
    pub(super) decimal: Option<&'a str>,
}

/// Where a source string lives: its file and the span of the entry it is in.
pub(super) struct At<'a> {
    pub(super) source: &'a Source,
    pub(super) span: Range<usize>,
    pub(super) program: Option<String>,
    pub(super) exercise: Option<String>,
    pub(super) prefix: String,
}

impl At<'_> {
    pub(super) fn within(&self, span: Range<usize>) -> At<'_> {
        At {
            source: self.source,
            span,
            program: self.program.clone(),
            exercise: self.exercise.clone(),
            prefix: self.prefix.clone(),
        }
    }
}

impl Cx<'_> {
    fn missing(&mut self, at: &At, what: &str, text: &str) {
        if text.trim().is_empty() {
            return;
        }
        let offset = locate(&at.source.text, at.span.clone(), text);
        let (line, col) = crate::diag::line_col(&at.source.text, offset);
        self.overlay.missing.push(Missing {
            file: at.source.name.clone(),
            line,
            col,
            what: format!("{}{what}", at.prefix),
            text: text.to_string(),
            program: at.program.clone(),
            exercise: at.exercise.clone(),
        });
    }

    /// One string: replaced when the translation fits, else counted as missing.
    pub(super) fn one(
        &mut self,
        at: &At,
        what: &str,
        target: &mut String,
        tr: Option<(&Source, &Spanned<String>)>,
    ) {
        if target.trim().is_empty() {
            return;
        }
        match tr {
            Some((s, t)) if self.fits(s, t.span(), target, t.get_ref()) => {
                *target = t.get_ref().clone();
                self.overlay.translated += 1;
            }
            _ => {
                let text = target.clone();
                self.missing(at, what, &text);
            }
        }
    }

    pub(super) fn opt(
        &mut self,
        at: &At,
        what: &str,
        target: &mut Option<String>,
        tr: Option<(&Source, &Spanned<String>)>,
    ) {
        if let Some(t) = target {
            self.one(at, what, t, tr);
        }
    }

    /// A list: replaced whole when the translation has as many entries and each fits.
    pub(super) fn list(
        &mut self,
        at: &At,
        what: &str,
        target: &mut Vec<String>,
        tr: Option<(&Source, &Spanned<Vec<String>>)>,
    ) {
        if target.is_empty() {
            return;
        }
        if let Some((s, t)) = tr {
            if t.get_ref().len() != target.len() {
                self.overlay.warnings.push(
                    Diagnostic::at(
                        &s.name,
                        &s.text,
                        t.span(),
                        format!(
                            "`{what}` has {} entries here but {} in the source; the source's are used",
                            t.get_ref().len(),
                            target.len()
                        ),
                    )
                    .hint("translate the source's list entry by entry, in its order"),
                );
            } else if target
                .iter()
                .zip(t.get_ref())
                .all(|(a, b)| self.fits(s, t.span(), a, b))
            {
                self.overlay.translated += target.len();
                *target = t.get_ref().clone();
                return;
            }
        }
        for (i, text) in target.iter().enumerate() {
            self.missing(at, &format!("{what}[{}]", i + 1), text);
        }
    }

    /// Whether a translation still fits its source: the same numbers, and decimals written
    /// the language's way. A misfit is a warning at the translation.
    fn fits(&mut self, s: &Source, span: Range<usize>, source: &str, tr: &str) -> bool {
        if tr.trim().is_empty() {
            return false;
        }
        let (a, b) = (numbers(source), numbers(tr));
        // Every number of the translation must be one of the source's (a unit the language
        // does not use, such as pounds next to kilograms, may be left out).
        let mut left = a.clone();
        let fits = b.iter().all(|n| match left.iter().position(|m| m == n) {
            Some(i) => {
                left.remove(i);
                true
            }
            None => false,
        });
        if !fits {
            self.overlay.warnings.push(
                Diagnostic::at(
                    &s.name,
                    &s.text,
                    span,
                    format!(
                        "the numbers differ from the source's ({} here, {} in {:?}); the source text is used",
                        show(&b),
                        show(&a),
                        clip(source, 60)
                    ),
                )
                .hint("a dose or a limit may have changed in the source: translate the source text again"),
            );
            return false;
        }
        if self.decimal == Some(",") {
            if let Some(d) = point_decimal(tr) {
                self.overlay.warnings.push(
                    Diagnostic::at(
                        &s.name,
                        &s.text,
                        span,
                        format!(
                            "`{d}` is written with a point; {} writes decimals with a comma",
                            self.overlay.language
                        ),
                    )
                    .hint(format!("write `{}`", d.replace('.', ","))),
                );
            }
        }
        true
    }
}

fn show(ns: &[String]) -> String {
    if ns.is_empty() {
        "none".into()
    } else {
        ns.join(", ")
    }
}

fn clip(s: &str, n: usize) -> String {
    let mut out: String = s.chars().take(n).collect();
    if s.chars().count() > n {
        out.push('…');
    }
    out
}

/// The numbers in a text, in order, decimals with a point ("1,6" and "1.6" are both "1.6").
fn numbers(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let mut n = String::new();
            while i < chars.len() {
                let c = chars[i];
                if c.is_ascii_digit() {
                    n.push(c);
                } else if (c == '.' || c == ',')
                    && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit())
                    && !n.contains('.')
                {
                    n.push('.');
                } else {
                    break;
                }
                i += 1;
            }
            out.push(n);
        } else {
            i += 1;
        }
    }
    out.sort();
    out
}

/// The first "1.6"-style decimal in a text.
fn point_decimal(s: &str) -> Option<String> {
    let b = s.as_bytes();
    for i in 1..b.len().saturating_sub(1) {
        if b[i] == b'.' && b[i - 1].is_ascii_digit() && b[i + 1].is_ascii_digit() {
            let start = (0..i).rev().take_while(|&j| b[j].is_ascii_digit()).last()?;
            let end = (i + 1..b.len())
                .take_while(|&j| b[j].is_ascii_digit())
                .last()?;
            return Some(s[start..=end].to_string());
        }
    }
    None
}

/// The byte offset of a string's opening quote in the file, searched within `span` (the entry
/// it belongs to), else in the whole file, else the entry's start.
fn locate(text: &str, span: Range<usize>, s: &str) -> usize {
    let first = s.lines().next().unwrap_or(s);
    let needle: String = first
        .chars()
        .take(40)
        .collect::<String>()
        .replace('\\', "\\\\")
        .replace('"', "\\\"");
    let end = span.end.min(text.len());
    let start = span.start.min(end);
    // A match counts only where a string starts: after a quote, or on the line after `"""`
    // (so a comment that repeats the text is skipped).
    let opens = |i: &usize| {
        let before = &text[..*i];
        before.ends_with('"') || before.ends_with('\'') || before.ends_with("\"\"\"\n")
    };
    let find_in = |from: usize, to: usize| {
        text.get(from..to).and_then(|t| {
            t.match_indices(&needle)
                .map(|(i, _)| i + from)
                .find(|i| opens(i))
        })
    };
    match find_in(start, end).or_else(|| find_in(0, text.len())) {
        Some(i) => {
            if text[..i].ends_with("\"\"\"\n") {
                return i - 4;
            }
            let quotes = text[..i]
                .bytes()
                .rev()
                .take(3)
                .take_while(|&c| c == b'"' || c == b'\'')
                .count();
            i - quotes
        }
        None => start,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_decimals_either_way() {
        assert_eq!(numbers("3 x 10, 1.6 km"), vec!["1.6", "10", "3"]);
        assert_eq!(numbers("3 × 10, 1,6 km"), vec!["1.6", "10", "3"]);
        assert_eq!(numbers("Ja, 5 Sekunden"), vec!["5"]);
        assert_eq!(numbers("no numbers"), Vec::<String>::new());
    }

    #[test]
    fn a_point_decimal_is_found() {
        assert_eq!(point_decimal("etwa 1.6 km"), Some("1.6".into()));
        assert_eq!(point_decimal("etwa 1,6 km. Dann 3."), None);
    }

    #[test]
    fn locate_finds_the_opening_quote() {
        let text = "a = 1\nname = \"Clam \\\"shell\\\"\"\n";
        assert_eq!(locate(text, 0..text.len(), "Clam \"shell\""), 13);
        let text = "d = \"\"\"\nLong text\"\"\"\n";
        assert_eq!(locate(text, 0..text.len(), "Long text"), 4);
        // Not in a comment that repeats it.
        let text = "# Wall sit: a test\ntitle = \"Wall sit\"\n";
        assert_eq!(locate(text, 0..text.len(), "Wall sit"), 27);
    }
}

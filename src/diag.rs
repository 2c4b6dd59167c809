//! Diagnostics: one problem in one input file, with its place (file:line:col) and a hint.
//!
//! Every layer that reads user input (load, validate, templates) reports problems as
//! [`Diagnostic`]s, so that `validate` can print all of them at once, sorted, in one format:
//!
//! ```text
//! error: programs/pfps.toml:12:13: unknown exercise id `clamshel`
//!    |
//! 12 | exercise = "clamshel"
//!    |            ^^^^^^^^^^
//!   hint: did you mean `clamshell`?
//! ```
//!
//! The first line stays greppable (`file:line:col: message`); the source line with a caret
//! under the problem ([`render`], drawn by annotate-snippets as cargo's are) follows when the
//! file can still be read, and the hint comes last.

use std::fmt;
use std::ops::Range;

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file as the user named it (or `builtin:programs/pfps.toml` for embedded files).
    pub file: String,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column (in characters); 0 when unknown.
    pub col: usize,
    pub message: String,
    /// How to fix it. Empty when there is nothing useful to add.
    pub hint: String,
}

impl Diagnostic {
    /// A problem at a byte span of `source`.
    pub fn at(file: &str, source: &str, span: Range<usize>, message: impl Into<String>) -> Self {
        let (line, col) = line_col(source, span.start);
        Diagnostic {
            file: file.to_string(),
            line,
            col,
            message: message.into(),
            hint: String::new(),
        }
    }

    /// A problem with the whole file (missing, unreadable, wrong kind).
    pub fn file(file: &str, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.to_string(),
            line: 0,
            col: 0,
            message: message.into(),
            hint: String::new(),
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = hint.into();
        self
    }

    /// Sort key: file, then line, then column.
    pub fn sort_all(diags: &mut [Diagnostic]) {
        diags.sort_by(|a, b| {
            (&a.file, a.line, a.col, &a.message).cmp(&(&b.file, b.line, b.col, &b.message))
        });
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(
                f,
                "{}:{}:{}: {}",
                self.file, self.line, self.col, self.message
            )?;
        } else {
            write!(f, "{}: {}", self.file, self.message)?;
        }
        if !self.hint.is_empty() {
            write!(f, "\n  hint: {}", self.hint)?;
        }
        Ok(())
    }
}

/// How a diagnostic is printed: its first word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// The full text of one diagnostic: `error: file:line:col: message`, then, when `source` (the
/// file's text) is given and holds the line, that line with a caret under the problem, then
/// `  hint: ...`. With `color`, the word `error:`/`warning:`, `hint:` and the snippet are
/// coloured. Always ends with a newline.
pub fn render(d: &Diagnostic, severity: Severity, source: Option<&str>, color: bool) -> String {
    let (word, paint) = match severity {
        Severity::Error => ("error:", "\x1b[1;31m"),
        Severity::Warning => ("warning:", "\x1b[1;33m"),
    };
    let mut out = if color {
        format!("{paint}{word}\x1b[0m ")
    } else {
        format!("{word} ")
    };
    let mut shown = d.clone();
    shown.hint.clear();
    out.push_str(&shown.to_string());
    out.push('\n');
    if let Some(snippet) = source.and_then(|s| snippet(d, severity, s, color)) {
        out.push_str(&snippet);
    }
    if !d.hint.is_empty() {
        if color {
            out.push_str("  \x1b[1mhint:\x1b[0m ");
        } else {
            out.push_str("  hint: ");
        }
        out.push_str(&d.hint);
        out.push('\n');
    }
    out
}

/// The source line of `d` with a caret under the problem (the gutter, the line, the carets),
/// or `None` when the diagnostic has no place or the line is not in `source` (the file changed).
fn snippet(d: &Diagnostic, severity: Severity, source: &str, color: bool) -> Option<String> {
    use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
    if d.line == 0 || d.col == 0 {
        return None;
    }
    let text = source.split('\n').nth(d.line - 1)?.trim_end_matches('\r');
    // Column in characters to a byte offset; one past the end points at the line's end.
    let start = match text.char_indices().nth(d.col - 1) {
        Some((i, _)) => i,
        None if text.chars().count() + 1 == d.col => text.len(),
        None => return None,
    };
    let end = start + token_len(&text[start..]);
    let level = match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let report = [Group::with_level(level).element(
        Snippet::source(text)
            .line_start(d.line)
            .annotation(AnnotationKind::Primary.span(start..end)),
    )];
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut drawn = renderer.render(&report);
    // The renderer opens with a gutter line and ends without a newline.
    drawn.push('\n');
    Some(drawn)
}

/// The length in bytes of the TOML token `rest` starts with: a quoted string (to its closing
/// quote), a `[table]` header or an array or inline table (to its matching bracket on this
/// line), else a bare key or value (up to a space, `=`, `,` or a closing bracket). At least
/// one character, so that a caret is always drawn.
fn token_len(rest: &str) -> usize {
    let mut chars = rest.char_indices();
    let Some((_, first)) = chars.next() else {
        return 0;
    };
    let end = match first {
        '"' | '\'' => {
            let mut escaped = false;
            let mut end = None;
            for (i, c) in chars {
                if escaped {
                    escaped = false;
                } else if c == '\\' && first == '"' {
                    escaped = true;
                } else if c == first {
                    end = Some(i + c.len_utf8());
                    break;
                }
            }
            end
        }
        '[' | '{' => {
            let close = if first == '[' { ']' } else { '}' };
            let mut depth = 0usize;
            let mut end = None;
            for (i, c) in rest.char_indices() {
                if c == first {
                    depth += 1;
                } else if c == close {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        end = Some(i + 1);
                        break;
                    }
                }
            }
            end
        }
        _ => Some(
            rest.char_indices()
                .find(|&(_, c)| c.is_whitespace() || matches!(c, '=' | ',' | ']' | '}' | '#'))
                .map_or(rest.len(), |(i, _)| i),
        ),
    };
    end.unwrap_or_else(|| rest.trim_end().len())
        .max(first.len_utf8())
}

/// 1-based line and column (counted in characters) of a byte offset.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let col = source[line_start..offset].chars().count() + 1;
    (line, col)
}

/// The candidate closest to `word` by edit distance, if it is close enough to be a likely typo.
pub fn did_you_mean<'a, I>(word: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let mut best: Option<(usize, &'a str)> = None;
    for cand in candidates {
        let d = edit_distance(word, cand);
        let limit = (word.chars().count().max(cand.chars().count()) / 3).max(1);
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, cand));
        }
    }
    best.map(|(_, c)| c)
}

/// A "did you mean `x`?" hint, or a fallback hint when nothing is close.
pub fn suggest<'a, I>(word: &str, candidates: I, fallback: &str) -> String
where
    I: IntoIterator<Item = &'a str>,
{
    match did_you_mean(word, candidates) {
        Some(c) => format!("did you mean `{c}`?"),
        None => fallback.to_string(),
    }
}

/// Edit distance counting a swap of two neighbouring letters as one edit (optimal string
/// alignment), the commonest typo: `cuase` is one edit from `cause`.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()]
}

/// A key or value as written in the file, without its quotes.
pub fn unquoted(written: &str) -> &str {
    let w = written.trim();
    for q in ['"', '\''] {
        if let Some(inner) = w.strip_prefix(q).and_then(|r| r.strip_suffix(q)) {
            return inner;
        }
    }
    w
}

/// Whether `written` (the text at an error's span) is a TOML integer that does not fit in
/// 64 bits: read from the file, not from the error's wording.
pub fn is_too_large_integer(written: &str) -> bool {
    let w = written.trim().replace('_', "");
    let digits = w.strip_prefix(['+', '-']).unwrap_or(&w);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) && w.parse::<i64>().is_err()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let src = "a = 1\nnäme = \"x\"\n";
        let off = src.find('=').unwrap();
        assert_eq!(line_col(src, off), (1, 3));
        let off = src.rfind('=').unwrap();
        assert_eq!(line_col(src, off), (2, 6));
    }

    #[test]
    fn suggests_close_ids_only() {
        let ids = ["clamshell", "glute-bridge", "side-plank"];
        assert_eq!(did_you_mean("clamshel", ids), Some("clamshell"));
        assert_eq!(did_you_mean("squat", ids), None);
        assert_eq!(did_you_mean("calmshell", ids), Some("clamshell"));
    }

    #[test]
    fn render_shows_the_line_with_a_caret_under_the_token() {
        let src = "id = \"p\"\n[[phase]]\nweeks = \"6 to 8\"\nsets = 0 # none\n";
        let d = |line, col| Diagnostic {
            file: "p.toml".into(),
            line,
            col,
            message: "bad".into(),
            hint: "fix it".into(),
        };
        assert_eq!(
            render(&d(3, 9), Severity::Error, Some(src), false),
            "error: p.toml:3:9: bad\n  |\n3 | weeks = \"6 to 8\"\n  |         ^^^^^^^^\n  hint: fix it\n"
        );
        assert_eq!(
            render(&d(2, 1), Severity::Warning, Some(src), false),
            "warning: p.toml:2:1: bad\n  |\n2 | [[phase]]\n  | ^^^^^^^^^\n  hint: fix it\n"
        );
        assert_eq!(
            render(&d(4, 8), Severity::Error, Some(src), false),
            "error: p.toml:4:8: bad\n  |\n4 | sets = 0 # none\n  |        ^\n  hint: fix it\n"
        );
        // No source (a built-in file), no place, or a line the file no longer has: no snippet.
        let plain = "error: p.toml:3:9: bad\n  hint: fix it\n";
        assert_eq!(render(&d(3, 9), Severity::Error, None, false), plain);
        assert_eq!(
            render(&d(3, 9), Severity::Error, Some("a = 1\n"), false),
            plain
        );
        assert_eq!(
            render(&d(0, 0), Severity::Error, Some(src), false),
            "error: p.toml: bad\n  hint: fix it\n"
        );
        // In colour: the word, the hint and the snippet are painted; the text is the same.
        let painted = render(&d(3, 9), Severity::Error, Some(src), true);
        assert!(painted.starts_with("\x1b[1;31merror:\x1b[0m p.toml:3:9: bad\n"));
        assert!(painted.contains("weeks = \"6 to 8\""), "{painted:?}");
        assert!(painted.contains("\x1b[1mhint:\x1b[0m fix it\n"));
    }

    #[test]
    fn token_len_covers_strings_brackets_and_bare_words() {
        assert_eq!(token_len("\"a \\\" b\" = 1"), 8);
        assert_eq!(token_len("[[phase.slot]]\n"), 14);
        assert_eq!(token_len("{ a = [1, 2] }, x"), 14);
        assert_eq!(token_len("categroy = 1"), 8);
        assert_eq!(token_len("\"never closed  "), 13);
        assert_eq!(token_len("=x"), 1);
        assert_eq!(token_len(""), 0);
    }

    #[test]
    fn display_has_place_and_hint() {
        let d = Diagnostic {
            file: "a.toml".into(),
            line: 3,
            col: 7,
            message: "bad".into(),
            hint: "fix it".into(),
        };
        assert_eq!(d.to_string(), "a.toml:3:7: bad\n  hint: fix it");
    }
}

//! Diagnostics: one problem in one input file, with its place (file:line:col) and a hint.
//!
//! Every layer that reads user input (load, validate, templates) reports problems as
//! [`Diagnostic`]s, so that `validate` can print all of them at once, sorted, in one format:
//!
//! ```text
//! programs/pfps.toml:12:13: error: unknown exercise id `clamshel`
//!   hint: did you mean `clamshell`?
//! ```

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

//! How one `[text]` key is read: its placeholders, whether it may be empty, and how a missing
//! key falls back to the template it extends.
//!
//! The `wording!` macro in `wording/mod.rs` declares every key once; this module holds the
//! machinery it expands to: [`Spec`] (what a key allows), the [`Field`] trait (one impl per
//! value shape: a sentence, a list, the 7 weekdays, the 12 months) and [`Cx`], which collects
//! [`Diagnostic`]s with file:line:col.

use crate::diag::{suggest, Diagnostic};
use std::ops::Range;
use toml::Spanned;

/// What a `[text]` key allows.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    /// The key, as written in `[text]`.
    pub key: &'static str,
    /// Placeholders the sentence may use, e.g. `{page}`.
    pub allow: &'static [&'static str],
    /// Placeholders it must use (a translation that drops a number would print a wrong sentence).
    pub require: &'static [&'static str],
    /// True when the text may be empty ("" prints nothing).
    pub may_be_empty: bool,
    /// What the key is for (its doc comment), for `docs/templates.md` and error hints.
    pub help: &'static str,
    /// The value is a list of strings (else one string).
    pub list: bool,
}

impl Spec {
    pub const DEFAULT: Spec = Spec {
        key: "",
        allow: &[],
        require: &[],
        may_be_empty: false,
        help: "",
        list: false,
    };
}

/// The parse context: the file being read and the problems found so far.
pub struct Cx<'a> {
    pub file: &'a str,
    pub source: &'a str,
    pub diags: Vec<Diagnostic>,
}

impl<'a> Cx<'a> {
    pub fn new(file: &'a str, source: &'a str) -> Self {
        Cx {
            file,
            source,
            diags: Vec::new(),
        }
    }

    pub fn at(&mut self, span: Range<usize>, message: impl Into<String>, hint: impl Into<String>) {
        self.diags
            .push(Diagnostic::at(self.file, self.source, span, message).hint(hint));
    }

    pub fn whole_file(&mut self, message: impl Into<String>, hint: impl Into<String>) {
        self.diags
            .push(Diagnostic::file(self.file, message).hint(hint));
    }

    /// The byte offset of character `index` (a byte index into the string's value) inside the
    /// source, when the string is a plain one-line basic or literal string without escapes;
    /// otherwise the start of the string.
    fn inner_offset(&self, span: &Range<usize>, value: &str, index: usize) -> usize {
        let raw = self.source.get(span.clone()).unwrap_or("");
        let plain = (raw.starts_with('"') && !raw.starts_with("\"\"\"") && !raw.contains('\\'))
            || (raw.starts_with('\'') && !raw.starts_with("'''"));
        if plain && raw.len() == value.len() + 2 {
            span.start + 1 + index
        } else {
            span.start
        }
    }

    /// Checks the `{placeholders}` of one sentence against `spec`.
    pub fn check_sentence(&mut self, spec: &Spec, what: &str, value: &Spanned<String>) -> bool {
        let span = value.span();
        let text = value.get_ref();
        let mut ok = true;
        if text.trim().is_empty() && !spec.may_be_empty {
            self.at(
                span.clone(),
                format!("`{what}` is empty"),
                "write the text to print here (every label of the printout needs wording)",
            );
            return false;
        }
        let found = match placeholders(text) {
            Ok(found) => found,
            Err((index, message)) => {
                let at = self.inner_offset(&span, text, index);
                self.at(
                    at..at + 1,
                    format!("`{what}`: {message}"),
                    "write a literal brace as `{{` or `}}`",
                );
                return false;
            }
        };
        for (name, index) in &found {
            if !spec.allow.contains(&name.as_str()) {
                let at = self.inner_offset(&span, text, *index);
                let hint = if spec.allow.is_empty() {
                    format!("`{what}` takes no placeholders; write a literal brace as `{{{{`")
                } else {
                    suggest(
                        name,
                        spec.allow.iter().copied(),
                        &format!("`{what}` can use {}", list_placeholders(spec.allow)),
                    )
                };
                self.at(
                    at..at + 1,
                    format!("unknown placeholder `{{{name}}}` in `{what}`"),
                    hint,
                );
                ok = false;
            }
        }
        for need in spec.require {
            if !found.iter().any(|(n, _)| n == need) {
                self.at(
                    span.clone(),
                    format!("`{what}` must contain the placeholder `{{{need}}}`"),
                    format!(
                        "the printout fills it in; `{what}` can use {}",
                        list_placeholders(spec.allow)
                    ),
                );
                ok = false;
            }
        }
        ok
    }
}

fn list_placeholders(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{{{n}}}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The placeholders of a sentence with their byte index, or the index and reason of a stray brace.
pub fn placeholders(text: &str) -> Result<Vec<(String, usize)>, (usize, String)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' if bytes.get(i + 1) == Some(&b'{') => i += 2,
            b'}' if bytes.get(i + 1) == Some(&b'}') => i += 2,
            b'{' => {
                let Some(len) = text[i + 1..].find('}') else {
                    return Err((i, "`{` without a closing `}`".to_string()));
                };
                let name = &text[i + 1..i + 1 + len];
                if name.is_empty()
                    || !name
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                {
                    return Err((
                        i,
                        format!("`{{{name}}}` is not a placeholder name (lowercase letters, digits and `_`)"),
                    ));
                }
                out.push((name.to_string(), i));
                i += len + 2;
            }
            b'}' => return Err((i, "`}` without an opening `{`".to_string())),
            _ => i += 1,
        }
    }
    Ok(out)
}

/// Fills `{name}` placeholders; `{{` and `}}` print single braces. Unknown names stay as written.
pub fn fill(pattern: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut rest = pattern;
    while let Some(i) = rest.find(['{', '}']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push_str(&tail[..1]);
            rest = &tail[2..];
        } else if tail.starts_with('{') {
            match tail.find('}') {
                Some(end) => {
                    let name = &tail[1..end];
                    match args.iter().find(|(n, _)| *n == name) {
                        Some((_, v)) => out.push_str(v),
                        None => out.push_str(&tail[..=end]),
                    }
                    rest = &tail[end + 1..];
                }
                None => {
                    out.push_str(tail);
                    rest = "";
                }
            }
        } else {
            out.push('}');
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

/// One value shape of a `[text]` key.
pub trait Field: Sized + Clone {
    /// What the TOML holds.
    type Raw;
    /// True when the TOML value is a list of strings (for the JSON Schema).
    const LIST: bool = true;
    /// The key's value: from the file when given, else from `base` (the template this one
    /// extends). `None` when it is invalid or missing with nothing to fall back on.
    fn resolve(
        raw: Option<Spanned<Self::Raw>>,
        base: Option<&Self>,
        spec: &Spec,
        cx: &mut Cx,
    ) -> Option<Self>;
}

fn missing<T>(spec: &Spec, cx: &mut Cx) -> Option<T> {
    cx.whole_file(
        format!("missing key `text.{}`", spec.key),
        format!(
            "add `{} = ...` to [text] ({})",
            spec.key,
            spec.help.trim().trim_end_matches('.')
        ),
    );
    None
}

impl Field for String {
    type Raw = String;
    const LIST: bool = false;
    fn resolve(
        raw: Option<Spanned<String>>,
        base: Option<&Self>,
        spec: &Spec,
        cx: &mut Cx,
    ) -> Option<Self> {
        match raw {
            Some(value) => {
                let what = format!("text.{}", spec.key);
                cx.check_sentence(spec, &what, &value)
                    .then(|| value.into_inner())
            }
            None => base.cloned().or_else(|| missing(spec, cx)),
        }
    }
}

impl Field for Vec<String> {
    type Raw = Vec<Spanned<String>>;
    fn resolve(
        raw: Option<Spanned<Self::Raw>>,
        base: Option<&Self>,
        spec: &Spec,
        cx: &mut Cx,
    ) -> Option<Self> {
        let Some(list) = raw else {
            return base.cloned().or_else(|| missing(spec, cx));
        };
        if list.get_ref().is_empty() && !spec.may_be_empty {
            cx.at(
                list.span(),
                format!("`text.{}` is empty", spec.key),
                "this list cannot be removed: give at least one line",
            );
            return None;
        }
        let mut ok = true;
        let mut out = Vec::new();
        for (i, item) in list.into_inner().into_iter().enumerate() {
            let what = format!("text.{}[{}]", spec.key, i + 1);
            let item_spec = Spec {
                may_be_empty: false,
                ..*spec
            };
            ok &= cx.check_sentence(&item_spec, &what, &item);
            out.push(item.into_inner());
        }
        ok.then_some(out)
    }
}

fn fixed<const N: usize>(
    raw: Option<Spanned<Vec<Spanned<String>>>>,
    base: Option<&[String; N]>,
    spec: &Spec,
    cx: &mut Cx,
    first: &str,
) -> Option<[String; N]> {
    let Some(list) = raw else {
        return base.cloned().or_else(|| missing(spec, cx));
    };
    let span = list.span();
    let items = list.into_inner();
    if items.len() != N {
        cx.at(
            span,
            format!(
                "`text.{}` needs exactly {N} names, found {}",
                spec.key,
                items.len()
            ),
            format!("list them in order, {first} first"),
        );
        return None;
    }
    let mut ok = true;
    let mut out: Vec<String> = Vec::with_capacity(N);
    for (i, item) in items.into_iter().enumerate() {
        let what = format!("text.{}[{}]", spec.key, i + 1);
        ok &= cx.check_sentence(
            &Spec {
                may_be_empty: false,
                allow: &[],
                require: &[],
                ..*spec
            },
            &what,
            &item,
        );
        out.push(item.into_inner());
    }
    if !ok {
        return None;
    }
    out.try_into().ok()
}

impl Field for [String; 7] {
    type Raw = Vec<Spanned<String>>;
    fn resolve(
        raw: Option<Spanned<Self::Raw>>,
        base: Option<&Self>,
        spec: &Spec,
        cx: &mut Cx,
    ) -> Option<Self> {
        fixed(raw, base, spec, cx, "Monday")
    }
}

impl Field for [String; 12] {
    type Raw = Vec<Spanned<String>>;
    fn resolve(
        raw: Option<Spanned<Self::Raw>>,
        base: Option<&Self>,
        spec: &Spec,
        cx: &mut Cx,
    ) -> Option<Self> {
        fixed(raw, base, spec, cx, "January")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_known_names_and_unescapes_braces() {
        assert_eq!(
            fill("page {page} of {pages}", &[("page", "2"), ("pages", "9")]),
            "page 2 of 9"
        );
        assert_eq!(fill("{{x}} {y}", &[("x", "no")]), "{x} {y}");
        assert_eq!(fill("open {", &[]), "open {");
    }

    #[test]
    fn placeholders_are_found_with_their_index() {
        assert_eq!(
            placeholders("a {b} {{c}} {d_e}").unwrap(),
            vec![("b".into(), 2), ("d_e".into(), 12)]
        );
        assert!(placeholders("a {b").is_err());
        assert!(placeholders("a }").is_err());
        assert!(placeholders("a {B}").is_err());
    }
}

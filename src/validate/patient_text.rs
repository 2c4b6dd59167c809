//! Patient-facing text speaks to the patient: no citations, sources or research talk.
//!
//! A program's title, summary, description, notes, goals, criteria, rules and loads, and an
//! exercise's name, instructions, cues, mistakes and caution, are printed on the patient's
//! pages. A research or provenance remark there reads as doubt about the treatment, so it
//! belongs in `rationale` (programs) or `source` (exercises), which only the therapist's
//! section prints. This check only warns: the file is still used.
//!
//! It reads each file again with spans for every value (`toml::de::DeTable`), so it knows the
//! place of each string without the raw types carrying spans for free text. The built-in files
//! are not checked at run time: a test keeps them clean.

use crate::diag::{line_col, Diagnostic};
use std::ops::Range;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// Keys whose text the patient reads, in a program file or an exercise library.
const PATIENT_KEYS: [&str; 27] = [
    // programs
    "title",
    "summary",
    "description",
    "location_note",
    "red_flags",
    // a red flag's printed sign, its question and why it needs a doctor (not its `rationale`)
    "sign",
    "question",
    "why",
    "note",
    "name",
    "goals",
    "progress_when",
    "load",
    "tempo",
    "entry_criteria",
    "rules",
    "effort",
    "what",
    "check",
    // a progress check's printed text (its `name` is above)
    "steps",
    "record",
    "unit",
    // exercises
    "muscles",
    "instructions",
    "cues",
    "mistakes",
    "caution_note",
];

/// Tables not searched: the references themselves, and figures (their own checks).
const SKIPPED: [&str; 2] = ["reference", "figure"];

/// Words that belong to the therapist's section (matched whole, in any case).
const WORDS: [&str; 8] = [
    "source",
    "sources",
    "trial",
    "trials",
    "study",
    "studies",
    "unverified",
    "evidence",
];

/// A reference a program may cite: its id and its first author's surname.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    pub id: String,
    /// The first word of the citation ("Hoglund" of "Hoglund LT, ..."), when it looks like a name.
    pub author: Option<String>,
}

impl Citation {
    pub fn new(id: &str, citation: &str) -> Self {
        let first = citation
            .split([' ', ','])
            .next()
            .unwrap_or("")
            .trim_end_matches('.');
        let name_like = first.chars().count() >= 3
            && first.chars().next().is_some_and(char::is_uppercase)
            && first
                .chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'');
        Citation {
            id: id.to_string(),
            author: name_like.then(|| first.to_string()),
        }
    }
}

/// Which kind of file is checked: it decides where the hint sends the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Program,
    Exercises,
}

/// Every patient-facing string of one file that names a reference or uses a research word:
/// one warning per string, at the first such word.
pub fn check(file: &str, text: &str, kind: FileKind, citations: &[Citation]) -> Vec<Diagnostic> {
    let Ok(doc) = DeTable::parse(text) else {
        // A file that does not parse already has its error.
        return Vec::new();
    };
    let mut found = Vec::new();
    walk_table(doc.get_ref(), &mut |key, value, span| {
        if let Some((at, what)) = first_hit(value, citations) {
            found.push((key.to_string(), span, value.to_string(), at, what));
        }
    });
    let target = match kind {
        FileKind::Program => "rationale",
        FileKind::Exercises => "source",
    };
    found
        .into_iter()
        .map(|(key, span, value, at, what)| {
            let offset = place_in_source(text, span.clone(), &value, at);
            let (line, col) = line_col(text, offset);
            Diagnostic {
                file: file.to_string(),
                line,
                col,
                message: format!("patient-facing `{key}` {what}"),
                hint: format!("move this to `{target}`, which only the therapist's section prints"),
            }
        })
        .collect()
}

/// Calls `f(key, string, span)` for every string under a patient-facing key.
fn walk_table(t: &DeTable<'_>, f: &mut dyn FnMut(&str, &str, Range<usize>)) {
    for (k, v) in t.iter() {
        let key = k.get_ref().as_ref();
        if SKIPPED.contains(&key) {
            continue;
        }
        if PATIENT_KEYS.contains(&key) {
            strings(key, v, f);
        } else {
            walk_value(v, f);
        }
    }
}

fn walk_value(v: &Spanned<DeValue<'_>>, f: &mut dyn FnMut(&str, &str, Range<usize>)) {
    match v.get_ref() {
        DeValue::Table(t) => walk_table(t, f),
        DeValue::Array(a) => {
            for item in a.iter() {
                walk_value(item, f);
            }
        }
        _ => {}
    }
}

fn strings(key: &str, v: &Spanned<DeValue<'_>>, f: &mut dyn FnMut(&str, &str, Range<usize>)) {
    match v.get_ref() {
        DeValue::String(s) => f(key, s, v.span()),
        DeValue::Array(a) => {
            for item in a.iter() {
                strings(key, item, f);
            }
        }
        // A table under a patient-facing key (none today): look inside it.
        DeValue::Table(t) => walk_table(t, f),
        _ => {}
    }
}

/// The first reference id, author or research word in `s`: its byte offset and what the
/// message says about it.
fn first_hit(s: &str, citations: &[Citation]) -> Option<(usize, String)> {
    let words = words(s);
    let mut hits: Vec<(usize, String)> = Vec::new();
    for c in citations {
        if let Some(at) = find_whole(s, &c.id, false) {
            hits.push((at, format!("names the reference `{}`", c.id)));
        }
        if let Some(a) = &c.author {
            if let Some(at) = find_whole(s, a, true) {
                hits.push((
                    at,
                    format!("names {a}, the first author of reference `{}`", c.id),
                ));
            }
        }
    }
    for (i, &(at, w)) in words.iter().enumerate() {
        let lower = w.to_lowercase();
        if WORDS.contains(&lower.as_str()) {
            hits.push((at, format!("uses the word \"{w}\"")));
        }
        if lower == "et"
            && words
                .get(i + 1)
                .is_some_and(|(_, n)| n.eq_ignore_ascii_case("al"))
        {
            hits.push((at, "uses the words \"et al.\"".to_string()));
        }
    }
    hits.into_iter().min_by_key(|(at, _)| *at)
}

/// The words of `s` (runs of letters and digits) with their byte offsets.
fn words(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(b)) => {
                out.push((b, &s[b..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(b) = start {
        out.push((b, &s[b..]));
    }
    out
}

/// The first occurrence of `needle` in `s` that is not part of a longer word.
fn find_whole(s: &str, needle: &str, case_sensitive: bool) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    let (hay, pat) = if case_sensitive {
        (s.to_string(), needle.to_string())
    } else {
        (s.to_lowercase(), needle.to_lowercase())
    };
    // Lowercasing may change byte lengths outside ASCII; then only the start of the string is
    // trusted for the place (the warning itself stays right).
    let same_len = hay.len() == s.len();
    let mut from = 0;
    while let Some(i) = hay[from..].find(&pat) {
        let at = from + i;
        let end = at + pat.len();
        let before = hay[..at].chars().next_back();
        let after = hay[end..].chars().next();
        if !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) {
            return Some(if same_len { at } else { 0 });
        }
        from = end;
    }
    None
}

/// The byte offset in the file of the word at `at` in the decoded string `value`: found in the
/// string's source text when it appears there as it is (no escapes in the way), otherwise the
/// start of the string.
fn place_in_source(text: &str, span: Range<usize>, value: &str, at: usize) -> usize {
    let Some(raw) = text.get(span.clone()) else {
        return span.start;
    };
    let word: String = value[at..]
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '-')
        .collect();
    // The same word as often before it in the value as in the source: count occurrences.
    let nth = value[..at].matches(word.as_str()).count();
    match raw.match_indices(word.as_str()).nth(nth) {
        Some((i, _)) if !word.is_empty() => span.start + i,
        _ => span.start,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs() -> Vec<Citation> {
        vec![Citation::new(
            "hoglund2018",
            "Hoglund LT, Pontiggia L, Kelly JD 4th. 2018. Pilot Feasibility Stud 4:70.",
        )]
    }

    fn msgs(text: &str) -> Vec<String> {
        check("p.toml", text, FileKind::Program, &refs())
            .iter()
            .map(|d| d.to_string())
            .collect()
    }

    #[test]
    fn names_the_field_the_word_and_its_place() {
        assert_eq!(
            msgs("[[phase]]\nname = \"A\"\n[[phase.slot]]\nnote = \"As in the source: slow.\"\n"),
            vec!["p.toml:4:19: patient-facing `note` uses the word \"source\"\n  hint: move this to `rationale`, which only the therapist's section prints"]
        );
        assert_eq!(
            msgs("goals = [\"fine\", \"Hoglund's week 1\"]\n"),
            vec!["p.toml:1:19: patient-facing `goals` names Hoglund, the first author of reference `hoglund2018`\n  hint: move this to `rationale`, which only the therapist's section prints"]
        );
        assert_eq!(
            msgs("description = \"\"\"\nDose as in hoglund2018.\"\"\"\n")[0]
                .lines()
                .next(),
            Some("p.toml:2:12: patient-facing `description` names the reference `hoglund2018`")
        );
        assert_eq!(
            msgs("summary = \"Smith et al. found it\"\n")[0]
                .lines()
                .next(),
            Some("p.toml:1:18: patient-facing `summary` uses the words \"et al.\"")
        );
    }

    #[test]
    fn clinician_fields_and_longer_words_pass() {
        let text = "rationale = \"Hoglund 2018 trial (unverified source)\"\nevidence_note = \"trial\"\n\
             [[reference]]\nid = \"hoglund2018\"\ncitation = \"Hoglund LT. Pilot Feasibility Stud.\"\n\
             [[phase]]\nname = \"Resource building\"\n\
             [[phase.slot]]\nrationale = \"Hoglund\"\nschedule = [{ week = 1, rationale = \"trial\" }]\n";
        assert_eq!(msgs(text), Vec::<String>::new());
        assert!(msgs("note = \"Resources and studied moves; hoglunds\"\n").is_empty());
    }

    #[test]
    fn an_exercise_library_is_sent_to_source() {
        let d = check(
            "e.toml",
            "[[exercise]]\nid = \"x\"\ncues = [\"as in the trial\"]\nsource = \"a trial\"\n",
            FileKind::Exercises,
            &[],
        );
        assert_eq!(d.len(), 1);
        assert_eq!(
            d[0].hint,
            "move this to `source`, which only the therapist's section prints"
        );
    }

    #[test]
    fn author_names_are_taken_only_when_name_like() {
        assert_eq!(
            Citation::new("a", "Safran-Norton CE, et al.")
                .author
                .as_deref(),
            Some("Safran-Norton")
        );
        assert_eq!(
            Citation::new("a", "ACSM. 2009.").author.as_deref(),
            Some("ACSM")
        );
        assert_eq!(Citation::new("a", "2009 guidance").author, None);
    }
}

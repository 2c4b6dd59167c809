//! Load: find the input files, read them, and parse them into raw types.
//!
//! Inputs come in two layers: the built-in files embedded in the binary, and the user's files
//! (`--programs DIR`, or the paths given to `validate`). This layer only reads and parses; a
//! file that cannot be read or parsed becomes a [`Diagnostic`] with its place, and loading goes
//! on with the other files so that every problem is reported in one run.
//!
//! This is the only code that reads files: the command layer names them (and writes the
//! outputs), `validate::template` reads a logo through [`read_limited`].

pub mod raw;
mod recover;
pub use recover::Holes;
mod toml_error;
pub use toml_error::{explain_toml, toml_diagnostic};
pub mod translate;

use crate::diag::Diagnostic;
use crate::template::{self, RawTemplateFile, Template};
use raw::{ExerciseFile, RawProgram};
use std::fs;
use std::path::{Path, PathBuf};

mod builtin {
    include!(concat!(env!("OUT_DIR"), "/builtin.rs"));
}

/// Largest input file we read. Real program files are a few tens of KB.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;
/// Deepest nesting of arrays and tables we accept (the built-ins need 4).
pub const MAX_NESTING: usize = 32;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Layer {
    /// Embedded in the binary.
    Builtin,
    /// A therapist's files; they add to the built-ins and override them by id.
    User,
}

/// One input file's text and where it came from.
#[derive(Debug, Clone)]
pub struct Source {
    /// The name used in messages: the path as given, or `builtin:programs/pfps.toml`.
    pub name: String,
    pub text: String,
    /// The folder relative paths inside the file (a logo) are resolved against.
    pub dir: Option<PathBuf>,
    pub layer: Layer,
}

/// Everything parsed from all files, in load order (built-ins first), plus the problems found.
#[derive(Debug, Default, Clone)]
pub struct Loaded {
    pub exercises: Vec<(Source, ExerciseFile)>,
    pub programs: Vec<(Source, RawProgram)>,
    /// Template files as parsed: `None` for a built-in one (checked once per process by
    /// `validate::template::builtin`). `validate::template::check_loaded` turns them into
    /// `templates`.
    pub template_files: Vec<(Source, Option<RawTemplateFile>)>,
    /// The checked templates, filled by `validate::template::check_loaded`.
    pub templates: Vec<(Source, Template)>,
    /// Translation files (`translation = "de"`), laid over the others by `translate::apply`.
    pub translations: Vec<(Source, translate::RawTranslation)>,
    /// The built-in translation files, unparsed: `translate::apply` parses them when a plan
    /// is translated, so an English plan does not read a third of the built-ins for nothing
    /// (the tests check that they parse).
    pub deferred_translations: Vec<Source>,
    pub diagnostics: Vec<Diagnostic>,
    /// Ids of exercises whose entries could not be read (their problems are in
    /// `diagnostics`): programs that use them are not told the id is unknown.
    pub broken_exercises: Vec<String>,
    /// Program files read back after a type error (by file name), with what they lost: they
    /// are validated for their other problems but never become a program.
    pub recovered: Vec<(String, Holes)>,
}

/// The embedded files, as sources.
pub fn builtin_sources() -> Vec<Source> {
    builtin::BUILTIN_FILES
        .iter()
        .map(|(path, text)| Source {
            name: format!("builtin:{path}"),
            text: text.to_string(),
            dir: None,
            layer: Layer::Builtin,
        })
        .collect()
}

/// The text of one embedded file, by its path in the repository (`templates/en.toml`).
pub fn builtin_file(path: &str) -> Option<&'static str> {
    builtin::BUILTIN_FILES
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, t)| *t)
}

/// All embedded files with their repository paths (for `init`).
pub fn builtin_files() -> &'static [(&'static str, &'static str)] {
    builtin::BUILTIN_FILES
}

/// Read the user's files: each path is a `.toml` file or a folder searched recursively for them.
/// Problems (missing paths, unreadable files, too large, not UTF-8) become diagnostics. In a
/// folder, a `.toml` that is not a regular file (a FIFO, a link to a device) is skipped, never
/// read, and named in `skipped` with the reason.
pub fn read_user_paths(
    paths: &[PathBuf],
    diagnostics: &mut Vec<Diagnostic>,
    skipped: &mut Vec<String>,
) -> Vec<Source> {
    let mut sources = Vec::new();
    for path in paths {
        let shown = path.display().to_string();
        match fs::metadata(path) {
            Err(e) => diagnostics.push(
                Diagnostic::file(&shown, format!("cannot read: {}", io_reason(&e)))
                    .hint("check the path; give a .toml file or a folder of them"),
            ),
            Ok(meta) if meta.is_dir() => {
                let mut files = Vec::new();
                walk(path, &mut files, diagnostics, skipped);
                files.sort();
                if files.is_empty() {
                    diagnostics.push(
                        Diagnostic::file(&shown, "the folder holds no .toml files").hint(
                            "run `rehabplan init DIR` to start a folder from the built-in programs",
                        ),
                    );
                }
                for f in files {
                    if let Some(s) = read_one(&f, diagnostics) {
                        sources.push(s);
                    }
                }
            }
            Ok(_) => {
                if let Some(s) = read_one(path, diagnostics) {
                    sources.push(s);
                }
            }
        }
    }
    sources
}

fn walk(
    dir: &Path,
    out: &mut Vec<PathBuf>,
    diagnostics: &mut Vec<Diagnostic>,
    skipped: &mut Vec<String>,
) {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            diagnostics.push(Diagnostic::file(
                &dir.display().to_string(),
                format!("cannot read folder: {}", io_reason(&e)),
            ));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        if path.is_dir() {
            walk(&path, out, diagnostics, skipped);
        } else if path.extension().is_some_and(|e| e == "toml") {
            match fs::metadata(&path) {
                Ok(m) if !m.is_file() => {
                    skipped.push(format!("{}: skipped: {}", path.display(), not_regular(&m)))
                }
                _ => out.push(path),
            }
        }
    }
}

/// Read one file with the size and encoding checks.
pub fn read_one(path: &Path, diagnostics: &mut Vec<Diagnostic>) -> Option<Source> {
    let shown = path.display().to_string();
    match read_text(path) {
        Ok(text) => Some(Source {
            name: shown,
            text,
            dir: path.parent().map(|p| {
                if p.as_os_str().is_empty() {
                    PathBuf::from(".")
                } else {
                    p.to_path_buf()
                }
            }),
            layer: Layer::User,
        }),
        Err(d) => {
            diagnostics.push(d);
            None
        }
    }
}

/// Read a text input file: at most [`MAX_FILE_BYTES`], UTF-8. Only regular files are read:
/// a FIFO would block and a device (`/dev/zero`) never ends, so both are refused unread.
pub fn read_text(path: &Path) -> Result<String, Diagnostic> {
    use std::io::Read;
    let shown = path.display().to_string();
    let unreadable =
        |e: std::io::Error| Diagnostic::file(&shown, format!("cannot read: {}", io_reason(&e)));
    let not_a_file = |m: &fs::Metadata| {
        Diagnostic::file(&shown, format!("cannot read: {}", not_regular(m)))
            .hint("give the path of a text file")
    };
    let meta = fs::metadata(path).map_err(unreadable)?;
    if !meta.is_file() {
        return Err(not_a_file(&meta));
    }
    let too_large = |len: u64| {
        Diagnostic::file(
            &shown,
            format!(
                "the file is {} bytes; the limit is {} bytes (1 MiB)",
                len, MAX_FILE_BYTES
            ),
        )
        .hint("split it into several files, or check that it is the right file")
    };
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(meta.len()));
    }
    let mut options = fs::OpenOptions::new();
    options.read(true);
    // If the file was swapped for a FIFO since the check, opening it must not wait for a writer.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file = options.open(path).map_err(unreadable)?;
    let meta = file.metadata().map_err(unreadable)?;
    if !meta.is_file() {
        return Err(not_a_file(&meta));
    }
    // At most one byte over the limit, whatever the file claims its size is.
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(meta.len().max(bytes.len() as u64)));
    }
    match String::from_utf8(bytes) {
        Ok(t) => Ok(t),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let text = String::from_utf8_lossy(&bytes[..at]);
            let (line, col) = crate::diag::line_col(&text, at);
            Err(Diagnostic {
                file: shown,
                line,
                col,
                message: "the file is not valid UTF-8".into(),
                hint: "save it as UTF-8 text".into(),
            })
        }
    }
}

/// Read at most `limit + 1` bytes of a regular file (so that "too large" can be told), without
/// ever waiting on a FIFO or reading a device: those are an error saying what they are.
pub fn read_limited(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let meta = fs::metadata(path)?;
    if !meta.is_file() {
        return Err(std::io::Error::other(not_regular(&meta)));
    }
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(std::io::Error::other(not_regular(&meta)));
    }
    let mut bytes = Vec::with_capacity(meta.len().min(limit + 1) as usize);
    file.take(limit + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// What a file that is not a regular file is, for messages.
pub fn not_regular(m: &fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = m.file_type();
        if t.is_fifo() {
            return "it is a FIFO (named pipe), not a regular file";
        }
        if t.is_char_device() || t.is_block_device() {
            return "it is a device, not a regular file";
        }
        if t.is_socket() {
            return "it is a socket, not a regular file";
        }
    }
    if m.is_dir() {
        "it is a folder, not a file"
    } else {
        "it is not a regular file"
    }
}

/// A short, stable description of an I/O error.
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// What kind of file a parsed table is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Exercises,
    Program,
    Template,
    Translation,
}

fn classify(table: &toml::Table) -> Option<Kind> {
    if table.contains_key("translation") {
        Some(Kind::Translation)
    } else if table.contains_key("exercise") {
        Some(Kind::Exercises)
    } else if ["page", "text", "style", "clinic", "language", "name"]
        .iter()
        .any(|k| table.contains_key(*k))
    {
        Some(Kind::Template)
    } else if ["id", "phase"].iter().any(|k| table.contains_key(*k)) {
        Some(Kind::Program)
    } else if table.contains_key("extends") {
        // `extends` without an `id`: a template that changes a built-in one.
        Some(Kind::Template)
    } else {
        None
    }
}

/// The kind of file from its first decisive line: `[[exercise]]` opens a library; a top-level
/// `id = ` (which TOML puts before any table) or `[[phase]]` a program; `[page]`, `[text]`,
/// `[style]` or `[clinic]` a template. `None` when the first lines do not tell.
fn quick_kind(text: &str) -> Option<Kind> {
    // A translation says so on its first line (`translation = "de"`), before any table.
    if text.lines().any(|l| {
        l.strip_prefix("translation")
            .is_some_and(|r| r.trim_start().starts_with('='))
    }) {
        return Some(Kind::Translation);
    }
    // As in `classify`, [[exercise]] entries win over everything else.
    if text
        .lines()
        .any(|l| l.trim_start().starts_with("[[exercise]]"))
    {
        return Some(Kind::Exercises);
    }
    for line in text.lines() {
        let t = line.trim_start();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        if t.starts_with("[[exercise]]") {
            return Some(Kind::Exercises);
        }
        if t.starts_with("[[phase]]")
            || t.strip_prefix("id")
                .is_some_and(|r| r.trim_start().starts_with('='))
        {
            return Some(Kind::Program);
        }
        if ["[page]", "[text]", "[style]", "[clinic]"]
            .iter()
            .any(|h| t.starts_with(h))
        {
            return Some(Kind::Template);
        }
        if t.starts_with('[') {
            // Some other table first: let the full parse decide.
            return None;
        }
    }
    None
}

/// Parse every source into the raw types, collecting problems.
///
/// The files are independent, so they are parsed on two threads; the result keeps the order
/// of `sources`, so messages and layering never depend on timing.
pub fn parse_all(sources: Vec<Source>) -> Loaded {
    let mut loaded = Loaded::default();
    // Two threads only pay off beyond a handful of files (the built-ins are 14).
    let two = sources.len() >= 4;
    let parts = crate::par::map(sources, two, |source| {
        let mut one = Loaded::default();
        parse_source(source, &mut one);
        one
    });
    for one in parts {
        loaded.exercises.extend(one.exercises);
        loaded.programs.extend(one.programs);
        loaded.template_files.extend(one.template_files);
        loaded.translations.extend(one.translations);
        loaded
            .deferred_translations
            .extend(one.deferred_translations);
        loaded.diagnostics.extend(one.diagnostics);
        loaded.broken_exercises.extend(one.broken_exercises);
        loaded.recovered.extend(one.recovered);
    }
    loaded
}

/// Parses a translation file into `loaded.translations` (or its problem into the
/// diagnostics).
pub fn parse_translation(source: Source, loaded: &mut Loaded) {
    match toml::from_str::<translate::RawTranslation>(&source.text) {
        Ok(t) => loaded.translations.push((source, t)),
        Err(e) => loaded.diagnostics.push(toml_diagnostic(&source, &e)),
    }
}

fn parse_source(source: Source, loaded: &mut Loaded) {
    if let Some(d) = check_nesting(&source) {
        loaded.diagnostics.push(d);
        return;
    }
    // Most files say what they are on their first meaningful line; only the others are parsed
    // twice (once as a plain table to look at their keys), which halves the loading time.
    let kind = match quick_kind(&source.text) {
        Some(k) => Some(k),
        None => match toml::from_str::<toml::Table>(&source.text) {
            Ok(t) => classify(&t),
            Err(e) => {
                loaded.diagnostics.push(toml_diagnostic(&source, &e));
                return;
            }
        },
    };
    match kind {
        Some(Kind::Exercises) => match toml::from_str::<ExerciseFile>(&source.text) {
            Ok(f) => loaded.exercises.push((source, f)),
            Err(e) => {
                // One bad entry must not drop the others: read them one by one.
                let (good, diags, broken) = recover::exercises(&source, e);
                loaded.diagnostics.extend(diags);
                loaded.broken_exercises.extend(broken);
                if let Some(f) = good {
                    loaded.exercises.push((source, f));
                }
            }
        },
        Some(Kind::Program) => match toml::from_str::<RawProgram>(&source.text) {
            Ok(p) => loaded.programs.push((source, p)),
            Err(e) => {
                // The type errors, and the program without its broken parts, whose values
                // are checked in the same run.
                let (diags, partial) = recover::program(&source, e);
                loaded.diagnostics.extend(diags);
                if let Some((p, holes)) = partial {
                    loaded.recovered.push((source.name.clone(), holes));
                    loaded.programs.push((source, p));
                }
            }
        },
        Some(Kind::Translation) if source.layer == Layer::Builtin => {
            loaded.deferred_translations.push(source);
        }
        Some(Kind::Translation) => parse_translation(source, loaded),
        Some(Kind::Template) => match source.layer {
            // A built-in template is parsed and checked once per process, by
            // `validate::template::builtin`.
            Layer::Builtin => loaded.template_files.push((source, None)),
            Layer::User => {
                let (parsed, diags) = template::parse_raw(&source.text, &source.name);
                loaded.diagnostics.extend(diags);
                loaded.template_files.push((source, Some(parsed)));
            }
        },
        None => loaded.diagnostics.push(
            Diagnostic::file(&source.name, "cannot tell what kind of file this is")
                .hint("an exercise library has [[exercise]] entries, a program has `id` and [[phase]] tables, a template has a [page] or [text] table, a translation starts with `translation = \"de\"`"),
        ),
    }
}

/// Deeply nested arrays or tables are refused before parsing, so that no input can exhaust the stack.
fn check_nesting(source: &Source) -> Option<Diagnostic> {
    let mut depth = 0usize;
    let mut in_string: Option<char> = None;
    let mut escaped = false;
    let mut comment = false;
    for (i, c) in source.text.char_indices() {
        if comment {
            if c == '\n' {
                comment = false;
            }
            continue;
        }
        if let Some(q) = in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' && q == '"' {
                escaped = true;
            } else if c == q || (c == '\n') {
                in_string = None;
            }
            continue;
        }
        match c {
            '#' => comment = true,
            '"' | '\'' => in_string = Some(c),
            '[' | '{' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some(
                        Diagnostic::at(
                            &source.name,
                            &source.text,
                            i..i,
                            format!("arrays and tables are nested more than {MAX_NESTING} deep"),
                        )
                        .hint("program files need only a few levels; check for a runaway bracket"),
                    );
                }
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            '\n' => {}
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_translations_are_parsed_only_when_a_plan_is_translated() {
        let mut loaded = parse_all(builtin_sources());
        assert!(loaded.translations.is_empty());
        assert_eq!(loaded.deferred_translations.len(), 11);
        let overlay = translate::apply(&mut loaded, "de", Some(","));
        assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
        assert!(loaded.deferred_translations.is_empty());
        assert_eq!(loaded.translations.len(), 11);
        assert!(overlay.warnings.is_empty(), "{:?}", overlay.warnings);
        assert!(overlay.missing.is_empty());
        let (_, pfps) = loaded
            .programs
            .iter()
            .find(|(s, _)| s.name == "builtin:programs/pfps.toml")
            .expect("pfps is built in");
        let title = pfps.title.as_deref().unwrap_or_default();
        assert!(title.contains("Läuferknie"), "{title}");
    }

    #[test]
    fn quick_kind_reads_the_first_decisive_line() {
        assert_eq!(
            quick_kind("# lib\n\n[[exercise]]\nid = \"x\"\n"),
            Some(Kind::Exercises)
        );
        assert_eq!(
            quick_kind("title = \"T\"\nid = \"p\"\n[[phase]]\n"),
            Some(Kind::Program)
        );
        assert_eq!(quick_kind("id=\"p\""), Some(Kind::Program));
        assert_eq!(
            quick_kind("id = \"p\"\n[[exercise]]\n"),
            Some(Kind::Exercises)
        );
        assert_eq!(
            quick_kind("extends = \"de\"\n[page]\npaper = \"a4\"\n"),
            Some(Kind::Template)
        );
        assert_eq!(
            quick_kind("translation = \"de\"\n[[exercise]]\nid = \"x\"\n"),
            Some(Kind::Translation)
        );
        assert_eq!(
            quick_kind("# de\ntranslation=\"de\"\nid = \"pfps\"\n"),
            Some(Kind::Translation)
        );
        assert_eq!(quick_kind("identifier = 3\n"), None);
        assert_eq!(quick_kind("[[reference]]\nid = \"x\"\n"), None);
        assert_eq!(quick_kind(""), None);
    }
}

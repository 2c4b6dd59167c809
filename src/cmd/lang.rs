//! The language of a plan: which template, which translation of the programs and exercises.
//!
//! The language is the template's (`--template de` prints German); `--lang` overrides it and,
//! without `--template`, picks the built-in template of that language when there is one. The
//! translation (`load::translate`) is laid over the loaded files before validation, so a
//! translated catalogue is checked like any other. Decimals follow the language: when `--lang`
//! differs from the template's language, the template's decimal separator becomes the
//! language's (from the built-in template of that language), so a plan never mixes "1.6" and
//! "1,6".

use crate::cli::Global;
use crate::error::{Error, Result};
use crate::load::translate::{self, Overlay};
use crate::template::Template;
use crate::validate::Validated;
use std::path::PathBuf;

/// A checked catalogue in the plan's language, the template, and what the translation did.
pub struct Prepared {
    pub v: Validated,
    pub template: Template,
    /// `None` when the language is the source language (English).
    pub overlay: Option<Overlay>,
}

/// The built-in template written in `language` (the same tag, else the same primary subtag).
fn builtin_template_for(language: &str) -> Option<Template> {
    let primary = |t: &str| {
        t.split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase()
    };
    let names = crate::template::builtin_names();
    names
        .iter()
        .filter_map(|n| crate::validate::template::builtin(n))
        .find(|t| t.language.eq_ignore_ascii_case(language))
        .or_else(|| {
            names
                .iter()
                .filter_map(|n| crate::validate::template::builtin(n))
                .find(|t| primary(&t.language) == primary(language))
        })
}

/// A language tag as given with `--lang`: letters, digits and hyphens ("de", "de-CH").
pub fn check_lang(lang: &str) -> Result<String> {
    let ok = !lang.is_empty()
        && lang.len() <= 35
        && lang
            .split('-')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric()))
        && lang.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
    if ok {
        Ok(lang.to_string())
    } else {
        Err(Error::usage(
            "--lang",
            format!("`{lang}` is not a language tag"),
            "give a language tag such as de, fr or de-CH",
        ))
    }
}

/// The decimal separator of a language, when a built-in template is written in it.
fn decimal_of(language: &str) -> Option<String> {
    builtin_template_for(language).map(|t| t.text.decimal_separator.clone())
}

/// Load the built-ins, the user's folder and `extra`, lay the translation to `language` over
/// them (unless it is the source language) and validate. Warnings are printed here.
pub fn load_in(global: &Global, extra: &[PathBuf], language: &str) -> (Validated, Option<Overlay>) {
    translate_and_validate(super::load_files(global, extra), language)
}

fn translate_and_validate(
    mut loaded: crate::load::Loaded,
    language: &str,
) -> (Validated, Option<Overlay>) {
    let overlay = if translate::is_source_language(language) {
        None
    } else {
        let decimal = decimal_of(language);
        Some(translate::apply(&mut loaded, language, decimal.as_deref()))
    };
    if let Some(o) = &overlay {
        super::print_warnings(&o.warnings);
    }
    (super::validate_loaded(loaded), overlay)
}

/// Everything `plan` needs before planning: the template (`--template`, else the built-in one
/// of `--lang`, else `en`), the language, the translated and checked catalogue.
pub fn prepare(global: &Global, template: Option<&str>, lang: Option<&str>) -> Result<Prepared> {
    let lang = lang.map(check_lang).transpose()?;
    // Templates are known after loading; a built-in or a file path before. The user's folder
    // may define a template by name, so those are looked up in the loaded files first.
    let mut loaded = super::load_files(global, &[]);
    crate::validate::template::check_loaded(&mut loaded);
    let loaded_templates = &loaded.templates;
    let mut chosen = match (template, &lang) {
        (Some(name), _) => super::template_in(loaded_templates, name)?,
        (None, Some(l)) => match builtin_template_for(l) {
            Some(t) => t,
            None => super::template_in(loaded_templates, "en")?,
        },
        (None, None) => super::template_in(loaded_templates, "en")?,
    };
    let language = lang.clone().unwrap_or_else(|| chosen.language.clone());
    if lang.is_some() && !chosen.language.eq_ignore_ascii_case(&language) {
        if let Some(d) = decimal_of(&language) {
            chosen.text.decimal_separator = d;
        }
    }
    let (v, overlay) = translate_and_validate(loaded, &language);
    if !v.diagnostics.is_empty() {
        return Err(Error::Invalid(v.diagnostics));
    }
    Ok(Prepared {
        v,
        template: chosen,
        overlay,
    })
}

/// The warning a plan prints when some of its strings are not translated; `folder` is the
/// user's `--programs` folder, named in the command it suggests.
pub fn fallback_warning(
    overlay: &Overlay,
    plan: &crate::plan::types::Plan,
    program: &crate::model::Program,
    folder: Option<&std::path::Path>,
) -> Option<String> {
    let ids: Vec<&str> = plan.exercises.iter().map(|e| e.id.as_str()).collect();
    let n = overlay.missing_for(&program.causes, &ids).count();
    let folder = folder.map_or(String::new(), |f| format!(" {}", f.display()));
    (n > 0).then(|| {
        format!(
            "{n} {} of this plan {} not translated to {} and print in English; run `rehabplan validate --lang {}{folder}` to list them",
            if n == 1 { "string" } else { "strings" },
            if n == 1 { "is" } else { "are" },
            overlay.language,
            overlay.language
        )
    })
}

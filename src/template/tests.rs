//! Template tests: the built-ins, inheritance, the wording helpers, and every error message
//! pinned with its file:line:col.

use super::*;
use crate::model::PainRule;
use crate::validate::template::{builtin, parse, parse_with_base};
use chrono::{NaiveDate, Weekday};
use std::path::PathBuf;

fn errors(source: &str) -> String {
    match parse(source, "t.toml", None) {
        Ok(_) => panic!("expected errors for:\n{source}"),
        Err(d) => d
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

fn check(source: &str, expected: &str) {
    assert_eq!(errors(source), expected, "source:\n{source}");
}

#[test]
fn builtins_parse_and_are_listed() {
    for name in builtin_names() {
        let t = builtin(name).unwrap_or_else(|| panic!("{name} is built in"));
        assert_eq!(&t.name, name);
    }
    assert!(builtin("fr").is_none());
    assert_eq!(builtin_names().len(), BUILTINS.len());
    let lp = builtin("large-print").unwrap();
    assert_eq!(lp.page.font_size, 16.0);
    assert_eq!(lp.text, builtin("en").unwrap().text);
    let de = builtin("de").unwrap();
    assert_eq!(de.language, "de");
    assert_eq!(de.text.page_of(2, 9), "Seite 2 von 9");
}

#[test]
fn english_and_german_set_every_key_themselves() {
    // Parsed without a base, a missing key is an error: both files are complete.
    for (name, path) in BUILTINS.iter().filter(|(n, _)| *n != "large-print") {
        let source = crate::load::builtin_file(path).unwrap();
        let t = parse_with_base(source, path, None, None);
        assert!(t.is_ok(), "{name}: {:?}", t.err());
    }
    let de = builtin("de").unwrap().text;
    let en = builtin("en").unwrap().text;
    // Every sentence is translated (a few words are the same in both languages).
    let same: Vec<&str> = de
        .debug_fields()
        .into_iter()
        .zip(en.debug_fields())
        .filter(|((_, d), (_, e))| d == e)
        .map(|((k, _), _)| k)
        .collect();
    assert_eq!(same, SAME_IN_GERMAN);
}

/// Keys whose English wording is also right in German.
const SAME_IN_GERMAN: &[&str] = &[
    "label_end",
    "calendar_training",
    "phase_name",
    "unit_seconds",
    "unit_metres",
    "unit_kilometres",
    "list_separator",
    "footer",
];

#[test]
fn a_template_sets_only_what_it_changes() {
    let t = parse(
        "extends = \"de\"\nname = \"praxis\"\n[page]\npaper = \"letter\"\nmargin = 20\n[clinic]\nname = \"Praxis Süd\"\nphone = \"0123\"\n",
        "praxis.toml",
        None,
    )
    .unwrap();
    assert_eq!(t.name, "praxis");
    assert_eq!(t.language, "de");
    assert_eq!(t.page.paper, Paper::Letter);
    assert_eq!((t.page.margin_top, t.page.margin_left), (20.0, 20.0));
    assert_eq!(t.page.font_size, 10.0);
    assert_eq!(t.text.document_title, "Ihr Übungsplan");
    assert_eq!(t.clinic.as_ref().unwrap().name, "Praxis Süd");
    assert!(t.clinic.unwrap().logo.is_none());
    let plain = parse("", "empty.toml", None).unwrap();
    assert_eq!(plain.text, builtin("en").unwrap().text);
    assert!(plain.clinic.is_none());
}

#[test]
fn pain_rule_fills_in_the_thresholds() {
    let en = builtin("en").unwrap().text;
    let rule = PainRule {
        green_max: 2,
        amber_max: 4,
        settle_by_morning: true,
        source: String::new(),
        note: String::new(),
        rationale: String::new(),
    };
    let [g, a, r] = en.pain_rule_lines(&rule);
    assert!(g.starts_with("0 to 2: safe"), "{g}");
    assert!(
        a.starts_with("3 to 4: acceptable, as long as it has settled by the next morning"),
        "{a}"
    );
    assert!(
        r.starts_with("Above 4, or still worse the next morning"),
        "{r}"
    );
    let no_morning = PainRule {
        settle_by_morning: false,
        ..rule.clone()
    };
    let [_, a, r] = en.pain_rule_lines(&no_morning);
    assert!(!a.contains("morning") && !r.contains("morning"));
    let de = builtin("de").unwrap().text;
    assert!(de.pain_rule_lines(&rule)[2].starts_with("Über 4"));
}

#[test]
fn dates_and_weekdays_follow_the_template() {
    let en = builtin("en").unwrap().text;
    let de = builtin("de").unwrap().text;
    let d = NaiveDate::from_ymd_opt(2025, 3, 3).unwrap();
    assert_eq!(en.date_long(d), "Monday 3 March 2025");
    assert_eq!(en.date_short(d), "Mon 3 Mar");
    assert_eq!(en.date_calendar(d), "3 Mar");
    assert_eq!(de.date_long(d), "Montag, 3. März 2025");
    assert_eq!(de.date_short(d), "Mo, 03.03.");
    assert_eq!(en.weekday(Weekday::Sun), "Sunday");
    assert_eq!(de.weekday(Weekday::Thu), "Donnerstag");
    assert_eq!(en.format_date("{year}-{month2}-{day2}", d), "2025-03-03");
}

#[test]
fn unknown_keys_get_a_suggestion() {
    check(
        "[text]\ndocument_titel = \"x\"\n",
        "t.toml:2:1: unknown key `document_titel`\n  hint: did you mean `document_title`?",
    );
    check(
        "[page]\npaper = \"a4\"\nfontsize = 12\n",
        "t.toml:3:1: unknown key `fontsize`\n  hint: did you mean `font_size`?",
    );
    check("colour = 1\n", "t.toml:1:1: unknown key `colour`\n  hint: remove it, or see docs/templates.md for the keys a template can have");
}

#[test]
fn page_values_are_checked_with_their_range() {
    check(
        "[page]\npaper = \"A5\"\n",
        "t.toml:2:9: unknown paper \"A5\"\n  hint: did you mean `a4`?",
    );
    check(
        "[page]\npaper = \"legal\"\n",
        "t.toml:2:9: unknown paper \"legal\"\n  hint: use \"a4\" or \"letter\"",
    );
    check(
        "[page]\npaper = \"leter\"\n",
        "t.toml:2:9: unknown paper \"leter\"\n  hint: did you mean `letter`?",
    );
    check(
        "[page]\nmargin_left = 2\n",
        "t.toml:2:15: `page.margin_left` is 2 mm, outside the allowed range 5 to 40 mm\n  hint: choose a value from 5 to 40 mm",
    );
    check(
        "[page]\nfont_size = 60\n",
        "t.toml:2:13: `page.font_size` is 60 pt, outside the allowed range 8 to 24 pt\n  hint: choose a value from 8 to 24 pt",
    );
    check(
        "[page]\nfont_size = \"big\"\n",
        "t.toml:2:13: invalid type: string \"big\", expected f64\n  hint: text is written in quotes (\"...\"), lists in brackets ([\"...\", \"...\"]), numbers without quotes",
    );
    assert!(parse("[page]\nmargin = 12.5\nfont_size = 9.5\n", "t.toml", None).is_ok());
}

#[test]
fn colours_must_be_hex() {
    check(
        "[style]\naccent = \"#12345\"\n",
        "t.toml:2:10: `style.accent` is not a colour: \"#12345\"\n  hint: write a colour as \"#rrggbb\" with six hexadecimal digits, e.g. \"#1f6f8b\"",
    );
    check(
        "[style]\nred = \"red\"\n",
        "t.toml:2:7: `style.red` is not a colour: \"red\"\n  hint: write a colour as \"#rrggbb\" with six hexadecimal digits, e.g. \"#1f6f8b\"",
    );
}

#[test]
fn safety_text_cannot_be_removed() {
    check(
        "[text]\ndisclaimer = \"  \"\n",
        "t.toml:2:14: `text.disclaimer` is empty\n  hint: write the text to print here (every label of the printout needs wording)",
    );
    check(
        "[text]\nred_flags = []\n",
        "t.toml:2:13: `text.red_flags` is empty\n  hint: this list cannot be removed: give at least one line",
    );
    check(
        "[text]\nred_flags = [\"fever\", \"\"]\n",
        "t.toml:2:23: `text.red_flags[2]` is empty\n  hint: write the text to print here (every label of the printout needs wording)",
    );
    check(
        "[text]\ndisclaimer_short = \"\"\n",
        "t.toml:2:20: `text.disclaimer_short` is empty\n  hint: write the text to print here (every label of the printout needs wording)",
    );
}

#[test]
fn placeholders_are_checked_where_they_are() {
    check(
        "[text]\npage_of = \"Seite {pgae} von {pages}\"\n",
        "t.toml:2:11: `text.page_of` must contain the placeholder `{page}`\n  hint: the printout fills it in; `text.page_of` can use `{page}`, `{pages}`\n\
         t.toml:2:18: unknown placeholder `{pgae}` in `text.page_of`\n  hint: did you mean `page`?",
    );
    check(
        "[text]\npain_green = \"0 bis 3: gut\"\n",
        "t.toml:2:14: `text.pain_green` must contain the placeholder `{green_max}`\n  hint: the printout fills it in; `text.pain_green` can use `{green_max}`, `{amber_min}`, `{amber_max}`, `{red_min}`",
    );
    check(
        "[text]\nweek_short = \"Woche {wek}\"\n",
        "t.toml:2:14: `text.week_short` must contain the placeholder `{week}`\n  hint: the printout fills it in; `text.week_short` can use `{week}`\n\
         t.toml:2:21: unknown placeholder `{wek}` in `text.week_short`\n  hint: did you mean `week`?",
    );
    check(
        "[text]\nnotes_label = \"Notes {\"\n",
        "t.toml:2:22: `text.notes_label`: `{` without a closing `}`\n  hint: write a literal brace as `{{` or `}}`",
    );
    assert_eq!(
        parse("[text]\nnotes_label = \"Notes {{x}}\"\n", "t.toml", None)
            .unwrap()
            .text
            .notes_label,
        "Notes {{x}}"
    );
}

#[test]
fn weekday_and_month_lists_have_their_length() {
    check(
        "[text]\nweekdays = [\"Mo\", \"Di\"]\n",
        "t.toml:2:12: `text.weekdays` needs exactly 7 names, found 2\n  hint: list them in order, Monday first",
    );
    check(
        "[text]\nmonths_short = [\"a\"]\n",
        "t.toml:2:16: `text.months_short` needs exactly 12 names, found 1\n  hint: list them in order, January first",
    );
}

#[test]
fn syntax_errors_and_bad_extends_are_located() {
    let e = errors("[page\npaper = \"a4\"\n");
    assert!(e.starts_with("t.toml:1:"), "{e}");
    check("extends = \"fr\"\n", "t.toml:1:11: unknown template `fr` in `extends`\n  hint: `extends` names a built-in template: en, large-print, de");
    check(
        "extends = \"large_print\"\n",
        "t.toml:1:11: unknown template `large_print` in `extends`\n  hint: did you mean `large-print`?",
    );
    check(
        "[clinic]\nphone = \"1\"\n",
        "t.toml:1:1: [clinic] has no `name`\n  hint: add `name = \"...\"`, or remove the [clinic] table",
    );
}

/// A valid 2 x 1 PNG (RGB).
pub(crate) fn tiny_png() -> Vec<u8> {
    png(2, 1, |x, _| {
        if x == 0 {
            [0x1f, 0x6f, 0x8b]
        } else {
            [0xff, 0xff, 0xff]
        }
    })
}

/// A PNG (8-bit RGB) built by hand: signature, IHDR, IDAT (stored deflate blocks), IEND.
pub(crate) fn png(width: u32, height: u32, pixel: impl Fn(u32, u32) -> [u8; 3]) -> Vec<u8> {
    fn crc32(data: &[u8]) -> u32 {
        let mut crc = 0xffff_ffffu32;
        for b in data {
            crc ^= u32::from(*b);
            for _ in 0..8 {
                crc = if crc & 1 != 0 {
                    (crc >> 1) ^ 0xedb8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
    fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut c = kind.to_vec();
        c.extend_from_slice(data);
        out.extend_from_slice(&c);
        out.extend_from_slice(&crc32(&c).to_be_bytes());
    }
    let mut raw = Vec::new();
    for y in 0..height {
        raw.push(0); // filter: none
        for x in 0..width {
            raw.extend_from_slice(&pixel(x, y));
        }
    }
    let (mut a, mut b) = (1u32, 0u32);
    for x in &raw {
        a = (a + u32::from(*x)) % 65521;
        b = (b + a) % 65521;
    }
    let mut z = vec![0x78, 0x01];
    let blocks: Vec<&[u8]> = raw.chunks(65535).collect();
    for (i, block) in blocks.iter().enumerate() {
        let len = block.len() as u16;
        z.push(u8::from(i + 1 == blocks.len()));
        z.extend_from_slice(&len.to_le_bytes());
        z.extend_from_slice(&(!len).to_le_bytes());
        z.extend_from_slice(block);
    }
    z.extend_from_slice(&((b << 16) | a).to_be_bytes());
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(&mut png, b"IHDR", &ihdr);
    chunk(&mut png, b"IDAT", &z);
    chunk(&mut png, b"IEND", &[]);
    png
}

#[test]
fn logos_are_read_relative_to_the_template() {
    let dir = std::env::temp_dir().join(format!("rehabplan-logo-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("logo.png"), tiny_png()).unwrap();
    std::fs::write(dir.join("logo.gif"), b"GIF89a....").unwrap();
    std::fs::write(dir.join("broken.png"), b"\x89PNG\r\n\x1a\nnot really").unwrap();

    let ok = parse(
        "[clinic]\nname = \"C\"\nlogo = \"logo.png\"\n",
        "c.toml",
        Some(&dir),
    )
    .unwrap();
    let logo = ok.clinic.unwrap().logo.unwrap();
    assert_eq!((logo.width_px, logo.height_px), (2, 1));
    assert_eq!(logo.path, PathBuf::from("logo.png"));

    let shown = |f: &str| dir.join(f).display().to_string();
    let err = |src: &str| {
        parse(src, "c.toml", Some(&dir))
            .unwrap_err()
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(
        err("[clinic]\nname = \"C\"\nlogo = \"logo.gif\"\n"),
        format!("c.toml:3:8: cannot use the logo `{}`: it is not a PNG or JPEG file\n  hint: the logo must be a PNG or JPEG image", shown("logo.gif"))
    );
    let broken = err("[clinic]\nname = \"C\"\nlogo = \"broken.png\"\n");
    assert!(
        broken.starts_with(&format!(
            "c.toml:3:8: cannot use the logo `{}`: the PNG data could not be decoded",
            shown("broken.png")
        )),
        "{broken}"
    );
    let missing = err("[clinic]\nname = \"C\"\nlogo = \"nope.png\"\n");
    assert!(
        missing.starts_with(&format!(
            "c.toml:3:8: cannot read the logo `{}`: ",
            shown("nope.png")
        )),
        "{missing}"
    );
    assert!(
        missing.ends_with("hint: the path is relative to the template's folder; the logo must be a PNG or JPEG file"),
        "{missing}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_logo_is_decoded_once_with_its_size() {
    let logo = Logo::decode(PathBuf::from("l.png"), tiny_png()).unwrap();
    assert_eq!((logo.width_px, logo.height_px), (2, 1));
    assert_eq!((logo.image.width, logo.image.height), (2, 1));
    assert_eq!(
        Logo::decode(PathBuf::from("l.gif"), b"GIF89a".to_vec()).unwrap_err(),
        "it is not a PNG or JPEG file"
    );
}

#[test]
fn several_problems_are_reported_at_once_in_order() {
    let e = errors("[page]\nfont_size = 2\n[style]\naccent = \"blue\"\n[text]\nweekdays = []\n");
    let lines: Vec<&str> = e.lines().filter(|l| l.starts_with("t.toml")).collect();
    assert_eq!(lines.len(), 3, "{e}");
    assert!(
        lines[0].starts_with("t.toml:2:")
            && lines[1].starts_with("t.toml:4:")
            && lines[2].starts_with("t.toml:6:")
    );
}

#[test]
fn the_docs_show_the_english_defaults() {
    let doc = include_str!("../../docs/templates.md");
    for (key, value) in builtin("en").unwrap().text.debug_fields() {
        let row = doc
            .lines()
            .find(|l| l.starts_with(&format!("| `{key}` |")))
            .unwrap_or_else(|| panic!("no row for `{key}`"));
        if value.chars().count() <= 70 {
            assert!(
                row.contains(&format!("`{}`", value.replace('|', "\\|"))),
                "docs/templates.md shows another default for `{key}`: {value}"
            );
        }
    }
}

#[test]
fn the_docs_describe_every_key() {
    let doc = include_str!("../../docs/templates.md");
    for spec in TEXT_KEYS {
        assert!(
            doc.contains(&format!("`{}`", spec.key)),
            "docs/templates.md does not mention `{}`",
            spec.key
        );
    }
    for key in [
        "extends",
        "name",
        "language",
        "paper",
        "margin",
        "margin_top",
        "margin_bottom",
        "margin_left",
        "margin_right",
        "font_size",
        "accent",
        "green",
        "amber",
        "red",
        "address",
        "phone",
        "logo",
    ] {
        assert!(
            doc.contains(&format!("`{key}`")),
            "docs/templates.md does not mention `{key}`"
        );
    }
}

#[test]
fn the_worked_example_in_the_docs_is_valid() {
    let doc = include_str!("../../docs/templates.md");
    let start = doc.find("## Worked example").unwrap();
    let code = &doc[start..];
    let code = &code[code.find("```toml\n").unwrap() + 8..];
    let code = &code[..code.find("```").unwrap()];
    let dir = std::env::temp_dir().join(format!("rehabplan-doc-example-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("logo.png"), tiny_png()).unwrap();
    let t = parse(code, "praxis/praxis.toml", Some(&dir)).unwrap();
    assert_eq!(t.text.document_title, "Ihr persönlicher Übungsplan");
    assert_eq!(t.text.weekdays[0], "Montag");
    assert_eq!(
        (t.page.paper, t.page.font_size, t.page.margin_left),
        (Paper::Letter, 13.0, 14.0)
    );
    // The error shown in the docs is the one the example gives with `font_size = 30`.
    let bad = code.replace("font_size = 13", "font_size = 30");
    let err = &parse(&bad, "praxis/praxis.toml", Some(&dir)).unwrap_err()[0];
    let err = crate::diag::render(err, crate::diag::Severity::Error, Some(&bad), false);
    std::fs::remove_dir_all(&dir).ok();
    assert!(
        doc.contains(&format!("```text\n{err}```")),
        "docs/templates.md should show:\n{err}"
    );
}

#[test]
fn the_screening_questions_are_all_there() {
    check(
        "[text]\nscreen_questions = [\"Is your knee sore?\"]\n",
        "t.toml:2:20: `text.screen_questions` needs exactly 12 questions, found 1\n  hint: list the general screening questions in the order of templates/en.toml",
    );
}

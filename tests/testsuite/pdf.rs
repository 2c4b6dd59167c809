//! `-o plan.pdf`: read the PDF back as a patient's printer would get it: page count and size,
//! the text (pdftotext), the structure (qpdf --check), reproducible bytes, atomic writes.

use super::*;
use std::path::Path;
use std::process::Command;

/// Runs a PDF tool, or returns None (with a notice) when it is missing outside CI.
fn tool(name: &str, args: &[&str]) -> Option<std::process::Output> {
    match Command::new(name).args(args).output() {
        Ok(out) => Some(out),
        Err(_) if std::env::var_os("CI").is_none() => {
            eprintln!(
                "notice: `{name}` is not installed; skipping that check (.ci/run installs it)"
            );
            None
        }
        Err(e) => panic!("`{name}` is needed in CI: {e}"),
    }
}

pub fn text_of(pdf: &Path) -> Option<String> {
    let out = tool("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"])?;
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    Some(String::from_utf8(out.stdout).unwrap())
}

fn qpdf_check(pdf: &Path) {
    if let Some(out) = tool("qpdf", &["--check", pdf.to_str().unwrap()]) {
        let s = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && s.contains("No syntax or stream encoding errors"),
            "qpdf --check {}: {s}",
            pdf.display()
        );
    }
}

/// Page count and the first page's size in points, read with lopdf.
fn pages(pdf: &Path) -> (usize, f32, f32) {
    let doc = lopdf::Document::load(pdf).expect("lopdf reads the PDF");
    let pages = doc.get_pages();
    let first = *pages.values().next().unwrap();
    let page = doc.get_dictionary(first).unwrap();
    let mb = page.get(b"MediaBox").unwrap().as_array().unwrap();
    let num = |o: &lopdf::Object| {
        o.as_float()
            .or_else(|_| o.as_i64().map(|i| i as f32))
            .unwrap()
    };
    (
        pages.len(),
        num(&mb[2]) - num(&mb[0]),
        num(&mb[3]) - num(&mb[1]),
    )
}

fn long_date(d: &str) -> String {
    chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
        .unwrap()
        .format("%A %-d %B %Y")
        .to_string()
}

/// One plan as PDF and as JSON with the same options.
fn make(dir: &Path, file: &str, args: &[&str]) -> serde_json::Value {
    let mut a = vec!["plan"];
    a.extend_from_slice(args);
    a.extend(["-o", file]);
    let r = run_in(dir, &a);
    assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
    assert!(r.stderr.contains(&format!("wrote {file}")), "{}", r.stderr);
    let mut j = vec!["plan"];
    j.extend_from_slice(args);
    j.extend(["--format", "json"]);
    json(&run_in(dir, &j))
}

#[test]
fn a_twelve_week_plan_prints_every_date_and_exercise() {
    let dir = scratch("pdf-content");
    let name = "Zoë Łukasiewicz";
    for cause in CAUSES {
        let file = format!("{cause}.pdf");
        let plan = make(
            &dir,
            &file,
            &[
                "--cause",
                cause,
                "--start",
                "2026-12-28",
                "--days",
                "tue,thu,sat",
                "--weeks",
                "12",
                "--name",
                name,
            ],
        );
        let path = dir.join(&file);
        let (n, w, h) = pages(&path);
        assert!(n <= 16, "{cause}: {n} pages");
        assert!(
            (w - 595.3).abs() < 0.5 && (h - 841.9).abs() < 0.5,
            "{cause}: {w} x {h} is not A4"
        );
        qpdf_check(&path);
        let Some(text) = text_of(&path) else { continue };
        assert!(text.contains(name), "{cause}: patient name missing");
        assert!(
            text.contains(&format!("page 1 of {n}")) && text.contains(&format!("page {n} of {n}")),
            "{cause}: page numbers"
        );
        assert!(
            text.contains("Stop and see a doctor if"),
            "{cause}: red flags box"
        );
        assert!(text.contains("not medical advice"), "{cause}: disclaimer");
        for w in plan["weeks"].as_array().unwrap() {
            assert!(
                text.contains(&format!("Week {} of 12", w["number"])),
                "{cause}: week {} heading",
                w["number"]
            );
            for s in w["sessions"].as_array().unwrap() {
                // Training days head the log's columns and walk-run days their rows, with the
                // short date; every day of a week with daily exercises heads the daily grid.
                let date =
                    chrono::NaiveDate::parse_from_str(s["date"].as_str().unwrap(), "%Y-%m-%d")
                        .unwrap();
                let d = if s["kind"] == "daily" {
                    date.format("%a %-d").to_string()
                } else {
                    date.format("%a %-d %b").to_string()
                };
                assert!(text.contains(&d), "{cause}: session date {d} missing");
                for e in s["exercises"].as_array().unwrap() {
                    let ename = e["name"].as_str().unwrap();
                    assert!(text.contains(ename), "{cause}: exercise {ename} missing");
                }
            }
        }
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for e in plan["exercises"].as_array().unwrap() {
            // Each card has the exercise's steps (pdftotext may wrap them).
            let first_words: String = e["instructions"][0]
                .as_str()
                .unwrap()
                .split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ");
            assert!(flat.contains(&first_words), "{cause}: no card for {}", e["id"]);
        }
    }
}

/// The page budget for a plan of `weeks` weeks in the default template: 10 pages for 6 weeks,
/// one more for each week beyond, so 16 for 12 weeks.
fn budget(weeks: u32) -> usize {
    10 + weeks.saturating_sub(6) as usize
}

#[test]
/// Every built-in cause at its own length, A4 and Letter, in every template: within the page
/// budget (large print: twice the default).
fn every_cause_prints_within_the_page_budget() {
    let dir = scratch("pdf-budget");
    for cause in CAUSES {
        let mut default_pages = 0;
        for template in ["en", "de", "large-print"] {
            for paper in ["a4", "letter"] {
                let file = format!("{cause}-{template}-{paper}.pdf");
                let plan = make(
                    &dir,
                    &file,
                    &[
                        "--cause", cause, "--start", "2027-01-04", "--days", "tue,thu,sat",
                        "--template", template, "--paper", paper,
                    ],
                );
                let weeks = plan["weeks"].as_array().unwrap().len() as u32;
                let (n, _, _) = pages(&dir.join(&file));
                if template == "en" && paper == "a4" {
                    default_pages = n;
                }
                let limit = if template == "large-print" {
                    2 * default_pages.max(1)
                } else {
                    budget(weeks)
                };
                assert!(n <= limit, "{file}: {n} pages for {weeks} weeks (at most {limit})");
            }
        }
    }
}

#[test]
/// Every built-in cause, 12 weeks, in every shipped template, on A4 and on Letter.
fn every_cause_in_every_template_on_a4_and_letter() {
    let dir = scratch("pdf-templates");
    let cases = CAUSES
        .iter()
        .flat_map(|c| ["en", "large-print", "de"].map(move |t| (*c, t)));
    for (cause, template) in cases {
        for (paper, w_pt, h_pt) in [("a4", 595.3, 841.9), ("letter", 612.0, 792.0)] {
            let file = format!("{cause}-{template}-{paper}.pdf");
            make(
                &dir,
                &file,
                &[
                    "--cause",
                    cause,
                    "--start",
                    "2027-01-04",
                    "--weeks",
                    "12",
                    "--name",
                    "Ægir Þórsson",
                    "--template",
                    template,
                    "--paper",
                    paper,
                ],
            );
            let path = dir.join(&file);
            let (n, w, h) = pages(&path);
            assert!(
                (w - w_pt).abs() < 0.5 && (h - h_pt).abs() < 0.5,
                "{file}: {w} x {h}"
            );
            qpdf_check(&path);
            if let Some(text) = text_of(&path) {
                assert!(text.contains("Ægir Þórsson"), "{file}");
                match template {
                    "de" => assert!(
                        text.contains("Seite 1 von") && text.contains("Januar 2027"),
                        "{file}: not German"
                    ),
                    _ => assert!(
                        text.contains("page 1 of") && text.contains("January 2027"),
                        "{file}"
                    ),
                }
            }
        }
    }
}

#[test]
fn the_same_inputs_give_the_same_bytes() {
    let dir = scratch("pdf-repro");
    let args = [
        "--cause",
        "meniscus",
        "--start",
        "2027-01-04",
        "--name",
        "Zoë",
    ];
    make(&dir, "a.pdf", &args);
    make(&dir, "b.pdf", &args);
    assert_eq!(
        std::fs::read(dir.join("a.pdf")).unwrap(),
        std::fs::read(dir.join("b.pdf")).unwrap()
    );
}

#[test]
fn a_failed_pdf_leaves_the_old_file() {
    let dir = scratch("pdf-atomic");
    std::fs::write(dir.join("plan.pdf"), b"old plan").unwrap();
    std::fs::write(dir.join("bad.toml"), "[page]\npaper = \"a5\"\n").unwrap();
    let r = run_in(
        &dir,
        &[
            "plan",
            "--cause",
            "pfps",
            "--template",
            "bad.toml",
            "-o",
            "plan.pdf",
        ],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.starts_with("error: bad.toml:2:9: "),
        "{}",
        r.stderr
    );
    assert_eq!(std::fs::read(dir.join("plan.pdf")).unwrap(), b"old plan");
    let r = run_in(&dir, &["plan", "--cause", "pfps", "--format", "pdf"]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stderr, "error: invalid value for --format: a PDF cannot be printed to the terminal\n  hint: add -o plan.pdf\n");
}

/// The ITBS plan says on its cover that the pain is usually lateral, and prints the walk-run
/// ladder's entry criteria with its run days.
#[test]
fn itbs_cover_and_return_to_run_in_the_pdf() {
    let dir = scratch("pdf-itbs");
    make(
        &dir,
        "itbs.pdf",
        &["--cause", "itbs", "--start", "2027-01-04"],
    );
    let Some(text) = text_of(&dir.join("itbs.pdf")) else {
        return;
    };
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("ITBS pain is usually on the OUTSIDE of the knee"),
        "location note missing"
    );
    assert!(flat.contains("Back to running"));
    assert!(flat.contains("You can walk briskly for 30 minutes without knee pain."));
    assert!(flat.contains("Walk-run, stage 1 of 6"));
}

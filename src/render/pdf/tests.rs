//! PDF tests: render hand-built plans, read them back with lopdf (page count, page size,
//! text), check the layout's invariants (nothing past the margins or into the footer, nothing
//! overlapping), reproducibility, size, and `qpdf --check` when qpdf is installed.

use super::layout::Prim;
use super::*;
use crate::plan::types::SessionKind;
use crate::template::Wording;
use crate::testdata::{sample_plan, sample_plan_for};
use crate::validate::template::{builtin, parse};

/// Writes `bytes` to $PDF_OUT_DIR/name when that variable is set (to look at the output).
fn keep(name: &str, bytes: &[u8]) {
    if let Ok(dir) = std::env::var("PDF_OUT_DIR") {
        std::fs::write(std::path::Path::new(&dir).join(name), bytes).unwrap();
    }
}

/// Text without any whitespace: lopdf joins runs without spaces and wrapped lines split
/// words, so both sides of a comparison are squashed.
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

struct Read {
    doc: lopdf::Document,
    /// Squashed text of each page.
    pages: Vec<String>,
}

impl Read {
    fn new(bytes: &[u8]) -> Read {
        let doc = lopdf::Document::load_mem(bytes).expect("lopdf reads the PDF");
        let numbers: Vec<u32> = doc.get_pages().keys().copied().collect();
        let pages = numbers
            .iter()
            .map(|n| squash(&doc.extract_text(&[*n]).expect("text")))
            .collect();
        Read { doc, pages }
    }
    fn all(&self) -> String {
        self.pages.concat()
    }
    fn has(&self, needle: &str) -> bool {
        self.all().contains(&squash(needle))
    }
    fn media_boxes(&self) -> Vec<Vec<f32>> {
        self.doc
            .get_pages()
            .values()
            .map(|id| {
                let page = self.doc.get_dictionary(*id).unwrap();
                page.get(b"MediaBox")
                    .unwrap()
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|o| o.as_float().unwrap())
                    .collect()
            })
            .collect()
    }
}

fn en() -> Template {
    builtin("en").unwrap()
}

#[test]
fn a_twelve_week_plan_prints_a_handout() {
    let plan = sample_plan(12);
    let t = en();
    let w = &t.text;
    let bytes = render(&plan, &t, &PdfOptions::default()).unwrap();
    keep("test-en-12.pdf", &bytes);
    let r = Read::new(&bytes);
    let n = r.pages.len();
    assert!(n <= 16, "{n} pages");
    assert!(r.has("Zoë Łukasiewicz"));
    // The log: every week's heading and its training sessions' dates.
    for week in &plan.weeks {
        assert!(r.has(&Wording::fill(
            &w.week_heading,
            &[("week", week.number.to_string().as_str()), ("weeks", "12")]
        )));
        for s in week
            .sessions
            .iter()
            .filter(|s| s.kind == SessionKind::Training)
        {
            assert!(
                r.has(&w.date_short(s.date)),
                "session date {} is missing",
                s.date
            );
        }
    }
    // One card per exercise (the walk-run has its own section).
    for e in plan.exercises.iter().filter(|e| e.id != "walk-run") {
        assert!(r.has(&e.name), "{} is missing", e.name);
    }
    for (i, page) in r.pages.iter().enumerate() {
        assert!(
            page.contains(&squash(&w.page_of(i + 1, n))),
            "page {} has no page number",
            i + 1
        );
        assert!(
            page.contains(&squash(&w.disclaimer_short)),
            "page {} has no short disclaimer",
            i + 1
        );
        assert!(
            page.contains(&squash(
                "Patellofemoral pain (runner's knee) · Zoë Łukasiewicz"
            )),
            "page {} footer",
            i + 1
        );
    }
    // Front pages: the traffic light with its thresholds and the warning signs.
    let front = format!("{}{}", r.pages[0], r.pages[1]);
    for line in w.pain_rule_lines(&plan.program.pain_rule) {
        assert!(front.contains(&squash(&line)));
    }
    assert!(front.contains(&squash("Stop and see a doctor if...")));
    assert!(r.has(&w.red_flags[0]) && r.has(&plan.program.red_flags[0].sign));
    // References only in the therapist's section, which is last; unverified ones marked.
    let therapist = r
        .pages
        .iter()
        .position(|p| p.contains(&squash(&w.therapist_title)))
        .expect("a therapist's section");
    let patient: String = r.pages[..therapist].concat();
    let clinician: String = r.pages[therapist..].concat();
    assert!(clinician.contains(&squash(&format!(
        "{} {}",
        plan.program.references[1].citation, w.unverified
    ))));
    assert!(!clinician.contains(&squash(&format!(
        "{} {}",
        plan.program.references[0].citation, w.unverified
    ))));
    for r in &plan.program.references {
        assert!(
            !patient.contains(&squash(&r.citation)),
            "{} on a patient page",
            r.id
        );
    }
    for word in [w.unverified.as_str(), "CC0", "Licence"] {
        assert!(
            !patient.contains(&squash(word)),
            "{word:?} on a patient page"
        );
    }
    assert!(r.has(&plan.program.location_note));
    for note in &plan.clinician_notes {
        assert!(clinician.contains(&squash(&note.text)) && !patient.contains(&squash(&note.text)));
    }
    // Back to running: the entry checklist once, then one row per run.
    assert_eq!(
        r.pages
            .iter()
            .filter(|p| p.contains(&squash(&w.run_entry_title)))
            .count(),
        1
    );
    assert!(r.has("10 single-leg hops on each side without pain"));
    // The runs are in order without a planned date, each with a line for the date it was done;
    // a stage's own checklist comes before its first run.
    assert!(
        r.has("Stage 1 of 2: walk 2 min / run 3 min, repeated · 1.6 km; 3/10"),
        "{}",
        r.all()
    );
    assert!(!r.has(&squash(&w.run_planned)));
    assert!(r.has("Before run 3, tick all of these:"));
    assert!(r.has("The fast leg-raise test feels safe"));
    assert!(r.has("Stage 2 of 2: Jog, then 4 strides at about half speed · 1.7 km (a build-up run towards 2 km"), "{}", r.all());
    assert!(r.has("Stage 2 of 2 · 2 km"));
    // Phase criteria at the end of each phase.
    assert_eq!(r.all().matches(&squash(&w.progress_title)).count(), 3);
}

#[test]
fn each_weeks_doses_read_back_from_the_cards_and_the_log() {
    let plan = sample_plan(12);
    let t = en();
    let w = &t.text;
    let r = Read::new(&render(&plan, &t, &PdfOptions::default()).unwrap());
    let text = r.all();
    let log_start = text.find(&squash(&w.log_title)).expect("the log");
    let (cards, log) = text.split_at(log_start);
    let heading = |n: u32| {
        squash(&Wording::fill(
            &w.week_heading,
            &[("week", &n.to_string()), ("weeks", "12")],
        ))
    };
    // Two weeks of a phase share a grid, headed "Week 1 of 12 · Week 2 of 12".
    let pair = |n: u32| format!("{}·{}", heading(n), heading(n + 1));
    let mut paired = 0;
    for week in &plan.weeks {
        // The log: the week's grid, with each exercise of its sessions and its dose.
        let n = week.number;
        let (at, next) = if let Some(at) = (n > 1).then(|| log.find(&pair(n - 1))).flatten() {
            (at, n + 1)
        } else if let Some(at) = log.find(&pair(n)) {
            paired += 1;
            (at, n + 2)
        } else {
            (
                log.find(&heading(n)).expect("week heading in the log"),
                n + 1,
            )
        };
        let end = log[at..]
            .find(&heading(next))
            .map(|e| at + e)
            .unwrap_or(log.len());
        let part = &log[at..end];
        // Items done on other days too are in the week's seven-day grid, whose narrower name
        // column may wrap the name: they are checked by their dose below.
        let off_days: Vec<&str> = week
            .sessions
            .iter()
            .filter(|s| s.kind != SessionKind::Training)
            .flat_map(|s| s.exercises.iter().map(|i| i.id.as_str()))
            .collect();
        for s in week
            .sessions
            .iter()
            .filter(|s| s.kind == SessionKind::Training)
        {
            for item in s
                .exercises
                .iter()
                .filter(|i| !off_days.contains(&i.id.as_str()))
            {
                let row = squash(&format!("{} p.", item.name));
                assert!(
                    part.contains(&row),
                    "week {}: {} missing",
                    week.number,
                    item.name
                );
                assert!(
                    part.contains(&squash(&w.dose(item))),
                    "week {}: {} has no dose {}",
                    week.number,
                    item.name,
                    w.dose(item)
                );
            }
        }
        // The cards: every dose of the week (a load or tempo shared by all weeks of a card
        // is printed once, so the parts are read back one by one).
        for s in &week.sessions {
            for item in s.exercises.iter().filter(|i| i.id != "walk-run") {
                for part in super::outline::dose_parts(w, item) {
                    assert!(
                        cards.contains(&squash(&part)),
                        "week {}: card dose part {part} missing",
                        week.number
                    );
                }
            }
        }
    }
    assert!(paired > 0, "no two weeks share a grid");
}

#[test]
fn a4_and_letter_have_exact_sizes_and_paper_overrides_the_template() {
    let plan = sample_plan(1);
    let a4 = Read::new(&render(&plan, &en(), &PdfOptions::default()).unwrap());
    for b in a4.media_boxes() {
        assert_eq!(b.len(), 4);
        assert!(
            (b[2] - 595.2756).abs() < 0.01 && (b[3] - 841.8898).abs() < 0.01,
            "{b:?}"
        );
    }
    let letter = Read::new(
        &render(
            &plan,
            &en(),
            &PdfOptions {
                paper: Some(Paper::Letter),
                created: 0,
            },
        )
        .unwrap(),
    );
    for b in letter.media_boxes() {
        assert_eq!(b, vec![0.0, 0.0, 612.0, 792.0]);
    }
    let t = parse("[page]\npaper = \"letter\"\n", "l.toml", None).unwrap();
    let back = Read::new(
        &render(
            &plan,
            &t,
            &PdfOptions {
                paper: Some(Paper::A4),
                created: 0,
            },
        )
        .unwrap(),
    );
    assert!((back.media_boxes()[0][2] - 595.2756).abs() < 0.01);
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let plan = sample_plan(3);
    let opts = PdfOptions {
        paper: None,
        created: 1_700_000_000,
    };
    let a = render(&plan, &en(), &opts).unwrap();
    let b = render(&plan, &en(), &opts).unwrap();
    assert!(a == b, "two renders in one process differ");
    let c = render(
        &plan,
        &en(),
        &PdfOptions {
            created: 1_700_000_001,
            ..opts.clone()
        },
    )
    .unwrap();
    assert_ne!(a, c);
    let r = Read::new(&a);
    let info = r
        .doc
        .trailer
        .get(b"Info")
        .and_then(lopdf::Object::as_reference)
        .unwrap();
    let info = r.doc.get_dictionary(info).unwrap();
    assert!(info.get(b"GTS_PDFXVersion").is_err());
    let date = info.get(b"CreationDate").unwrap().as_str().unwrap();
    assert_eq!(date, b"D:20231114221320+00'00'");
}

#[test]
fn long_and_unicode_names_wrap_and_print() {
    let long_name = format!(
        "{} {}",
        "Ægir Þórsson Zoë Łukasiewicz ".repeat(10).trim(),
        "Ö".repeat(80)
    );
    assert!(long_name.chars().count() > 300);
    let mut plan = sample_plan_for(2, Some(&long_name));
    plan.exercises[0]
        .exercise
        .instructions
        .push(format!("Press{}", "-and-hold".repeat(30)));
    plan.weeks[0].sessions[0].exercises[0].note = "x".repeat(200);
    for t in [
        en(),
        builtin("large-print").unwrap(),
        builtin("de").unwrap(),
    ] {
        for paper in Paper::ALL {
            let opts = PdfOptions {
                paper: Some(paper),
                created: 0,
            };
            assert_layout_fits(&plan, &t, &opts);
            let bytes = render(&plan, &t, &opts).unwrap();
            if paper == Paper::A4 {
                keep(&format!("test-long-{}.pdf", t.name), &bytes);
            }
            let r = Read::new(&bytes);
            assert!(r.has(&long_name), "{}: the long name is cut", t.name);
            assert!(r.has("Ægir Þórsson"));
        }
    }
}

/// Every frame inside the page's text area, above the footer, not overlapping the next; every
/// text run inside the column.
fn assert_layout_fits(plan: &Plan, t: &Template, opts: &PdfOptions) {
    let c = compose(plan, t, opts).unwrap();
    let fonts = Fonts::get().unwrap();
    for (n, page) in c.pages.iter().enumerate() {
        let (footer, body) = page.split_last().unwrap();
        assert!((footer.0 - c.footer_top).abs() < 0.01);
        let mut last_end = 0.0f32;
        for (y, f) in body {
            assert!(*y + 0.01 >= last_end, "page {}: frames overlap", n + 1);
            assert!(
                y + f.h <= c.footer_top - t.page.font_size * 0.5 + 0.01,
                "page {}: a frame reaches the footer",
                n + 1
            );
            last_end = y + f.h;
        }
        for (_, f) in page {
            for p in &f.prims {
                if let Prim::Text {
                    x,
                    text,
                    bold,
                    size,
                    baseline,
                    ..
                } = p
                {
                    let w = fonts.face(*bold).width(text, *size);
                    assert!(
                        *x >= -0.01 && x + w <= c.width + 0.05,
                        "page {}: {text:?} sticks out ({x} + {w} > {})",
                        n + 1,
                        c.width
                    );
                    assert!(
                        *baseline <= f.h + 0.01,
                        "page {}: {text:?} is below its frame",
                        n + 1
                    );
                }
            }
        }
    }
}

#[test]
fn every_template_and_paper_lays_out_within_the_margins() {
    let plan = sample_plan(13);
    for name in crate::template::builtin_names() {
        for paper in Paper::ALL {
            assert_layout_fits(
                &plan,
                &builtin(name).unwrap(),
                &PdfOptions {
                    paper: Some(paper),
                    created: 0,
                },
            );
        }
    }
}

#[test]
fn german_prints_german() {
    let plan = sample_plan(2);
    let t = builtin("de").unwrap();
    let bytes = render(&plan, &t, &PdfOptions::default()).unwrap();
    keep("test-de.pdf", &bytes);
    let r = Read::new(&bytes);
    let n = r.pages.len();
    assert!(r.has(&format!("Seite 1 von {n}")));
    assert!(r.has("Montag, 3. März 2025") && r.has("Mo, 03.03."));
    assert!(r.has("Hören Sie auf und gehen Sie zum Arzt, wenn ..."));
    assert!(r.has("2 × 10 je Seite"));
    assert!(!r.has("each side") && !r.has("Session"));
    let lang = r
        .doc
        .catalog()
        .unwrap()
        .get(b"Lang")
        .unwrap()
        .as_str()
        .unwrap()
        .to_vec();
    assert_eq!(lang, b"de");
}

#[test]
fn large_print_is_larger() {
    let plan = sample_plan(2);
    let normal = Read::new(&render(&plan, &en(), &PdfOptions::default()).unwrap())
        .pages
        .len();
    let large = Read::new(
        &render(
            &plan,
            &builtin("large-print").unwrap(),
            &PdfOptions::default(),
        )
        .unwrap(),
    )
    .pages
    .len();
    assert!(large as f32 > normal as f32 * 1.5, "{large} vs {normal}");
}

#[test]
fn headings_are_never_last_on_a_page() {
    let long = format!("{} {}", "Ægir Þórsson ".repeat(20).trim(), "Ö".repeat(80));
    for plan in [sample_plan(13), sample_plan_for(3, Some(&long))] {
        for name in crate::template::builtin_names() {
            for paper in Paper::ALL {
                let t = builtin(name).unwrap();
                let c = compose(
                    &plan,
                    &t,
                    &PdfOptions {
                        paper: Some(paper),
                        created: 0,
                    },
                )
                .unwrap();
                for (n, page) in c.pages.iter().enumerate() {
                    let (_, body) = page.split_last().unwrap();
                    let last = body.iter().rev().find(|(_, f)| !f.space);
                    assert!(
                        last.is_none_or(|(_, f)| !f.heading) || n + 1 == c.pages.len(),
                        "{name} {paper}: page {} ends with a heading: {:?}",
                        n + 1,
                        last.map(|(_, f)| f
                            .prims
                            .iter()
                            .filter_map(|p| match p {
                                Prim::Text { text, .. } => Some(text.clone()),
                                _ => None,
                            })
                            .collect::<Vec<_>>())
                    );
                }
            }
        }
    }
}

#[test]
fn a_clinic_with_a_logo_is_printed() {
    let dir = std::env::temp_dir().join(format!("rehabplan-pdf-logo-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("logo.png"), crate::template::tests::tiny_png()).unwrap();
    let t = parse(
        "[clinic]\nname = \"Riverside Physiotherapy\"\naddress = \"12 River Street\\nSpringfield\"\nphone = \"01234 567890\"\nlogo = \"logo.png\"\n",
        "clinic.toml",
        Some(&dir),
    )
    .unwrap();
    std::fs::remove_dir_all(&dir).ok();
    let bytes = render(&sample_plan(1), &t, &PdfOptions::default()).unwrap();
    keep("test-clinic.pdf", &bytes);
    let r = Read::new(&bytes);
    assert!(r.pages[0].contains(&squash("12 River Street")));
    for page in &r.pages[1..] {
        assert!(page.contains(&squash("Riverside Physiotherapy · Phone: 01234 567890")));
    }
    let images = r.doc.objects.values().filter(|o| matches!(o.as_stream().ok().and_then(|s| s.dict.get(b"Subtype").ok()), Some(lopdf::Object::Name(n)) if n == b"Image")).count();
    assert_eq!(images, 1);
    assert_eq!(
        render(&sample_plan(1), &t, &PdfOptions::default()).unwrap(),
        bytes
    );
}

#[test]
fn fonts_are_embedded_as_subsets() {
    let bytes = render(&sample_plan(1), &en(), &PdfOptions::default()).unwrap();
    let r = Read::new(&bytes);
    let mut names = Vec::new();
    for o in r.doc.objects.values() {
        if let Ok(d) = o.as_dict() {
            if d.get(b"Type").ok().and_then(|t| t.as_name().ok())
                == Some(b"FontDescriptor".as_slice())
            {
                let name = String::from_utf8_lossy(d.get(b"FontName").unwrap().as_name().unwrap())
                    .to_string();
                let file = d.get(b"FontFile2").unwrap().as_reference().unwrap();
                let len = r
                    .doc
                    .get_object(file)
                    .unwrap()
                    .as_stream()
                    .unwrap()
                    .content
                    .len();
                assert!(len < 40_000, "{name} is {len} bytes: not subset");
                names.push(name);
            }
        }
    }
    names.sort();
    assert_eq!(names, ["RPLANB+DejaVuSans-Bold", "RPLANR+DejaVuSans"]);
}

#[test]
fn size_and_time_of_a_twelve_week_plan() {
    // The sample: 10 exercises per training session, 2 stretches on rest days, walk-run days.
    let full = sample_plan(12);
    // The brief's yardstick: about 8 exercises per session.
    let mut eight = sample_plan(12);
    for s in eight.weeks.iter_mut().flat_map(|w| w.sessions.iter_mut()) {
        s.exercises.truncate(8);
    }
    for (plan, limit) in [(full, 150), (eight, 130)] {
        let per_session = plan.weeks[0].sessions[0].exercises.len();
        let start = std::time::Instant::now();
        let bytes = render(&plan, &en(), &PdfOptions::default()).unwrap();
        let took = start.elapsed();
        let pages = Read::new(&bytes).pages.len();
        eprintln!(
            "12 weeks, {per_session} exercises per session: {} KB, {pages} pages, {took:?}",
            bytes.len() / 1024
        );
        assert!(bytes.len() < limit * 1024, "{} bytes", bytes.len());
    }
}

/// In CI (`CI` set to anything but "", "0" or "false") a missing PDF tool fails the test.
fn in_ci() -> bool {
    std::env::var("CI")
        .is_ok_and(|v| !matches!(v.trim().to_lowercase().as_str(), "" | "0" | "false"))
}

#[test]
fn qpdf_finds_no_problem() {
    let Ok(out) = std::process::Command::new("qpdf").arg("--version").output() else {
        assert!(
            !in_ci(),
            "qpdf is needed in CI (CI is set); install it (apt-get install qpdf)"
        );
        eprintln!("notice: qpdf is not installed, skipping `qpdf --check` (apt-get install qpdf)");
        return;
    };
    assert!(out.status.success());
    let path = std::env::temp_dir().join(format!("rehabplan-qpdf-{}.pdf", std::process::id()));
    let mut plan = sample_plan(3);
    plan.warnings
        .push("Week 3 repeats week 2 because --weeks is longer than the program.".into());
    std::fs::write(
        &path,
        render(&plan, &builtin("de").unwrap(), &PdfOptions::default()).unwrap(),
    )
    .unwrap();
    let check = std::process::Command::new("qpdf")
        .arg("--check")
        .arg(&path)
        .output()
        .unwrap();
    std::fs::remove_file(&path).ok();
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert!(
        check.status.success(),
        "qpdf --check failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&check.stderr)
    );
    assert!(
        stdout.contains("No syntax or stream encoding errors found"),
        "{stdout}"
    );
}

#[test]
fn errors_say_what_to_do() {
    let mut plan = sample_plan(1);
    plan.weeks.clear();
    let e = render(&plan, &en(), &PdfOptions::default()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "the plan has no weeks, so there is nothing to print; give the plan at least one week"
    );
    let e = render(
        &sample_plan(1),
        &en(),
        &PdfOptions {
            paper: None,
            created: -5,
        },
    )
    .unwrap_err();
    assert!(
        e.to_string()
            .contains("set SOURCE_DATE_EPOCH to Unix seconds"),
        "{e}"
    );
}

#[test]
fn a_plan_without_patient_or_rest_days_still_prints() {
    let mut plan = sample_plan_for(1, None);
    for w in &mut plan.weeks {
        w.sessions.retain(|s| s.kind == SessionKind::Training);
    }
    plan.program.location_note.clear();
    plan.program.references.clear();
    let r = Read::new(&render(&plan, &en(), &PdfOptions::default()).unwrap());
    assert!(!r.has("Rest days"));
    assert!(r.pages[0].contains(&squash("Patellofemoral pain (runner's knee)page 1 of")));
}

/// The samples a person looks at (with PDF_OUT_DIR set they are also written there): every
/// template on A4 and Letter, a clinic with a logo, and a long Unicode name. Each is read back:
/// the paper, the title, the clinic's name and its logo image, the whole name.
#[test]
fn samples_render_and_read_back() {
    let plan = sample_plan(12);
    for name in crate::template::builtin_names() {
        for paper in Paper::ALL {
            let bytes = render(
                &plan,
                &builtin(name).unwrap(),
                &PdfOptions {
                    paper: Some(paper),
                    created: 0,
                },
            )
            .unwrap();
            let r = Read::new(&bytes);
            let (w, h) = paper.size_pt();
            for b in r.media_boxes() {
                assert!(
                    (b[2] - w).abs() < 0.01 && (b[3] - h).abs() < 0.01,
                    "{name} {paper}: {b:?}"
                );
            }
            assert!(
                r.pages[0].contains(&squash(&plan.program.title)),
                "{name} {paper}"
            );
            keep(&format!("sample-{name}-{paper}.pdf"), &bytes);
        }
    }
    let dir = std::env::temp_dir().join(format!("rehabplan-sample-logo-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let logo = crate::template::tests::png(360, 120, |x, y| {
        let inside = (x as i32 - 60).pow(2) + (y as i32 - 60).pow(2) < 50 * 50;
        if inside {
            [0x1f, 0x6f, 0x8b]
        } else if x > 130 && (40..80).contains(&y) && x % 40 < 30 {
            [0x33, 0x33, 0x33]
        } else {
            [255, 255, 255]
        }
    });
    std::fs::write(dir.join("logo.png"), logo).unwrap();
    let t = parse(
        "extends = \"de\"\n[clinic]\nname = \"Physiotherapie am Fluss\"\naddress = \"Flussstraße 12\\n12345 Musterstadt\"\nphone = \"01234 567890\"\nlogo = \"logo.png\"\n",
        "praxis.toml",
        Some(&dir),
    )
    .unwrap();
    std::fs::remove_dir_all(&dir).ok();
    let clinic = render(&sample_plan(2), &t, &PdfOptions::default()).unwrap();
    let r = Read::new(&clinic);
    assert!(r.pages[0].contains(&squash("Physiotherapie am Fluss")));
    let images: Vec<(i64, i64)> = r
        .doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| {
            s.dict.get(b"Subtype").and_then(|v| v.as_name()).ok() == Some(b"Image".as_slice())
        })
        .map(|s| {
            let n = |k: &[u8]| s.dict.get(k).and_then(|v| v.as_i64()).unwrap_or(0);
            (n(b"Width"), n(b"Height"))
        })
        .collect();
    assert_eq!(images, [(360, 120)], "the logo, once, at its own size");
    keep("sample-clinic-de.pdf", &clinic);
    let long = format!(
        "{} {}",
        "Ægir Þórsson Zoë Łukasiewicz ".repeat(10).trim(),
        "Ö".repeat(80)
    );
    let long_pdf = render(
        &sample_plan_for(2, Some(&long)),
        &en(),
        &PdfOptions::default(),
    )
    .unwrap();
    assert!(Read::new(&long_pdf).pages[0].contains(&squash(&long)));
    keep("sample-long-name.pdf", &long_pdf);
}

#[test]
fn characters_the_font_lacks_print_as_question_marks() {
    let t = parse("[text]\nlog_title = \"完成 Sets done\"\n", "cjk.toml", None).unwrap();
    let plan = sample_plan_for(1, Some("王小明 Wang"));
    assert_layout_fits(&plan, &t, &PdfOptions::default());
    let r = Read::new(&render(&plan, &t, &PdfOptions::default()).unwrap());
    assert!(r.has("??? Wang") && r.has("?? Sets done"));
}

#[test]
fn large_print_has_no_text_below_14_pt() {
    let plan = sample_plan(12);
    let t = builtin("large-print").unwrap();
    for paper in Paper::ALL {
        let c = compose(
            &plan,
            &t,
            &PdfOptions {
                paper: Some(paper),
                created: 0,
            },
        )
        .unwrap();
        for (n, page) in c.pages.iter().enumerate() {
            for (_, f) in page {
                for p in &f.prims {
                    if let Prim::Text { size, text, .. } = p {
                        assert!(
                            *size >= 14.0 - 1e-3,
                            "{paper} page {}: {text:?} at {size} pt",
                            n + 1
                        );
                    }
                }
            }
        }
    }
}

/// Every built-in program at its own length, trained Tuesday, Thursday and Saturday.
fn builtin_plans() -> Vec<Plan> {
    let v = crate::validate::check(crate::load::parse_all(crate::load::builtin_sources()), true);
    assert!(v.diagnostics.is_empty(), "{:?}", v.diagnostics);
    let start = chrono::NaiveDate::from_ymd_opt(2026, 12, 28).unwrap();
    v.catalog
        .programs
        .values()
        .map(|p| {
            let mut o = crate::plan::Options::new(start);
            o.days = Some(vec![
                chrono::Weekday::Tue,
                chrono::Weekday::Thu,
                chrono::Weekday::Sat,
            ]);
            crate::plan::plan(&v.catalog.library, p, &o)
        })
        .collect()
}

/// The first words on a page's first content frame (after the running header).
fn first_text(page: &PlacedPage, skip: usize) -> String {
    page.iter()
        .skip(skip)
        .flat_map(|(_, f)| f.prims.iter())
        .find_map(|p| match p {
            Prim::Text { text, .. } => Some(text.clone()),
            _ => None,
        })
        .unwrap_or_default()
}

#[test]
fn no_page_is_less_than_a_third_full_except_a_sections_last() {
    for t in [
        builtin("en").unwrap(),
        builtin("de").unwrap(),
        builtin("large-print").unwrap(),
    ] {
        let w = &t.text;
        // A page may end short when the next one starts a new section.
        let sections = [
            w.overview_title.as_str(),
            w.cards_title.as_str(),
            w.log_title.as_str(),
            w.run_title.as_str(),
            w.therapist_title.as_str(),
        ];
        for paper in [Paper::A4, Paper::Letter] {
            for plan in builtin_plans() {
                let opts = PdfOptions {
                    paper: Some(paper),
                    ..PdfOptions::default()
                };
                let c = compose(&plan, &t, &opts).unwrap();
                let header = usize::from(t.clinic.is_some());
                let avail = c.footer_top - t.page.font_size * 0.5;
                for (n, page) in c.pages.iter().enumerate() {
                    let Some(next) = c.pages.get(n + 1) else {
                        continue;
                    };
                    let skip = if n == 0 { 0 } else { header };
                    let (_, body) = page.split_last().unwrap();
                    let used = body
                        .iter()
                        .skip(skip)
                        .map(|(y, f)| y + f.h)
                        .fold(0.0f32, f32::max);
                    let starts = first_text(next, header);
                    let section_ends = sections.iter().any(|s| starts.starts_with(s));
                    assert!(
                        used >= avail / 3.0 || section_ends,
                        "{} ({}, {paper}): page {} of {} is {:.0}% full and the next starts {starts:?}",
                        plan.program.id,
                        t.name,
                        n + 1,
                        c.pages.len(),
                        100.0 * used / avail
                    );
                }
            }
        }
    }
}

#[test]
fn the_log_names_the_page_of_each_exercises_card() {
    let plan = sample_plan(12);
    let t = en();
    let r = Read::new(&render(&plan, &t, &PdfOptions::default()).unwrap());
    let log_page = r
        .pages
        .iter()
        .position(|p| p.contains(&squash(&t.text.log_title)))
        .expect("the log");
    let log = r.pages[log_page..].concat();
    for e in &plan.exercises {
        let name = squash(&e.name);
        let Some(card) = r.pages[..log_page].iter().position(|p| p.contains(&name)) else {
            continue;
        };
        let at = log
            .find(&name)
            .unwrap_or_else(|| panic!("{} not in the log", e.name));
        let near: String = log[at..].chars().take(name.chars().count() + 40).collect();
        assert!(
            near.contains(&format!("p.{}", card + 1)),
            "{}: card on page {}, log says {near}",
            e.name,
            card + 1
        );
    }
}

/// Twice-daily work (Askling's extender) gets two tick boxes a day in the log's seven-day grid:
/// one more box on each of the seven days of each week than once-daily work.
#[test]
fn twice_daily_work_has_two_ticks_a_day_in_the_log() {
    let boxes = |plan: &Plan| -> usize {
        let c = compose(plan, &en(), &PdfOptions::default()).unwrap();
        c.pages
            .iter()
            .flatten()
            .flat_map(|(_, f)| &f.prims)
            .filter(|p| {
                matches!(p, Prim::Rect { w, h, fill: None, stroke: Some((_, s)), .. }
                    if (w - h).abs() < 0.01 && (*s - 0.8).abs() < 0.01)
            })
            .count()
    };
    let once = sample_plan(2);
    let mut twice = once.clone();
    for s in twice.weeks.iter_mut().flat_map(|w| w.sessions.iter_mut()) {
        for it in s
            .exercises
            .iter_mut()
            .filter(|i| i.id == "hip-flexor-stretch")
        {
            it.times_a_day = 2;
        }
    }
    assert_eq!(boxes(&twice), boxes(&once) + 2 * 7);
}

/// A page that continues a section or a week says so once: a table's repeated header and the
/// section's context line never both print "Week 3 of 12 · ... (continued)".
#[test]
fn a_continued_line_is_printed_once_a_page() {
    for_every_layout(|label, c, t| {
        let tail = Wording::fill(&t.text.continued, &[("title", "")]);
        for (n, page) in c.pages.iter().enumerate() {
            let lines: Vec<&str> = page
                .iter()
                .flat_map(|(_, f)| &f.prims)
                .filter_map(|p| match p {
                    Prim::Text { text, .. } if text.ends_with(tail.trim()) => Some(text.as_str()),
                    _ => None,
                })
                .collect();
            let mut unique = lines.clone();
            unique.dedup();
            assert_eq!(lines, unique, "{label}, page {}", n + 1);
        }
    });
}

/// Composes every built-in plan in every built-in template on A4 and Letter, and hands each
/// to `check` (with a label for its messages).
fn for_every_layout(mut check: impl FnMut(&str, &super::Composed, &Template)) {
    for t in [
        en(),
        builtin("de").unwrap(),
        builtin("large-print").unwrap(),
    ] {
        for plan in builtin_plans() {
            for paper in [Paper::A4, Paper::Letter] {
                let opts = PdfOptions {
                    paper: Some(paper),
                    ..PdfOptions::default()
                };
                let c = compose(&plan, &t, &opts).unwrap();
                check(
                    &format!("{} ({}, {paper})", plan.program.id, t.name),
                    &c,
                    &t,
                );
            }
        }
    }
}

/// Every set of up to three has its own tick box in the log, in every template and on both
/// papers: the default print puts two weeks side by side, large print keeps a grid a week with
/// room for the boxes (no "one box ×3" in place of three).
#[test]
fn the_log_has_a_tick_box_for_each_of_up_to_three_sets() {
    for_every_layout(|label, c, _| {
        let counts: Vec<&str> = c
            .pages
            .iter()
            .flatten()
            .flat_map(|(_, f)| &f.prims)
            .filter_map(|p| match p {
                Prim::Text { text, .. } if ["×1", "×2", "×3"].contains(&text.as_str()) => {
                    Some(text.as_str())
                }
                _ => None,
            })
            .collect();
        assert!(counts.is_empty(), "{label}: {counts:?}");
    });
}

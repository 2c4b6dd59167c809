//! What the handout says: the sections of a plan read back from the PDF (log weeks, cards,
//! footers, front pages, references only for the therapist, back to running), in German too,
//! with a clinic, a long name and characters the font lacks.

use super::*;

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
    assert_every_week_in_the_log(&r, &plan, w);
    // One card per exercise (the walk-run has its own section).
    for e in plan.exercises.iter().filter(|e| e.id != "walk-run") {
        assert!(r.has(&e.name), "{} is missing", e.name);
    }
    assert_every_page_has_its_footer(&r, w);
    assert_front_pages(&r, &plan, w);
    assert_references_only_for_the_therapist(&r, &plan, w);
    assert_back_to_running(&r, w);
    // Phase criteria at the end of each phase.
    assert_eq!(r.all().matches(&squash(&w.progress_title)).count(), 3);
}

/// The log: every week's heading and its training sessions' dates.
fn assert_every_week_in_the_log(r: &Read, plan: &Plan, w: &Wording) {
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
}

/// Every page has its number, the short disclaimer and the footer with the patient's name.
fn assert_every_page_has_its_footer(r: &Read, w: &Wording) {
    let n = r.pages.len();
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
}

/// Front pages: the traffic light with its thresholds and the warning signs.
fn assert_front_pages(r: &Read, plan: &Plan, w: &Wording) {
    let front = format!("{}{}", r.pages[0], r.pages[1]);
    for line in w.pain_rule_lines(&plan.program.pain_rule) {
        assert!(front.contains(&squash(&line)));
    }
    assert!(front.contains(&squash("Stop and see a doctor if...")));
    assert!(r.has(&w.red_flags[0]) && r.has(&plan.program.red_flags[0].sign));
}

/// References only in the therapist's section, which is last; unverified ones marked.
fn assert_references_only_for_the_therapist(r: &Read, plan: &Plan, w: &Wording) {
    let therapist = r
        .pages
        .iter()
        .position(|p| p.contains(&squash(&w.therapist_title)))
        .expect("a therapist's section");
    let patient: String = r.pages[..therapist].concat();
    let clinician: String = r.pages[therapist..].concat();
    // The unverified mark closes the reference's entry (after "(Pain rule)" on the pain
    // rule's source).
    let cited = squash(&plan.program.references[1].citation);
    let at = clinician
        .find(&cited)
        .expect("the unverified reference is listed");
    let entry: String = clinician[at + cited.len()..].chars().take(40).collect();
    assert!(entry.contains(&squash(&w.unverified)), "{entry}");
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
}

/// Back to running: the entry checklist once, then one row per run.
fn assert_back_to_running(r: &Read, w: &Wording) {
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
            let opts = on_paper(paper);
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

#[test]
fn characters_the_font_lacks_print_as_question_marks() {
    let t = parse("[text]\nlog_title = \"完成 Sets done\"\n", "cjk.toml", None).unwrap();
    let plan = sample_plan_for(1, Some("王小明 Wang"));
    assert_layout_fits(&plan, &t, &PdfOptions::default());
    let r = Read::new(&render(&plan, &t, &PdfOptions::default()).unwrap());
    assert!(r.has("??? Wang") && r.has("?? Sets done"));
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

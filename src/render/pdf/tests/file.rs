//! The PDF file itself: page sizes, the same bytes for the same input, font subsets, size,
//! `qpdf --check`, error messages, and the samples read back.

use super::*;

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
    let letter = Read::new(&render(&plan, &en(), &on_paper(Paper::Letter)).unwrap());
    for b in letter.media_boxes() {
        assert_eq!(b, vec![0.0, 0.0, 612.0, 792.0]);
    }
    let t = parse("[page]\npaper = \"letter\"\n", "l.toml", None).unwrap();
    let back = Read::new(&render(&plan, &t, &on_paper(Paper::A4)).unwrap());
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

/// The samples a person looks at (with PDF_OUT_DIR set they are also written there): every
/// template on A4 and Letter, a clinic with a logo, and a long Unicode name. Each is read back:
/// the paper, the title, the clinic's name and its logo image, the whole name.
#[test]
fn samples_render_and_read_back() {
    let plan = sample_plan(12);
    for name in crate::template::builtin_names() {
        for paper in Paper::ALL {
            let bytes = render(&plan, &builtin(name).unwrap(), &on_paper(paper)).unwrap();
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

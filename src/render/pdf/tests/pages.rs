//! Pagination and layout: nothing past the margins or into the footer, headings never last
//! on a page, no page under a third full, a continued line once a page, large print.

use super::*;

#[test]
fn every_template_and_paper_lays_out_within_the_margins() {
    let plan = sample_plan(13);
    for name in crate::template::builtin_names() {
        for paper in Paper::ALL {
            assert_layout_fits(&plan, &builtin(name).unwrap(), &on_paper(paper));
        }
    }
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
                let c = compose(&plan, &t, &on_paper(paper)).unwrap();
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
fn large_print_has_no_text_below_14_pt() {
    let plan = sample_plan(12);
    let t = builtin("large-print").unwrap();
    for paper in Paper::ALL {
        let c = compose(&plan, &t, &on_paper(paper)).unwrap();
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

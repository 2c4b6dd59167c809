//! `figure`: figures drawn from pose data; one exact message per kind of figure mistake.

use super::*;

fn check(fixture: &str, expected: &str) {
    let path = format!("tests/fixtures/figures/{fixture}.toml");
    let r = run(&["validate", &path]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(r.stderr, expected);
}

#[test]
fn a_knee_bent_past_the_human_range_is_refused() {
    check(
        "bad-knee",
        "\
error: tests/fixtures/figures/bad-knee.toml:18:27: `knee` = 170 is outside the human range
   |
18 | both = { hip = 60, knee = 170 }
   |                           ^^^
  hint: knee: flexion (0 = straight), from 0 to 160 degrees (AAOS 1965)
1 problem found in the input files
",
    );
}

#[test]
fn an_unknown_joint_gets_a_suggestion() {
    check(
        "unknown-joint",
        "\
error: tests/fixtures/figures/unknown-joint.toml:16:11: unknown joint `kne`
   |
16 | right = { kne = 45 }
   |           ^^^
  hint: did you mean `knee`?
1 problem found in the input files
",
    );
}

#[test]
fn an_unknown_prop_gets_a_suggestion() {
    check(
        "unknown-prop",
        "\
error: tests/fixtures/figures/unknown-prop.toml:13:19: unknown prop `stpe`
   |
13 | props = [{ kind = \"stpe\", height = 20 }]
   |                   ^^^^^^
  hint: did you mean `step`?
1 problem found in the input files
",
    );
}

#[test]
fn a_foot_that_cannot_reach_its_step_is_refused() {
    check(
        "unreachable",
        "\
error: tests/fixtures/figures/unreachable.toml:20:3: in the start pose `right-foot` cannot reach the step: it misses by 8 cm
   |
20 |   { point = \"right-foot\", on = \"step\", solve = \"right.knee\" },
   |   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  hint: no angle of `right.knee` from 0 to 160 degrees reaches it; change the other angles or the height (80 cm)
1 problem found in the input files
",
    );
}

#[test]
fn a_figure_needs_a_start_pose() {
    check(
        "no-start",
        "\
error: tests/fixtures/figures/no-start.toml:12:1: the figure has no start pose
   |
12 | [exercise.figure]
   | ^^^^^^^^^^^^^^^^^
  hint: add [exercise.figure.start] with at least `body = \"standing\"` (or supine, side-lying, ...)
1 problem found in the input files
",
    );
}

#[test]
fn figure_writes_an_svg_and_a_pdf() {
    let dir = scratch("figure-out");
    let r = run_in(&dir, &["figure", "clamshell", "-o", "clamshell.svg"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let svg = std::fs::read_to_string(dir.join("clamshell.svg")).unwrap();
    assert!(
        svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
        "{svg}"
    );
    assert!(svg.contains("stroke-linecap=\"round\""));
    let r = run_in(&dir, &["figure", "clamshell", "-o", "clamshell.pdf"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let pdf = lopdf::Document::load(dir.join("clamshell.pdf")).expect("a PDF");
    assert_eq!(pdf.get_pages().len(), 1);
}

#[test]
fn figure_previews_a_therapists_own_file() {
    let dir = scratch("figure-own");
    std::fs::copy(fixture("figures/bad-knee.toml"), dir.join("mine.toml")).unwrap();
    let text = std::fs::read_to_string(dir.join("mine.toml"))
        .unwrap()
        .replace("170", "50");
    std::fs::write(dir.join("mine.toml"), text).unwrap();
    let r = run_in(&dir, &["--programs", ".", "figure", "fig-bad-knee"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("<svg"), "{}", r.stdout);
}

#[test]
fn figure_names_an_unknown_id_and_an_exercise_without_a_figure() {
    let r = run(&["figure", "clamshel", "-o", "x.svg"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("unknown exercise id `clamshel`"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("did you mean `clamshell`?"),
        "{}",
        r.stderr
    );
}

#[test]
fn the_gallery_prints_every_exercise_with_its_figure() {
    let dir = crate::scratch("gallery");
    let out = dir.join("gallery.pdf");
    let r = crate::run(&["exercises", "--gallery", "-o", out.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stderr,
        format!("wrote {} (63 exercises)\n", out.display())
    );
    let Some(text) = crate::pdf::text_of(&out) else {
        return;
    };
    for id in [
        "clamshell",
        "copenhagen-long-lever",
        "askling-extender",
        "glute-bridge",
        "step-up",
    ] {
        assert!(text.contains(id), "{id} missing from the gallery");
    }
}

#[test]
fn figure_refuses_a_format_it_cannot_write_and_writes_nothing() {
    let dir = scratch("figure-png");
    let r = run_in(&dir, &["figure", "clamshell", "-o", "clamshell.png"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: invalid value for --output: `clamshell.png`: figures are drawn as SVG or PDF, not .png\n  \
         hint: give a file name ending in .svg (opens in a browser) or .pdf\n"
    );
    assert!(!dir.join("clamshell.png").exists());
}

//! `batch`: one plan per CSV row; bad rows are reported by line and do not stop the others.

use super::*;

#[test]
fn good_rows_are_written_and_bad_rows_reported_by_line() {
    let dir = scratch("batch");
    std::fs::write(
        dir.join("patients.csv"),
        "name,cause,start,days,weeks\n\
         Zoë Łukasiewicz,runners-knee,2026-12-28,\"tue,thu,sat\",8\n\
         Ægir Þórsson,itbs,2027-01-04,,\n\
         Bad Cause,runners-kne,2027-01-04,,\n\
         Bad Date,pfps,2027-02-30,,\n\
         Zoë Łukasiewicz,runners-knee,2027-03-01,,\n\
         Unquoted Days,pfps,2027-01-04,mon,wed,fri,6\n\
         Last Row,itbs,,,\n",
    )
    .unwrap();
    let r = run_in(
        &dir,
        &[
            "batch",
            "patients.csv",
            "--out-dir",
            "out",
            "--ics",
            "--json",
        ],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(
        r.stderr,
        "error: patients.csv:4: column `cause`: unknown cause `runners-kne` (did you mean `runners-knee`?)\n\
         error: patients.csv:5: column `start`: `2027-02-30` is not a date (write the date as YYYY-MM-DD, e.g. 2026-12-28, or today)\n\
         error: patients.csv:7: this row has 7 fields; the header has 5 (quote a value that has commas in it, e.g. \"mon,wed,fri\")\n\
         wrote 4 of 7 plans to out\n"
    );
    let mut files: Vec<String> = std::fs::read_dir(dir.join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            "last-row-itbs.ics",
            "last-row-itbs.json",
            "last-row-itbs.pdf",
            "zoë-łukasiewicz-runners-knee-line6.ics",
            "zoë-łukasiewicz-runners-knee-line6.json",
            "zoë-łukasiewicz-runners-knee-line6.pdf",
            "zoë-łukasiewicz-runners-knee.ics",
            "zoë-łukasiewicz-runners-knee.json",
            "zoë-łukasiewicz-runners-knee.pdf",
            "ægir-þórsson-itbs.ics",
            "ægir-þórsson-itbs.json",
            "ægir-þórsson-itbs.pdf",
        ]
    );
    let v: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("out/zoë-łukasiewicz-runners-knee.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(v["patient"], "Zoë Łukasiewicz");
    assert_eq!(v["weeks"].as_array().unwrap().len(), 8);
    assert_eq!(v["training_days"], serde_json::json!(["tue", "thu", "sat"]));
    let pdf = std::fs::read(dir.join("out/ægir-þórsson-itbs.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
}

#[test]
fn a_csv_with_an_unknown_column_is_refused_before_any_work() {
    let dir = scratch("batch-columns");
    std::fs::write(dir.join("p.csv"), "name,cuase,start\nA,pfps,2027-01-04\n").unwrap();
    let r = run_in(&dir, &["batch", "p.csv", "--out-dir", "out"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: p.csv:1:6: unknown column `cuase`\n  |\n1 | name,cuase,start\n  |      ^^^^^\n  hint: did you mean `cause`?\nerror: p.csv: there is no `cause` column\n  hint: the first row names the columns: name, cause, start, days, weeks, level, equipment, minutes\n2 problems found in the input files\n"
    );
}

#[test]
fn crlf_files_give_the_right_line_numbers() {
    // What Excel and Python's csv module write: CRLF line ends, and a quoted value with a
    // line break in it (the next row's line counts it).
    let dir = scratch("batch-crlf");
    std::fs::write(
        dir.join("p.csv"),
        "name,cause,start\r\nA,pfps,2027-01-04\r\n\"B\r\nsecond line\",pfps,2027-13-01\r\nC,pfps,2027-01-04,extra\r\nD,nope,2027-01-04\r\n",
    )
    .unwrap();
    let r = run_in(&dir, &["batch", "p.csv", "--out-dir", "out"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: p.csv:3: column `start`: `2027-13-01` is not a date (write the date as YYYY-MM-DD, e.g. 2026-12-28, or today)\n\
         error: p.csv:5: this row has 4 fields; the header has 3 (quote a value that has commas in it, e.g. \"mon,wed,fri\")\n\
         error: p.csv:6: column `cause`: unknown cause `nope` (use one of: adductor-strain, hamstring-strain, itbs, knee-oa, meniscus, pes-anserine, pfps (see `rehabplan causes`))\n\
         wrote 1 of 4 plans to out\n"
    );
}

#[test]
fn quiet_batches_print_only_the_problems() {
    let dir = scratch("batch-quiet");
    std::fs::write(dir.join("p.csv"), "name,cause\nA,pfps\nB,nope\n").unwrap();
    let r = run_in(&dir, &["batch", "p.csv", "--out-dir", "out", "--quiet"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .starts_with("error: p.csv:3: column `cause`: unknown cause `nope`"),
        "{}",
        r.stderr
    );
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(dir.join("out/a-pfps.pdf").exists());
}

#[test]
fn a_progress_bar_on_a_terminal_only() {
    let dir = scratch("batch-progress");
    let rows: String = (0..12).map(|i| format!("P{i},pfps\n")).collect();
    std::fs::write(dir.join("p.csv"), format!("name,cause\n{rows}")).unwrap();
    let Some(out) = run_in_terminal(&dir, "rehabplan batch p.csv --out-dir out") else {
        return;
    };
    assert!(out.contains("/12 plans"), "{out:?}");
    assert!(out.ends_with("wrote 12 of 12 plans to out\n"), "{out:?}");
    // Not a terminal: only the summary.
    let r = run_in(&dir, &["batch", "p.csv", "--out-dir", "out2"]);
    assert_eq!(r.stderr, "wrote 12 of 12 plans to out2\n");
}

//! Fuzz loading and validating a program, exercise or template file layered on the built-ins.
//! Any input must give diagnostics (or none), never a panic or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = rehabplan::validate::check_text("fuzz.toml", text);
    }
});

//! Arbitrary bytes as a topics file, and as an `--order` list: decoding,
//! checking and every view of the report must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use prereq::query::check::CheckOptions;
use prereq::input::source::SourceFile;

fuzz_target!(|data: &[u8]| {
    // The loader reads `.json` names as JSON, everything else as YAML.
    check_as("fuzz.json", data);
    check_as("fuzz.yaml", data);
});

fn check_as(name: &str, data: &[u8]) {
    let order = SourceFile::new("order.txt", String::from_utf8_lossy(data).into_owned());
    let (source, report) = match prereq::input::load::decode(name, data.to_vec()) {
        Ok(source) => {
            let options = CheckOptions {
                allow: Vec::new(),
                order: Some(&order),
            };
            let report = prereq::query::check::check(&source, &options);
            (source, report)
        }
        Err((source, diagnostic)) => {
            let report = prereq::query::check::unreadable(&source, *diagnostic);
            (source, report)
        }
    };
    prereq::view::report::text(&report, &source, Some(&order), false);
    prereq::view::report::json(&report);
    prereq::view::report::github(&report);
}

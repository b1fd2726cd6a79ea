//! Every CLI behaviour as one case under tests/cmd: arguments, expected
//! output and exit code, written out in full.

#[test]
fn cli_cases() {
    trycmd::TestCases::new()
        .env("NO_COLOR", "1")
        .case("tests/cmd/*.md")
        .case("README.md");
}

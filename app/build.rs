//! Generates the `i18n` module from `locales/<locale>/<namespace>.json` (leptos_i18n).

use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};
use std::path::PathBuf;

include!("src/i18n_namespaces.rs");

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=src/i18n_namespaces.rs");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("i18n");
    // English is the default: a browser asking for a language Tugi does not offer gets the one
    // its visitors are most likely to read.
    let cfg = Config::new("en")
        .and_then(|c| c.add_locales(["et", "ru", "uk"]))
        .and_then(|c| c.add_namespaces(NAMESPACES))
        .expect("valid locale and namespace names")
        // Lets `t_string!` fill in values such as the maximum length of a field.
        .parse_options(ParseOptions::default().interpolate_display(true));
    let infos = TranslationsInfos::parse(cfg).expect("locales/*/*.json parse");
    infos.rerun_if_locales_changed();
    infos.emit_diagnostics();
    infos
        .generate_i18n_module(out)
        .expect("i18n module written");
}

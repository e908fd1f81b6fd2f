/// The areas each locale's texts are split into: `locales/<locale>/<namespace>.json`. Read by
/// `build.rs` (leptos_i18n) and by the checks in `i18n_keys.rs`.
pub const NAMESPACES: [&str; 15] = [
    "common",
    "names",
    "errors",
    "mail",
    "home",
    "accounts",
    "admin",
    "offices",
    "households",
    "support",
    "consultations",
    "volunteers",
    "workshops",
    "calendar",
    "returns",
];

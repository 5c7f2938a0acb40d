//! The questionnaires compiled into the binary.

/// The questionnaires compiled into the binary: (id, file name, TOML).
pub const BUILT_IN: &[(&str, &str, &str)] = &[(
    "customer-centricity",
    "questionnaires/customer-centricity.toml",
    include_str!("../../questionnaires/customer-centricity.toml"),
)];

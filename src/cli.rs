//! The command line. Every flag has help a newcomer can act on.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Customer-centricity assessments: the company's self-view beside its customers' view.
///
/// An assessment is a folder with `assessment.toml` and the answers of staff ("self") and of
/// customers. Start with `centricity init DIR`, put answer files into `DIR/answers/`, check
/// them with `centricity validate DIR`, then `centricity report DIR`.
#[derive(Debug, Parser)]
#[command(name = "centricity", version, about, long_about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Read an assessment's questionnaire even when it is a file outside the assessment
    /// folder (one you share between clients). Without it, every file an assessment names
    /// must be inside its folder: a client's assessment.toml cannot make centricity read
    /// anything else on your machine.
    #[arg(long, global = true)]
    pub allow_outside_questionnaire: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new assessment folder with assessment.toml and answers/.
    Init {
        /// The folder to create (it may exist, but must not contain assessment.toml yet).
        dir: PathBuf,
        /// The client's name, shown on the report's cover [default: the folder's name].
        #[arg(long)]
        client: Option<String>,
        /// The report's language.
        #[arg(long, value_enum, default_value_t = Language::De)]
        lang: Language,
        /// A built-in questionnaire id (see `centricity questionnaires`) or the path of a
        /// questionnaire file, which is copied into the new folder.
        #[arg(long, default_value = "customer-centricity", value_name = "ID|PATH")]
        questionnaire: String,
        /// Your firm or name, shown on the report's cover.
        #[arg(long, value_name = "NAME")]
        consultant: Option<String>,
        /// The colour of the report's headings and charts, like `#00667a`.
        #[arg(long, value_name = "#RRGGBB", value_parser = hex_colour)]
        accent: Option<String>,
        /// The label of this measurement, e.g. `2026` or `Q3`.
        #[arg(long, value_name = "LABEL", default_value = "1")]
        wave: String,
        /// The answer scale's number of points: 5 (the built-in questionnaire as it is), or 7
        /// (the built-in questionnaire on 1–7, written into the folder as questionnaire.toml).
        #[arg(long, value_name = "POINTS", default_value_t = 5, value_parser = scale_points)]
        scale: u8,
    },
    /// Print a blank answer file: every question as a comment, the keys ready for numbers.
    Template {
        /// The assessment folder (the one with assessment.toml).
        dir: PathBuf,
        /// Whose questions: `self` for the company's people, `customer` for its customers.
        #[arg(long, value_enum)]
        perspective: PerspectiveArg,
        /// The language of the questions [default: `language` in assessment.toml].
        #[arg(long, value_enum)]
        lang: Option<Language>,
        /// Write to this file instead of the terminal (never overwrites an existing file).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Write an answer form: one HTML file that works offline (USB stick, e-mail attachment)
    /// and saves a filled answer file. Nothing is sent anywhere.
    Form {
        /// The assessment folder (the one with assessment.toml).
        dir: PathBuf,
        /// Whose questions: `self` for the company's people, `customer` for its customers.
        #[arg(long, value_enum)]
        perspective: PerspectiveArg,
        /// The language of the form [default: `language` in assessment.toml].
        #[arg(long, value_enum)]
        lang: Option<Language>,
        /// Where to write the form [default: form-self.html or form-customer.html]; only an
        /// earlier form is ever replaced.
        #[arg(short, long, value_name = "FILE.html")]
        output: Option<PathBuf>,
    },
    /// Turn a survey tool's export (CSV or a spreadsheet) into an answer table, as a mapping file says.
    ///
    /// The mapping (TOML) names the questionnaire, which column is the respondent, which
    /// columns are which items (by header or by question text), and how text answers map to
    /// scale values. See the README and examples/imports/.
    Import {
        /// The export: CSV in UTF-8, UTF-16 or Windows-1252, separated by `,`, `;` or tabs, or a
        /// spreadsheet (.xlsx, .xlsm, .xls, .ods: its first sheet, or the mapping's `sheet`).
        export: PathBuf,
        /// The mapping file (TOML).
        #[arg(long, value_name = "MAP.toml")]
        mapping: PathBuf,
        /// The answer table to write, usually inside an assessment's answers/ folder. An
        /// existing file is never replaced without --force.
        #[arg(short, long, value_name = "FILE.csv")]
        output: PathBuf,
        /// Replace an existing answer table, but only one an import wrote: its first line must
        /// be exactly the header this import writes (the same questionnaire's columns, as
        /// `import` writes them). Any other file is refused, with or without --force.
        #[arg(long)]
        force: bool,
    },
    /// Draft the mapping for `import` from a survey tool's export: the id, date, language and
    /// "finished" columns, the columns whose headers are the questionnaire's wording, their
    /// comments and the answer texts on the scale, each line with how sure it is. Every
    /// column it leaves out is named; check the lines marked "check".
    Mapping {
        /// The export: CSV in UTF-8, UTF-16 or Windows-1252, separated by `,`, `;` or tabs, or a
        /// spreadsheet (.xlsx, .xlsm, .xls, .ods: its first sheet); its header rows are
        /// detected as `import` detects them.
        export: PathBuf,
        /// A built-in questionnaire id (see `centricity questionnaires`) or the path of a
        /// questionnaire file (such as DIR/questionnaire.toml of `init --scale 7`).
        #[arg(long, default_value = "customer-centricity", value_name = "ID|PATH")]
        questionnaire: String,
        /// Whose answers the export holds: `customer` (the company's customers) or `self`
        /// (its own people).
        #[arg(long, value_enum, default_value_t = PerspectiveArg::Customer)]
        perspective: PerspectiveArg,
        /// Write the mapping to this file instead of the terminal; an existing file is never
        /// replaced without --force, and the export or the questionnaire never.
        #[arg(short, long, value_name = "MAP.toml")]
        output: Option<PathBuf>,
        /// Replace an existing file given with -o (a mapping drafted or edited before).
        #[arg(long)]
        force: bool,
    },
    /// Check an assessment: every problem in every file, with file, line and column.
    Validate {
        /// The assessment folder (the one with assessment.toml).
        dir: PathBuf,
    },
    /// Compute the scores and print them.
    Score {
        /// The assessment folder (the one with assessment.toml).
        dir: PathBuf,
        /// `table` for people, `json` for scripts (the document is described in the README),
        /// `csv` for spreadsheets (a row per dimension, item and perspective), `xlsx` for an
        /// Excel workbook (a sheet per part, in the assessment's language; needs
        /// `-o FILE.xlsx`) [default: table, or xlsx when -o names a .xlsx file].
        #[arg(long, value_enum)]
        format: Option<Format>,
        /// The CSV delimiter: `,`, `;` or `tab`. With `;` numbers are written with a decimal comma, as German
        /// Excel reads them.
        #[arg(long, value_enum, default_value = ",")]
        delimiter: Delimiter,
        /// The language of the table's and the workbook's words [default: `language` in
        /// assessment.toml]; the keys of JSON and CSV are always English.
        #[arg(long, value_enum)]
        lang: Option<Language>,
        /// Write to this file instead of the terminal; an existing file of that name is
        /// replaced, a file the assessment reads never. Required for `--format xlsx`.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Write the HTML report: one self-contained file that opens offline and prints to A4.
    Report {
        /// The assessment folder (the one with assessment.toml).
        dir: PathBuf,
        /// Where to write the report.
        #[arg(short, long, default_value = "report.html", value_name = "FILE")]
        output: PathBuf,
        /// The report's language [default: `language` in assessment.toml].
        #[arg(long, value_enum)]
        lang: Option<Language>,
        /// A folder of your own templates: a file there replaces the shipped one of the same
        /// name (report.html, style.css, locale/de.toml, …). See templates/README.md.
        #[arg(long, value_name = "DIR")]
        templates: Option<PathBuf>,
        /// An earlier wave's assessment folder: adds the trend section (this wave against it).
        #[arg(long, value_name = "OTHER_DIR")]
        baseline: Option<PathBuf>,
        /// Also print the report to this PDF (A4), with a locally installed Chromium or
        /// Chrome (or the one CENTRICITY_CHROMIUM names).
        #[arg(long, value_name = "FILE.pdf")]
        pdf: Option<PathBuf>,
        /// Norms of your portfolio (made with `centricity norms`, same questionnaire and
        /// major version): adds where this client stands among its peers, per dimension and
        /// overall, for both views and the gap.
        #[arg(long, value_name = "NORMS.json")]
        norms: Option<PathBuf>,
    },
    /// Norms across your portfolio: how scores and gaps are spread over many assessments
    /// (mean, quartiles, deciles; each assessment counts once), for `report --norms`.
    ///
    /// The file holds no client's name, no respondent, no group and no comment, and no
    /// figure of fewer than 10 assessments. An assessment with problems is left out with a
    /// warning; assessments of different questionnaires are refused.
    Norms {
        /// Assessment folders, or folders whose subfolders are assessments (a portfolio).
        #[arg(required = true, value_name = "DIR")]
        dirs: Vec<PathBuf>,
        /// Where to write the norms (JSON, schema `centricity.norms/1`, see the README).
        #[arg(short, long, default_value = "norms.json", value_name = "FILE")]
        output: PathBuf,
        /// Only assessments whose `industry` in assessment.toml is this (capitals and spaces
        /// at the ends do not matter).
        #[arg(long, value_name = "NAME")]
        industry: Option<String>,
        /// Only assessments whose `size` in assessment.toml is this, e.g. `50-249`.
        #[arg(long, value_name = "NAME")]
        size: Option<String>,
    },
    /// Write every chart of the report for slides: each as SVG and as PNG (1920 × 1080, 16:9),
    /// named by what it shows (radar.png, gap-by-dimension.svg, …). The folder is created if
    /// needed; earlier charts of this command are replaced, nothing else is touched.
    Charts {
        /// The assessment folder (the one with assessment.toml).
        dir: PathBuf,
        /// The folder to write the charts into.
        #[arg(short, long, default_value = "charts", value_name = "DIR")]
        output: PathBuf,
        /// The charts' language [default: `language` in assessment.toml].
        #[arg(long, value_enum)]
        lang: Option<Language>,
        /// An earlier wave's assessment folder: adds the trend chart (this wave against it).
        #[arg(long, value_name = "OTHER_DIR")]
        baseline: Option<PathBuf>,
    },
    /// Export every comment (item, perspective, text) as CSV; the report shows 20 per item.
    /// Like the report, it never says who wrote a comment. The file is UTF-8 with a byte
    /// order mark, so that Excel shows umlauts.
    Comments {
        /// The assessment folder (the one with assessment.toml).
        dir: PathBuf,
        /// Write to this file instead of the terminal.
        #[arg(short, long, value_name = "FILE.csv")]
        output: Option<PathBuf>,
        /// The CSV delimiter: `,`, `;` (German and Swiss Excel) or `tab`.
        #[arg(long, value_enum, default_value = ",")]
        delimiter: Delimiter,
    },
    /// List the questionnaires built into this program.
    Questionnaires,
    /// Print a shell completion script, e.g. `centricity completions bash > /etc/bash_completion.d/centricity`.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Write a synthetic assessment for benchmarks (not for clients).
    #[command(hide = true)]
    Generate {
        /// The folder to write.
        dir: PathBuf,
        /// Customers, as rows of one CSV table.
        #[arg(long, default_value_t = 1000)]
        customers: usize,
        /// Staff, as one TOML answer file each.
        #[arg(long, default_value_t = 0)]
        staff_files: usize,
    },
    /// Print the manual page (roff), e.g. `centricity man > centricity.1 && man ./centricity.1`.
    Man,
}

/// `--accent`: a colour like `#00667a`, as `[branding] accent` needs it.
fn scale_points(value: &str) -> Result<u8, String> {
    match value.trim() {
        "5" => Ok(5),
        "7" => Ok(7),
        _ => Err(format!(
            "the scale has 5 or 7 points (found \"{value}\"); for another, write a questionnaire file and give it with --questionnaire"
        )),
    }
}

fn hex_colour(value: &str) -> Result<String, String> {
    if crate::input::assessment::is_hex_colour(value) {
        Ok(value.to_ascii_lowercase())
    } else {
        Err(format!(
            "a colour is `#` and six hexadecimal digits, like #00667a (found \"{value}\")"
        ))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PerspectiveArg {
    /// The company's own people.
    #[value(name = "self")]
    SelfView,
    /// The company's customers.
    Customer,
}

impl From<PerspectiveArg> for crate::model::questionnaire::Perspective {
    fn from(p: PerspectiveArg) -> Self {
        match p {
            PerspectiveArg::SelfView => crate::model::questionnaire::Perspective::SelfView,
            PerspectiveArg::Customer => crate::model::questionnaire::Perspective::Customer,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
    Xlsx,
}

impl From<Format> for crate::output::scores::Format {
    fn from(f: Format) -> Self {
        use crate::output::scores::Format as Out;
        match f {
            Format::Table => Out::Table,
            Format::Json => Out::Json,
            Format::Csv => Out::Csv,
            Format::Xlsx => Out::Xlsx,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Delimiter {
    #[value(name = ",")]
    Comma,
    #[value(name = ";")]
    Semicolon,
    Tab,
}

impl From<Delimiter> for crate::output::scores::Delimiter {
    fn from(d: Delimiter) -> Self {
        use crate::output::scores::Delimiter as Out;
        match d {
            Delimiter::Comma => Out::Comma,
            Delimiter::Semicolon => Out::Semicolon,
            Delimiter::Tab => Out::Tab,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Language {
    De,
    En,
}

impl From<Language> for crate::model::language::Language {
    fn from(l: Language) -> Self {
        match l {
            Language::De => crate::model::language::Language::De,
            Language::En => crate::model::language::Language::En,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}

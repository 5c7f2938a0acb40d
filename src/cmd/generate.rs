//! `centricity generate`: a synthetic assessment of any size for benchmarks and tests,
//! with answers around plausible means, "na", left-out items and comments. Hidden from
//! --help; deterministic (a seeded xorshift), so a benchmark always reads the same data.

use std::io::{BufWriter, Write};
use std::path::Path;

use crate::input::builtin::BUILT_IN;
use crate::input::diagnostics::{Diagnostic, Problems};
use crate::model::questionnaire::{Perspective, Questionnaire};
use crate::output::write::write_atomic;

struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in 0..1.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

const COMMENTS: [&str; 6] = [
    "Die Hotline ist am Montagmorgen immer besetzt.",
    "Sehr kompetente Beratung, danke!",
    "Der Kurier kam zwei Stunden zu spät.",
    "Auf meine E-Mail kam erst nach drei Tagen eine Antwort.",
    "Freundlich, aber man muss alles zweimal erklären.",
    "Alles bestens, gerne wieder.",
];

pub fn run(dir: &Path, customers: usize, staff_files: usize) -> Result<(), Problems> {
    let fail =
        |path: &Path, e: std::io::Error| Diagnostic::file(path, format!("cannot write: {e}"));
    let answers = dir.join("answers");
    let assessment = dir.join("assessment.toml");
    // like `init`: never over a real assessment
    if assessment.exists() {
        return Err(Diagnostic::file(
            &assessment,
            "already exists; `generate` writes only a new assessment (choose another folder)",
        )
        .into());
    }
    std::fs::create_dir_all(answers.join("staff")).map_err(|e| fail(&answers, e))?;
    write_atomic(
        &assessment,
        b"client = \"Synthetic AG\"\nwave = \"bench\"\ndate = 2026-11-15\nlanguage = \"de\"\nquestionnaire = \"customer-centricity\"\n",
    )?;
    let (_, name, text) = BUILT_IN[0];
    let q = Questionnaire::parse(Path::new(name), text)?;
    let mut random = Random(0x9E37_79B9_7F4A_7C15);
    let answer = |random: &mut Random, reverse: bool, mean: f64| -> String {
        let u = random.unit();
        if u < 0.03 {
            return "na".into();
        }
        if u < 0.08 {
            return String::new();
        }
        let noise = (random.unit() + random.unit() + random.unit() - 1.5) * 2.0;
        let value = (if reverse { 6.0 - mean } else { mean } + noise)
            .round()
            .clamp(1.0, 5.0);
        (value as i64).to_string()
    };

    let path = answers.join("customers.csv");
    let file = new_file(&path)?;
    let mut out = BufWriter::new(file);
    let commented: Vec<usize> = (0..q.items.len()).step_by(5).collect();
    let mut header = vec![
        "respondent".to_string(),
        "perspective".into(),
        "group".into(),
    ];
    header.extend(q.items.iter().map(|i| i.id.clone()));
    header.push("nps".into());
    header.extend(
        commented
            .iter()
            .map(|&i| format!("comment:{}", q.items[i].id)),
    );
    let write = |out: &mut BufWriter<std::fs::File>, line: String| {
        out.write_all(line.as_bytes()).map_err(|e| fail(&path, e))
    };
    write(&mut out, header.join(",") + "\n")?;
    for n in 0..customers {
        let mut row = vec![
            format!("c{n}"),
            "customer".into(),
            if n % 4 == 0 {
                "Firmenkunden"
            } else {
                "Privatkunden"
            }
            .into(),
        ];
        for item in &q.items {
            let mean = 2.6 + item.dimension as f64 * 0.35;
            row.push(answer(&mut random, item.reverse, mean));
        }
        row.push(((random.unit() * 11.0) as i64).min(10).to_string());
        for _ in &commented {
            let u = random.unit();
            row.push(if u < 0.02 {
                format!("\"{}\"", COMMENTS[(u * 300.0) as usize % COMMENTS.len()])
            } else {
                String::new()
            });
        }
        write(&mut out, row.join(",") + "\n")?;
    }
    out.flush().map_err(|e| fail(&path, e))?;

    for n in 0..staff_files {
        let path = answers.join("staff").join(format!("s{n:06}.toml"));
        let mut text = format!(
            "questionnaire = \"customer-centricity\"\nquestionnaire_version = \"1.0.0\"\nperspective = \"self\"\nrespondent = \"s{n}\"\ngroup = \"{}\"\n\n[answers]\n",
            ["Verkauf", "Werkstatt", "Kundendienst", "Logistik"][n % 4]
        );
        for item in q.items.iter().filter(|i| i.is_asked(Perspective::SelfView)) {
            let value = answer(&mut random, item.reverse, 3.8);
            match value.as_str() {
                "" => {}
                "na" => text += &format!("\"{}\" = \"na\"\n", item.id),
                v => text += &format!("\"{}\" = {v}\n", item.id),
            }
        }
        new_file(&path)?
            .write_all(text.as_bytes())
            .map_err(|e| fail(&path, e))?;
    }
    crate::cmd::note(&format!(
        "wrote {}: {customers} customers in answers/customers.csv, {staff_files} staff answer files",
        dir.display()
    ));
    Ok(())
}

/// A file that did not exist before (so never a device, a pipe or someone's answers), for
/// what is streamed or too many to write atomically one by one.
fn new_file(path: &Path) -> Result<std::fs::File, Diagnostic> {
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| Diagnostic::file(path, format!("cannot write a new file: {e}")))
}

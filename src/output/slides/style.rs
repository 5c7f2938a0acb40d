//! The report's chart styles for a standalone SVG. In the report the charts take their
//! colours and fonts from the page's stylesheet (`templates/style.css`) through class names;
//! a chart on its own needs those rules inside it. Its custom properties (`var(--ink)`) are
//! resolved here, because neither slide programs nor resvg know them.

use std::collections::BTreeMap;

/// The fonts of an exported chart: Liberation Sans (shipped, and what the PNG is drawn
/// with) has Arial's metrics, so labels measure the same where a slide program uses Arial.
pub const FONT_FAMILY: &str = r#""Liberation Sans", Arial, Helvetica, sans-serif"#;

/// The rules of `css` that style the charts (those whose selector starts with `svg `), with
/// every `var(--name)` replaced by its value: from `:root`, with `--accent` and
/// `--accent-text` as the report resolves them (`colour.rs`). `@media` and `@page` blocks
/// and rules for the HTML page are left out.
pub fn chart_css(css: &str, accent: &str, accent_text: &str) -> String {
    let rules = rules(&strip_comments(css));
    let mut variables = BTreeMap::new();
    for (selectors, declarations) in &rules {
        if selectors.trim() == ":root" {
            for declaration in declarations.split(';') {
                if let Some((name, value)) = declaration.split_once(':') {
                    if name.trim().starts_with("--") {
                        variables.insert(name.trim().to_string(), value.trim().to_string());
                    }
                }
            }
        }
    }
    variables.insert("--accent".to_string(), accent.to_string());
    variables.insert("--accent-text".to_string(), accent_text.to_string());
    let mut out = format!("svg{{font-family:{FONT_FAMILY}}}");
    for (selectors, declarations) in &rules {
        let chart: Vec<&str> = selectors
            .split(',')
            .map(str::trim)
            .filter(|s| s.starts_with("svg "))
            .collect();
        if chart.is_empty() {
            continue;
        }
        let declarations: Vec<String> = declarations
            .split(';')
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(|d| resolve(d, &variables))
            .collect();
        out += &format!("{}{{{}}}", chart.join(","), declarations.join(";"));
    }
    out
}

fn strip_comments(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out += &rest[..start];
        rest = rest[start + 2..]
            .find("*/")
            .map_or("", |end| &rest[start + 2 + end + 2..]);
    }
    out + rest
}

/// The top-level rules as (selectors, declarations); at-rules and their blocks are skipped.
fn rules(css: &str) -> Vec<(String, String)> {
    let mut rules = Vec::new();
    let mut rest = css;
    while let Some(open) = rest.find('{') {
        let selectors = rest[..open].trim();
        // the block's end, nested blocks (`@media { … { … } }`) included
        let mut depth = 0;
        let mut close = rest.len();
        for (i, c) in rest[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                _ => continue,
            }
            if depth == 0 {
                close = open + i;
                break;
            }
        }
        // a statement at-rule before the selector (`@import …;`) is not part of it
        let selectors = selectors.rsplit(';').next().unwrap_or("").trim();
        if !selectors.starts_with('@') {
            let body = rest.get(open + 1..close).unwrap_or("");
            rules.push((selectors.to_string(), body.trim().to_string()));
        }
        rest = rest.get(close + 1..).unwrap_or("");
    }
    rules
}

/// A declaration with each `var(--name)` replaced by the variable's value; an unknown
/// variable is left as it is (and the declaration ignored by whoever reads it).
fn resolve(declaration: &str, variables: &BTreeMap<String, String>) -> String {
    let mut out = String::new();
    let mut rest = declaration;
    while let Some(start) = rest.find("var(") {
        let Some(end) = rest[start..].find(')') else {
            break;
        };
        let name = rest[start + 4..start + end].trim();
        out += &rest[..start];
        match variables.get(name) {
            Some(value) => out += value,
            None => out += &rest[start..=start + end],
        }
        rest = &rest[start + end + 1..];
    }
    out + rest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_chart_rules_are_kept_with_their_variables_resolved() {
        let css = r#"/* a { b } */
:root { --ink: #111; --line: #ddd; }
body { color: var(--ink); }
svg text { fill: var(--ink); }
.step.pos-1, svg .step.pos-1 { fill: #8ec3d9; background: #8ec3d9; }
svg .area.customer { fill: var(--accent); stroke: var(--unknown); }
@media print { svg .value { font-size: 9px; } }
svg.chart { display: block; }"#;
        let out = chart_css(css, "#0a0", "#070");
        assert_eq!(
            out,
            format!(
                "svg{{font-family:{FONT_FAMILY}}}svg text{{fill: #111}}svg .step.pos-1{{fill: #8ec3d9;background: #8ec3d9}}svg .area.customer{{fill: #0a0;stroke: var(--unknown)}}"
            )
        );
    }

    #[test]
    fn the_shipped_stylesheet_gives_every_chart_class_a_colour() {
        let css = crate::output::templates::TEMPLATES
            .iter()
            .find(|(name, _)| *name == "style.css")
            .map(|(_, text)| *text)
            .unwrap();
        let out = chart_css(css, "#123456", "#123456");
        assert!(!out.contains("var("), "{out}");
        for class in [
            ".dot.self",
            ".bar.blind",
            ".nps-bar.promoter",
            ".step.neg-2",
            ".arrow",
        ] {
            assert!(out.contains(&format!("svg {class}")), "{class}");
        }
        assert!(!out.contains("@media") && !out.contains("table"));
    }
}

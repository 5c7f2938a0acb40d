//! The report's charts for slides: each as a standalone SVG on a 16:9 slide (its styles
//! inside it) and as a PNG of 1920 × 1080 pixels drawn from that SVG.

mod frame;
mod raster;
mod style;

pub use frame::{HEIGHT, WIDTH};
pub use raster::{FAMILY, SOFTWARE};

use crate::input::diagnostics::Diagnostic;
use crate::output::report::{ChartBody, Charts};

/// One chart as it goes to the slides.
pub struct Slide {
    /// What it shows: `radar`, `gap-by-dimension`, `distribution-reachability`, …
    pub name: String,
    pub svg: String,
    pub png: Vec<u8>,
}

/// Draws an SVG document as a PNG at its own size, its text in the shipped fonts, as the
/// slides are drawn.
pub fn png(svg: &str) -> Result<Vec<u8>, String> {
    raster::png(svg, &raster::fonts())
}

/// Marks an exported SVG as one of centricity's charts (so a later run may replace it).
pub const SVG_MARK: &str = r#"data-centricity="chart""#;

/// Every chart on its slide, styled by `css` (the report's stylesheet).
pub fn slides(charts: &Charts, css: &str) -> Result<Vec<Slide>, Diagnostic> {
    let css = style::chart_css(css, &charts.accent, &charts.accent_text);
    let fonts = raster::fonts();
    charts
        .charts
        .iter()
        .map(|chart| {
            let (body, size) = match &chart.body {
                ChartBody::Svg(svg) => (svg.clone(), frame::size(svg)),
                ChartBody::Statements(rows) => {
                    let (svg, size) = frame::statements(rows);
                    (svg, Some(size))
                }
            };
            let fail = |why: String| {
                Diagnostic::file(
                    format!("{}.svg", chart.name),
                    format!("cannot draw the chart: {why}"),
                )
            };
            let size = size.ok_or_else(|| fail("it has no viewBox".to_string()))?;
            let svg = frame::slide(&body, size, &chart.legend, &css).replacen(
                "<svg ",
                &format!("<svg {SVG_MARK} "),
                1,
            );
            let png = raster::png(&svg, &fonts).map_err(fail)?;
            Ok(Slide {
                name: chart.name.clone(),
                svg,
                png,
            })
        })
        .collect()
}

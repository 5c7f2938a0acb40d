//! Slides as PNG, drawn by resvg without a browser. The text is set in the Liberation Sans
//! this program ships (`fonts/`, SIL OFL): the same on every machine, so the same inputs give
//! the same bytes everywhere, and no text is ever left out for want of a font. Only a
//! character Liberation Sans lacks (Chinese, say) is looked up in the system's fonts.

use std::sync::Arc;

use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg::{fontdb, FontResolver, Options, Tree};

const REGULAR: &[u8] = include_bytes!("../../../fonts/LiberationSans-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../../../fonts/LiberationSans-Bold.ttf");
/// The family of the shipped fonts.
pub const FAMILY: &str = "Liberation Sans";

/// The shipped fonts, and nothing else yet (the system's are loaded only when a character
/// needs them).
pub fn fonts() -> Arc<fontdb::Database> {
    let mut fonts = fontdb::Database::new();
    fonts.load_font_data(REGULAR.to_vec());
    fonts.load_font_data(BOLD.to_vec());
    fonts.set_sans_serif_family(FAMILY);
    Arc::new(fonts)
}

/// Draws an SVG document at its own size in pixels, as a PNG with a `Software` note that
/// names centricity (so that a later run knows the file as one of its charts).
pub fn png(svg: &str, fonts: &Arc<fontdb::Database>) -> Result<Vec<u8>, String> {
    let options = Options {
        fontdb: Arc::clone(fonts),
        font_resolver: resolver(),
        ..Options::default()
    };
    let tree = Tree::from_str(svg, &options).map_err(|e| e.to_string())?;
    let size = tree.size().to_int_size();
    let mut pixmap = Pixmap::new(size.width(), size.height())
        .ok_or_else(|| format!("cannot draw {}×{} pixels", size.width(), size.height()))?;
    resvg::render(&tree, Transform::identity(), &mut pixmap.as_mut());
    let png = pixmap.encode_png().map_err(|e| e.to_string())?;
    Ok(with_software_note(&png))
}

/// Every text in the shipped family, whatever family the stylesheet names first (a
/// "Segoe UI" on this machine would make the PNG differ from a colleague's); characters it
/// lacks are looked up in the system's fonts, loaded then.
fn resolver() -> FontResolver<'static> {
    let fallback = FontResolver::default_fallback_selector();
    FontResolver {
        select_font: Box::new(|font, fonts| {
            let style = match font.style() {
                resvg::usvg::FontStyle::Normal => fontdb::Style::Normal,
                resvg::usvg::FontStyle::Italic => fontdb::Style::Italic,
                resvg::usvg::FontStyle::Oblique => fontdb::Style::Oblique,
            };
            fonts.query(&fontdb::Query {
                families: &[fontdb::Family::Name(FAMILY)],
                weight: fontdb::Weight(font.weight()),
                stretch: fontdb::Stretch::Normal,
                style,
            })
        }),
        select_fallback: Box::new(move |c, used, fonts| {
            if fonts.len() <= 2 {
                Arc::make_mut(fonts).load_system_fonts();
            }
            fallback(c, used, fonts)
        }),
    }
}

/// What the PNG's `tEXt` chunk says, and what marks an earlier chart.
pub const SOFTWARE: &[u8] = b"Software\0centricity charts";

/// The PNG with a `tEXt` chunk after its header (`IHDR`, always the first chunk, 8 + 25
/// bytes from the start).
fn with_software_note(png: &[u8]) -> Vec<u8> {
    let (head, rest) = png.split_at(8 + 25);
    let mut chunk = Vec::with_capacity(12 + SOFTWARE.len());
    chunk.extend_from_slice(&(SOFTWARE.len() as u32).to_be_bytes());
    chunk.extend_from_slice(b"tEXt");
    chunk.extend_from_slice(SOFTWARE);
    let crc = crc32(&chunk[4..]);
    chunk.extend_from_slice(&crc.to_be_bytes());
    [head, &chunk, rest].concat()
}

/// CRC-32 as PNG chunks use it (ISO 3309, the polynomial reversed: 0xEDB88320).
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = u32::MAX;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_crc_is_pngs() {
        // the CRC of an IEND chunk's type, as every PNG ends with it
        assert_eq!(crc32(b"IEND"), 0xAE42_6082);
    }

    #[test]
    fn the_shipped_family_is_found_in_both_weights() {
        let fonts = fonts();
        for weight in [fontdb::Weight::NORMAL, fontdb::Weight::BOLD] {
            let id = fonts.query(&fontdb::Query {
                families: &[fontdb::Family::SansSerif],
                weight,
                ..fontdb::Query::default()
            });
            let face = fonts.face(id.expect("a shipped face")).unwrap();
            assert_eq!(face.families[0].0, FAMILY);
            assert_eq!(face.weight, weight);
        }
    }
}

//! The one place Markdown becomes HTML: the questionnaire's texts and `summary.md`.
//!
//! Raw HTML is never passed through (it is shown as text), links may only go to the web,
//! to e-mail or within the report, and images are reduced to their description: a report
//! must not run script or fetch anything from another host.

use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag, TagEnd};

pub fn to_html(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    // For each open link: whether it was kept, so its end tag is kept or dropped with it.
    let mut links: Vec<bool> = Vec::new();
    let events = Parser::new_ext(markdown, options).filter_map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        Event::Start(Tag::Link { dest_url, .. }) if !is_safe_url(&dest_url) => {
            links.push(false);
            None
        }
        Event::Start(link @ Tag::Link { .. }) => {
            links.push(true);
            Some(Event::Start(link))
        }
        Event::End(TagEnd::Link) => links.pop().unwrap_or(true).then_some(event),
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        Event::FootnoteReference(_) | Event::TaskListMarker(_) => None,
        other => Some(other),
    });
    let mut out = String::new();
    html::push_html(&mut out, events);
    out
}

/// Web and e-mail addresses, and anchors within the report.
fn is_safe_url(url: &CowStr) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("https://")
        || lower.starts_with("http://")
        || lower.starts_with("mailto:")
        || lower.starts_with('#')
}

/// The `markdown` filter for templates: `{{ text | markdown | safe }}`.
pub fn filter(
    value: &tera::Value,
    _: &std::collections::HashMap<String, tera::Value>,
) -> tera::Result<tera::Value> {
    let text = value
        .as_str()
        .ok_or_else(|| tera::Error::msg("the markdown filter needs a string"))?;
    Ok(tera::Value::String(to_html(text)))
}

#[cfg(test)]
mod tests {
    use super::to_html;

    #[test]
    fn markdown_renders() {
        assert_eq!(
            to_html("**bold** and *it*"),
            "<p><strong>bold</strong> and <em>it</em></p>\n"
        );
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        let html = to_html("<script>alert(1)</script>\n\nHi <img src=x onerror=alert(1)>");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn script_links_lose_their_link_but_keep_their_text() {
        let html = to_html(
            "[click](javascript:alert(1)) and [data](data:text/html,x) [ok](https://example.org)",
        );
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("data:"), "{html}");
        assert!(
            html.contains("click") && html.contains("<a href=\"https://example.org\">ok</a>"),
            "{html}"
        );
    }

    #[test]
    fn images_are_not_fetched() {
        let html = to_html("![a tracking pixel](https://example.org/p.png)");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("a tracking pixel"), "{html}");
    }
}

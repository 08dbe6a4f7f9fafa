//! Inline SVG bar charts, drawn in Rust: no script, no library, nothing loaded.
//!
//! A chart is one accessible image (`role="img"` with a `<title>` and a `<desc>` that a
//! screen reader announces); the page puts the same figures in a table next to it, so
//! nobody depends on the picture. Every bar carries its value as text, so no figure is
//! told by length or colour alone. A suppressed figure has no bar, only its mark (`<3`).

use std::fmt::Write;

/// One bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// What the bar stands for (a month, a sector).
    pub label: String,
    /// Its value; `None` for a suppressed figure, which gets no bar.
    pub value: Option<u64>,
    /// The value as the page writes it (grouped digits, or `<3`).
    pub value_text: String,
}

/// What a chart says about itself.
#[derive(Debug, Clone, Copy)]
pub struct Caption<'a> {
    /// A page-unique id prefix for the title and description.
    pub id: &'a str,
    /// Short title.
    pub title: &'a str,
    /// One or two sentences: what is shown and where the exact figures are.
    pub desc: &'a str,
}

const INK: &str = "#0b0c0c";
const BAR: &str = "#1d70b8";
const RULE: &str = "#505a5f";

/// Vertical bars side by side, for a series such as the monthly volume.
pub fn columns(caption: &Caption<'_>, bars: &[Bar]) -> String {
    const SLOT: u32 = 44;
    const PLOT: u32 = 150;
    const TOP: u32 = 20;
    const BOTTOM: u32 = 34;
    let width = (bars.len() as u32 * SLOT).max(SLOT * 6);
    let height = TOP + PLOT + BOTTOM;
    let max = bars.iter().filter_map(|b| b.value).max().unwrap_or(0).max(1);
    let mut svg = open(caption, width, height);
    let base = TOP + PLOT;
    for (i, bar) in bars.iter().enumerate() {
        let x = i as u32 * SLOT;
        let centre = x + SLOT / 2;
        let h = bar.value.map_or(0, |v| scale(v, max, PLOT));
        if h > 0 {
            let _ = write!(
                svg,
                r#"<rect x="{}" y="{}" width="{}" height="{h}" fill="{BAR}"/>"#,
                x + 6,
                base - h,
                SLOT - 12
            );
        }
        let _ = write!(
            svg,
            r#"<text x="{centre}" y="{}" text-anchor="middle" font-size="12">{}</text>"#,
            base - h - 5,
            escape(&bar.value_text)
        );
        let _ = write!(
            svg,
            r#"<text x="{centre}" y="{}" text-anchor="middle" font-size="11">{}</text>"#,
            base + 16,
            escape(&bar.label)
        );
    }
    let _ = write!(
        svg,
        r#"<line x1="0" y1="{base}" x2="{width}" y2="{base}" stroke="{RULE}" stroke-width="1"/>"#
    );
    svg.push_str("</svg>");
    svg
}

/// Horizontal bars one under another, for categories with long names such as sectors.
pub fn rows(caption: &Caption<'_>, bars: &[Bar]) -> String {
    const ROW: u32 = 30;
    const LABEL: u32 = 250;
    const PLOT: u32 = 300;
    const VALUE: u32 = 70;
    let width = LABEL + PLOT + VALUE;
    let height = (bars.len() as u32 * ROW).max(ROW);
    let max = bars.iter().filter_map(|b| b.value).max().unwrap_or(0).max(1);
    let mut svg = open(caption, width, height);
    for (i, bar) in bars.iter().enumerate() {
        let y = i as u32 * ROW;
        let w = bar.value.map_or(0, |v| scale(v, max, PLOT));
        let _ = write!(
            svg,
            r#"<text x="{}" y="{}" text-anchor="end" font-size="13">{}</text>"#,
            LABEL - 8,
            y + 19,
            escape(&shorten(&bar.label, 34))
        );
        if w > 0 {
            let _ = write!(
                svg,
                r#"<rect x="{LABEL}" y="{}" width="{w}" height="20" fill="{BAR}"/>"#,
                y + 5
            );
        }
        let _ = write!(
            svg,
            r#"<text x="{}" y="{}" font-size="13">{}</text>"#,
            LABEL + w + 6,
            y + 19,
            escape(&bar.value_text)
        );
    }
    let _ = write!(
        svg,
        r#"<line x1="{LABEL}" y1="0" x2="{LABEL}" y2="{height}" stroke="{RULE}" stroke-width="1"/>"#
    );
    svg.push_str("</svg>");
    svg
}

fn open(caption: &Caption<'_>, width: u32, height: u32) -> String {
    let id = escape(caption.id);
    format!(
        r#"<svg class="chart" role="img" aria-labelledby="{id}-title {id}-desc" viewBox="0 0 {width} {height}" width="{width}" height="{height}" fill="{INK}" font-family="system-ui, sans-serif"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        escape(caption.title),
        escape(caption.desc)
    )
}

/// The length of a bar for `value`, at least one unit for any non-zero value.
fn scale(value: u64, max: u64, length: u32) -> u32 {
    if value == 0 {
        return 0;
    }
    ((value as f64 / max as f64 * f64::from(length)).round() as u32).clamp(1, length)
}

fn shorten(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max_chars - 1).collect();
    out.push('…');
    out
}

/// Escapes text for SVG content and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bars() -> Vec<Bar> {
        vec![
            Bar { label: "янв 2026".into(), value: Some(10), value_text: "10".into() },
            Bar { label: "фев".into(), value: None, value_text: "<3".into() },
            Bar { label: "мар".into(), value: Some(0), value_text: "0".into() },
        ]
    }

    const CAPTION: Caption<'static> =
        Caption {
            id: "months", title: "Обращения по месяцам", desc: "Данные — в таблице ниже."
        };

    #[test]
    fn a_chart_is_one_labelled_image() {
        let svg = columns(&CAPTION, &bars());
        assert!(svg.starts_with(
            "<svg class=\"chart\" role=\"img\" aria-labelledby=\"months-title months-desc\""
        ));
        assert!(svg.contains("<title id=\"months-title\">Обращения по месяцам</title>"));
        assert!(svg.contains("<desc id=\"months-desc\">"));
        assert!(svg.ends_with("</svg>"));
    }

    #[test]
    fn only_shown_non_zero_values_get_a_bar_and_every_value_gets_text() {
        let svg = columns(&CAPTION, &bars());
        assert_eq!(svg.matches("<rect").count(), 1);
        assert!(svg.contains(">&lt;3</text>"));
        assert!(svg.contains(">0</text>"));
        assert!(svg.contains("height=\"150\""), "the largest bar fills the plot: {svg}");
    }

    #[test]
    fn text_is_escaped_and_long_labels_are_shortened() {
        let b = vec![Bar {
            label: "<script>alert(1)</script> и очень длинное название отраслевого блока".into(),
            value: Some(3),
            value_text: "3".into(),
        }];
        let svg = rows(&Caption { id: "s\"x", title: "a<b", desc: "" }, &b);
        assert!(!svg.contains("<script"));
        assert!(svg.contains("a&lt;b"));
        assert!(svg.contains("s&quot;x-title"));
        assert!(svg.contains('…'));
    }
}

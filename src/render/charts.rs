//! Inline SVG bar charts, drawn in Rust: no script, no library, nothing loaded.
//!
//! A chart is one accessible image (`role="img"` with a `<title>` and a `<desc>` that a
//! screen reader announces); the page puts the same figures in a table next to it, so
//! nobody depends on the picture. Every bar carries its value as text, so no figure is
//! told by length or colour alone. A suppressed figure has no bar, only its mark (`<3`).
//!
//! Stacked columns tell their series apart by pattern as well as colour (solid, stripes,
//! dots), so they survive a black-and-white printer and colour blindness; the legend
//! names each pattern. Every chart has a `viewBox` and the stylesheet lets it shrink to
//! the width of a phone.

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

/// One figure of a stacked column.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// Its value; `None` for a suppressed figure, which gets no segment.
    pub value: Option<u64>,
    /// The value as the page writes it.
    pub text: String,
}

/// One stacked column: a month with one part per series.
#[derive(Debug, Clone, PartialEq)]
pub struct Stack {
    /// What the column stands for (a month).
    pub label: String,
    /// One part per series, in the order of the legend.
    pub parts: Vec<Part>,
    /// The column's total, written above it; its value (when shown) sets the scale.
    pub total: Part,
}

const INK: &str = "#0b0c0c";
const BAR: &str = "#1d70b8";
const RULE: &str = "#505a5f";
const PAPER: &str = "#ffffff";

const SLOT: u32 = 44;
const PLOT: u32 = 150;
const TOP: u32 = 20;
const BOTTOM: u32 = 34;

/// Vertical bars side by side, for a series such as the monthly volume.
pub fn columns(caption: &Caption<'_>, bars: &[Bar]) -> String {
    let max = bars.iter().filter_map(|b| b.value).max().unwrap_or(0).max(1);
    column_chart(caption, bars, max, &[])
}

/// Vertical bars of shares in whole percent, drawn on a fixed 0–100 scale with rules and
/// labels at 0, 50 and 100; `percent` writes a number as a percentage in the page's
/// language (`50 %`).
pub fn share_columns(
    caption: &Caption<'_>,
    bars: &[Bar],
    percent: &dyn Fn(u64) -> String,
) -> String {
    let ticks: Vec<(u64, String)> = [0, 50, 100].into_iter().map(|p| (p, percent(p))).collect();
    column_chart(caption, bars, 100, &ticks)
}

/// Columns scaled to `max`; with `ticks`, a gutter on the left carries their labels and a
/// light rule crosses the plot at each.
fn column_chart(caption: &Caption<'_>, bars: &[Bar], max: u64, ticks: &[(u64, String)]) -> String {
    let gutter = if ticks.is_empty() { 0 } else { 48 };
    let width = gutter + (bars.len() as u32 * SLOT).max(SLOT * 6);
    let height = TOP + PLOT + BOTTOM;
    let mut svg = open(caption, width, height);
    let base = TOP + PLOT;
    for (value, label) in ticks {
        let y = base - scale(*value, max, PLOT);
        let _ = write!(
            svg,
            r#"<line x1="{gutter}" y1="{y}" x2="{width}" y2="{y}" stroke="{RULE}" stroke-width="0.5" stroke-dasharray="3 3"/><text x="{}" y="{}" text-anchor="end" font-size="11">{}</text>"#,
            gutter - 6,
            y + 4,
            escape(label)
        );
    }
    let mut labels = String::new();
    for (i, bar) in bars.iter().enumerate() {
        let x = gutter + i as u32 * SLOT;
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
        axis_label(&mut labels, centre, base, &bar.label);
    }
    let _ = write!(svg, r#"<g text-anchor="middle" font-size="11">{labels}</g>"#);
    let _ = write!(
        svg,
        r#"<line x1="{gutter}" y1="{base}" x2="{width}" y2="{base}" stroke="{RULE}" stroke-width="1"/>"#
    );
    svg.push_str("</svg>");
    svg
}

/// The label under a column, without its font attributes (its group has them). A label
/// with a year («янв 2026») puts the year on a second line, so that it stays inside its
/// column's slot.
fn axis_label(svg: &mut String, centre: u32, base: u32, label: &str) {
    let (first, second) = label.split_once(' ').unwrap_or((label, ""));
    let _ = write!(svg, r#"<text x="{centre}" y="{}">{}"#, base + 15, escape(first));
    if !second.is_empty() {
        let _ = write!(svg, r#"<tspan x="{centre}" dy="13">{}</tspan>"#, escape(second));
    }
    svg.push_str("</text>");
}

/// Stacked columns, one per entry of `stacks`, with a legend naming each of `series`
/// by its pattern. Each segment tall enough to hold it carries its value; every column
/// carries its total. A suppressed part has no segment.
pub fn stacked_columns(caption: &Caption<'_>, series: &[&str], stacks: &[Stack]) -> String {
    const LEGEND_LINE: u32 = 20;
    const MIN_TEXT_HEIGHT: u32 = 16;
    let legend = series.len() as u32 * LEGEND_LINE + 8;
    let width = (stacks.len() as u32 * SLOT).max(SLOT * 8);
    let height = legend + TOP + PLOT + BOTTOM;
    let id = escape(caption.id);
    let max = stacks
        .iter()
        .map(|s| {
            let shown: u64 = s.parts.iter().filter_map(|p| p.value).sum();
            s.total.value.unwrap_or(0).max(shown)
        })
        .max()
        .unwrap_or(0)
        .max(1);
    let mut svg = open(caption, width, height);
    svg.push_str("<defs>");
    for k in 0..series.len().min(3) {
        svg.push_str(&pattern(&id, k));
    }
    svg.push_str("</defs>");
    for (k, name) in series.iter().enumerate() {
        let y = k as u32 * LEGEND_LINE;
        let _ = write!(
            svg,
            r#"<rect x="1" y="{}" width="14" height="14" fill="{}" stroke="{INK}" stroke-width="1"/><text x="22" y="{}" font-size="13">{}</text>"#,
            y + 1,
            fill(&id, k),
            y + 13,
            escape(name)
        );
    }
    let base = legend + TOP + PLOT;
    // Shared attributes sit on one group per kind of mark: a two-year chart stays small.
    let mut segments = vec![String::new(); series.len()];
    let (mut plates, mut labels, mut totals) = (String::new(), String::new(), String::new());
    for (i, stack) in stacks.iter().enumerate() {
        let x = i as u32 * SLOT;
        let centre = x + SLOT / 2;
        let mut top = base;
        for (k, part) in stack.parts.iter().enumerate() {
            let h = part.value.map_or(0, |v| scale(v, max, PLOT)).min(top - legend - TOP);
            if h == 0 {
                continue;
            }
            top -= h;
            let Some(series) = segments.get_mut(k) else { continue };
            let _ = write!(
                series,
                r#"<rect x="{}" y="{top}" width="{}" height="{h}"/>"#,
                x + 6,
                SLOT - 12
            );
            if h >= MIN_TEXT_HEIGHT {
                // A plate of paper under the number keeps it legible on any pattern.
                let plate = (part.text.chars().count() as u32 * 7 + 6).min(SLOT - 14);
                let mid = top + h / 2;
                let _ = write!(
                    plates,
                    r#"<rect x="{}" y="{}" width="{plate}" height="14"/>"#,
                    centre - plate / 2,
                    mid - 7
                );
                let _ = write!(
                    labels,
                    r#"<text x="{centre}" y="{}">{}</text>"#,
                    mid + 4,
                    escape(&part.text)
                );
            }
        }
        let _ = write!(
            totals,
            r#"<text x="{centre}" y="{}">{}</text>"#,
            top - 5,
            escape(&stack.total.text)
        );
        axis_label(&mut labels, centre, base, &stack.label);
    }
    let _ = write!(svg, r#"<g stroke="{INK}" stroke-width="1">"#);
    for (k, rects) in segments.iter().enumerate() {
        let _ = write!(svg, r#"<g fill="{}">{rects}</g>"#, fill(&id, k));
    }
    let _ = write!(
        svg,
        r#"</g><g fill="{PAPER}">{plates}</g><g text-anchor="middle" font-size="11">{labels}</g><g text-anchor="middle" font-size="12" font-weight="bold">{totals}</g>"#
    );
    let _ = write!(
        svg,
        r#"<line x1="0" y1="{base}" x2="{width}" y2="{base}" stroke="{RULE}" stroke-width="1"/>"#
    );
    svg.push_str("</svg>");
    svg
}

/// The fill of series `k`: the solid colour for the first, a pattern for the others.
fn fill(id: &str, k: usize) -> String {
    match k % 3 {
        0 => BAR.to_string(),
        p => format!("url(#{id}-p{p})"),
    }
}

/// The pattern of series `k`, when it has one: stripes for the second of every three,
/// dots for the third.
fn pattern(id: &str, k: usize) -> String {
    match k % 3 {
        1 => format!(
            r#"<pattern id="{id}-p1" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="{PAPER}"/><rect width="3" height="6" fill="{BAR}"/></pattern>"#
        ),
        2 => format!(
            r#"<pattern id="{id}-p2" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="{PAPER}"/><circle cx="3" cy="3" r="1.7" fill="{INK}"/></pattern>"#
        ),
        _ => String::new(),
    }
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

    /// The number of segments of a stacked chart.
    fn segments(svg: &str) -> usize {
        let group = svg.split("<g stroke=\"#0b0c0c\" stroke-width=\"1\">").nth(1).unwrap();
        group.split("<g fill=\"#ffffff\">").next().unwrap().matches("<rect").count()
    }

    fn part(value: Option<u64>, text: &str) -> Part {
        Part { value, text: text.into() }
    }

    fn stacks() -> Vec<Stack> {
        vec![
            Stack {
                label: "янв 2026".into(),
                parts: vec![part(Some(20), "20"), part(Some(10), "10"), part(Some(0), "0")],
                total: part(Some(30), "30"),
            },
            Stack {
                label: "фев".into(),
                parts: vec![part(Some(5), "5"), part(None, "<3"), part(None, "—")],
                total: part(Some(7), "7"),
            },
        ]
    }

    #[test]
    fn stacked_columns_draw_one_segment_per_shown_non_zero_part_and_a_legend() {
        let series = ["Обращение", "Сообщение", "Инцидент"];
        let svg = stacked_columns(&CAPTION, &series, &stacks());
        // Legend swatches: three; segments: 20 and 10 in January, 5 in February.
        assert_eq!(svg.matches("<rect x=\"1\"").count(), 3);
        assert_eq!(segments(&svg), 3);
        for name in series {
            assert!(svg.contains(&format!(">{name}</text>")), "{name}");
        }
        // The largest total fills the plot: 20 of 30 is 100 of 150.
        assert!(
            svg.contains(
                "<g fill=\"#1d70b8\"><rect x=\"6\" y=\"138\" width=\"32\" height=\"100\"/>"
            ),
            "{svg}"
        );
        assert!(svg.contains("<g fill=\"url(#months-p1)\"><rect"));
        assert!(svg.contains("<pattern id=\"months-p1\""));
        assert!(svg.contains("<pattern id=\"months-p2\""));
        assert!(svg.contains(">30</text>") && svg.contains(">7</text>"), "totals are written");
        assert!(svg.contains(">20</text>"), "a tall segment carries its value");
        assert!(!svg.contains("&lt;3"), "a suppressed part has neither segment nor text");
    }

    #[test]
    fn parts_of_the_largest_stack_fill_the_plot_exactly() {
        let s = vec![Stack {
            label: "x".into(),
            parts: vec![part(Some(1), "1"), part(Some(1), "1"), part(Some(1), "1")],
            total: part(Some(1), "1"),
        }];
        let svg = stacked_columns(&CAPTION, &["a", "b", "c"], &s);
        let heights: u32 = svg
            .split("height=\"")
            .skip(2)
            .filter_map(|h| h.split('"').next()?.parse::<u32>().ok())
            .filter(|h| *h != 14 && *h != 6)
            .sum();
        assert_eq!(heights, 150, "{svg}");
    }

    #[test]
    fn shares_use_a_fixed_scale_with_labelled_rules() {
        let bars = vec![
            Bar { label: "янв".into(), value: Some(50), value_text: "50 %".into() },
            Bar { label: "фев".into(), value: None, value_text: "<3".into() },
        ];
        let svg = share_columns(&CAPTION, &bars, &|p| format!("{p} %"));
        assert_eq!(svg.matches("<rect").count(), 1);
        assert!(svg.contains("height=\"75\""), "50 % is half of the plot: {svg}");
        for tick in ["0 %", "50 %", "100 %"] {
            assert!(svg.contains(&format!(">{tick}</text>")), "{tick}");
        }
        assert!(svg.contains(">&lt;3</text>"));
    }

    #[test]
    fn two_years_of_three_kinds_stay_a_small_part_of_a_page() {
        let month = |n: u64| Stack {
            label: format!("м{n} 2026"),
            parts: (0..3).map(|k| part(Some(100 + n + k), "123")).collect(),
            total: part(Some(400), "400"),
        };
        let stacks: Vec<Stack> = (0..24).map(month).collect();
        let svg = stacked_columns(&CAPTION, &["Обращение", "Сообщение", "Инцидент"], &stacks);
        assert_eq!(segments(&svg), 72);
        assert!(svg.len() < 13_000, "{} bytes", svg.len());
    }
}

//! Markdown to HTML for appeal bodies and sector descriptions, made safe for our pages.
//!
//! The only module that uses pulldown-cmark. The texts come from staff and, through pasted
//! letters, from citizens, so nothing in them is trusted:
//! - raw HTML, block or inline, is shown as text (escaped), never passed through;
//! - a link keeps its target only when it is `http:`, `https:`, `mailto:` or a relative
//!   path; any other target (`javascript:`, `data:`, `vbscript:`, `file:` …) is dropped and
//!   the link's text stays as plain text;
//! - images are never loaded: an image becomes a link to its target (by the same rule), so
//!   a page makes no request to another host when it is opened;
//! - headings are moved down so that a text's `#` cannot become a second `h1` on the page;
//! - footnote names get a prefix so that they cannot collide with the page's own ids.
//!
//! Tables, strikethrough and footnotes are enabled.

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

/// Prefix of the ids of footnotes, which keeps them apart from the ids of the page.
const FOOTNOTE_PREFIX: &str = "fn-";

/// Renders `text` to safe HTML. The text's top-level headings become `top_heading`
/// (1–6; `3` under an `h2` section), and deeper ones follow below it.
pub fn to_html(text: &str, top_heading: u8) -> String {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
    let events: Vec<Event<'_>> = Parser::new_ext(text, options).collect();
    let shift = top_heading.clamp(1, 6) - 1;
    let safe = make_safe(events, shift);
    let mut html = String::with_capacity(text.len() * 3 / 2 + 16);
    pulldown_cmark::html::push_html(&mut html, safe.into_iter());
    html
}

/// Whether a link target may stay: `http:`, `https:`, `mailto:`, or no scheme at all
/// (a relative path, a fragment, or `//host/…`).
///
/// Browsers ignore tabs and line breaks inside a URL and leading control characters and
/// spaces, and compare schemes without case, so `JaVa\tScRiPt:` is a script URL too; the
/// check sees the target the way a browser would. Entities (`&#58;`) are already decoded by
/// the Markdown parser when this runs.
pub fn is_safe_target(target: &str) -> bool {
    let cleaned: String = target
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let end = cleaned.find([':', '/', '?', '#']);
    match end {
        Some(i) if cleaned[i..].starts_with(':') => {
            let scheme = cleaned[..i].to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto")
        }
        _ => true,
    }
}

/// What happened to a link or image start, so that its end can follow suit.
enum Opened {
    /// Kept as a link.
    Link,
    /// Dropped; its text stays.
    Dropped,
}

fn make_safe(events: Vec<Event<'_>>, shift: u8) -> Vec<Event<'_>> {
    let mut out = Vec::with_capacity(events.len());
    let mut open: Vec<Opened> = Vec::new();
    let mut iter = events.into_iter().peekable();
    while let Some(event) = iter.next() {
        match event {
            Event::Html(raw) | Event::InlineHtml(raw) => out.push(Event::Text(raw)),
            Event::Start(Tag::HtmlBlock) => out.push(Event::Start(Tag::Paragraph)),
            Event::End(TagEnd::HtmlBlock) => out.push(Event::End(TagEnd::Paragraph)),
            Event::Start(Tag::Heading { level, .. }) => out.push(Event::Start(Tag::Heading {
                level: lower(level, shift),
                id: None,
                classes: Vec::new(),
                attrs: Vec::new(),
            })),
            Event::End(TagEnd::Heading(level)) => {
                out.push(Event::End(TagEnd::Heading(lower(level, shift))))
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                if target_allowed(link_type, &dest_url) {
                    open.push(Opened::Link);
                    out.push(Event::Start(Tag::Link { link_type, dest_url, title, id }));
                } else {
                    open.push(Opened::Dropped);
                }
            }
            Event::End(TagEnd::Link) | Event::End(TagEnd::Image) => {
                if let Some(Opened::Link) = open.pop() {
                    out.push(Event::End(TagEnd::Link));
                }
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let empty = matches!(iter.peek(), Some(Event::End(TagEnd::Image)));
                if target_allowed(link_type, &dest_url) {
                    open.push(Opened::Link);
                    let text = dest_url.to_string();
                    out.push(Event::Start(Tag::Link { link_type, dest_url, title, id }));
                    if empty {
                        out.push(Event::Text(CowStr::from(text)));
                    }
                } else {
                    open.push(Opened::Dropped);
                }
            }
            Event::FootnoteReference(name) => {
                out.push(Event::FootnoteReference(format!("{FOOTNOTE_PREFIX}{name}").into()))
            }
            Event::Start(Tag::FootnoteDefinition(name)) => out.push(Event::Start(
                Tag::FootnoteDefinition(format!("{FOOTNOTE_PREFIX}{name}").into()),
            )),
            other => out.push(other),
        }
    }
    out
}

fn target_allowed(link_type: LinkType, target: &str) -> bool {
    // An e-mail autolink's target is the bare address; the HTML writer adds `mailto:`.
    link_type == LinkType::Email || is_safe_target(target)
}

fn lower(level: HeadingLevel, shift: u8) -> HeadingLevel {
    let n = (level as u8 + shift).min(6);
    HeadingLevel::try_from(n as usize).unwrap_or(HeadingLevel::H6)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(text: &str) -> String {
        to_html(text, 3)
    }

    /// No tag in `out` is a script, image or frame, no attribute is an event handler, and
    /// every link target is safe. Text that merely mentions `javascript:` is harmless.
    fn assert_inert(out: &str) {
        let lower = out.to_ascii_lowercase();
        for forbidden in ["<script", "<img", "<iframe", "<object", "<embed", "<svg"] {
            assert!(!lower.contains(forbidden), "{forbidden} in {out}");
        }
        for tag in lower.split('<').skip(1) {
            let inside = tag.split('>').next().unwrap_or_default();
            assert!(!inside.contains(" on"), "event handler inside a tag: <{inside}> in {out}");
            assert!(!inside.contains(" src="), "source inside a tag: <{inside}> in {out}");
        }
        for part in out.split("href=\"").skip(1) {
            let value = part.split('"').next().unwrap_or_default();
            let decoded = value.replace("&amp;", "&").replace("&#x27;", "'").replace("&#39;", "'");
            assert!(is_safe_target(&decoded), "unsafe target {value} in {out}");
        }
    }

    #[test]
    fn plain_markdown_renders_with_tables_strikethrough_and_footnotes() {
        let out =
            html("Текст ~~зачёркнут~~.[^1]\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[^1]: Сноска.\n");
        assert!(out.contains("<del>зачёркнут</del>"), "{out}");
        assert!(out.contains("<table>"), "{out}");
        assert!(out.contains("href=\"#fn-1\""), "{out}");
        assert!(out.contains("id=\"fn-1\""), "{out}");
    }

    #[test]
    fn a_script_block_is_shown_as_text() {
        let out = html("<script>alert(1)</script>\n\nпосле");
        assert!(out.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{out}");
        assert_inert(&out);
    }

    #[test]
    fn inline_html_is_escaped() {
        let out = html("яма <img src=x onerror=alert(1)> у школы <b>жирно</b>");
        assert!(out.contains("&lt;img src=x onerror=alert(1)&gt;"), "{out}");
        assert!(out.contains("&lt;b&gt;"), "{out}");
        assert_inert(&out);
    }

    #[test]
    fn an_html_block_with_an_event_handler_is_escaped() {
        let out = html("<div onclick=\"alert(1)\">\nклик\n</div>\n");
        assert!(out.contains("&lt;div onclick="), "{out}");
        assert_inert(&out);
    }

    #[test]
    fn javascript_links_lose_their_target_in_every_disguise() {
        for target in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "JaVaScRiPt&#58;alert(1)",
            "&#106;avascript:alert(1)",
            "java&#x09;script:alert(1)",
            "%20javascript:alert(1)",
            "<javascript:alert(1)>",
            "< javascript:alert(1)>",
            "vbscript:msgbox(1)",
            "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
            "DATA:text/html,<script>alert(1)</script>",
            "file:///etc/passwd",
        ] {
            let out = html(&format!("[нажми]({target}) и [тоже](<{target}>)"));
            assert!(out.contains("нажми"), "{target}: {out}");
            assert!(!out.contains("<a "), "{target}: {out}");
            assert_inert(&out);
        }
    }

    #[test]
    fn a_script_link_with_a_leading_space_or_tab_in_angle_brackets_is_dropped() {
        let out = html("[x](<\tjavascript:alert(1)>)");
        assert!(!out.contains("<a "), "{out}");
    }

    #[test]
    fn autolinks_keep_safe_targets_only() {
        let out = html(
            "<https://example.org/a> <mailto:a@b.example> <a@b.example> <javascript:alert(1)>",
        );
        assert!(out.contains("href=\"https://example.org/a\""), "{out}");
        assert!(out.contains("href=\"mailto:a@b.example\""), "{out}");
        assert_eq!(out.matches("<a ").count(), 3, "{out}");
        assert!(!out.to_ascii_lowercase().contains("href=\"javascript"), "{out}");
    }

    #[test]
    fn reference_links_are_checked_like_inline_ones() {
        let out = html(
            "[хорошо][a] и [плохо][b]\n\n[a]: ../sectors/roads.html\n[b]: JAVASCRIPT:alert(1)\n",
        );
        assert!(out.contains("href=\"../sectors/roads.html\""), "{out}");
        assert!(out.contains("плохо"), "{out}");
        assert_eq!(out.matches("<a ").count(), 1, "{out}");
        assert_inert(&out);
    }

    #[test]
    fn link_attributes_cannot_break_out_of_the_quotes() {
        let out = html("[x](https://e.example/\"onmouseover=\"alert(1) \"t\\\"onfocus=alert(1)\")");
        assert_inert(&out);
    }

    #[test]
    fn images_become_links_and_are_never_loaded() {
        let out = html(
            "![яма](https://example.org/pit.jpg) ![](photo.png) ![x](data:image/png;base64,AAAA)",
        );
        assert!(!out.contains("<img"), "{out}");
        assert!(out.contains("<a href=\"https://example.org/pit.jpg\">яма</a>"), "{out}");
        assert!(out.contains("<a href=\"photo.png\">photo.png</a>"), "{out}");
        assert_eq!(out.matches("<a ").count(), 2, "{out}");
        assert_inert(&out);
    }

    #[test]
    fn an_image_inside_a_link_keeps_both_balanced() {
        let out = html("[![alt](javascript:x)](https://ok.example)");
        assert_eq!(out.matches("<a ").count(), out.matches("</a>").count(), "{out}");
        assert_inert(&out);
    }

    #[test]
    fn headings_move_below_the_page_heading() {
        let out = html("# Заголовок\n\n## Ниже\n\n###### Самый низ");
        assert!(out.contains("<h3>Заголовок</h3>"), "{out}");
        assert!(out.contains("<h4>Ниже</h4>"), "{out}");
        assert!(out.contains("<h6>Самый низ</h6>"), "{out}");
        assert!(!to_html("# a", 2).contains("<h1"));
    }

    #[test]
    fn safe_targets_are_recognised() {
        assert!(is_safe_target("https://example.org"));
        assert!(is_safe_target("HTTP://example.org"));
        assert!(is_safe_target("mailto:a@b.example"));
        assert!(is_safe_target("../a/b.html"));
        assert!(is_safe_target("#part"));
        assert!(is_safe_target("a/b:c"));
        assert!(!is_safe_target("  javascript:x"));
        assert!(!is_safe_target("\u{1}javascript:x"));
        assert!(!is_safe_target("java\nscript:x"));
        assert!(!is_safe_target("tel:123"));
    }
}

//! Free text from exports made fit for an appeal file: HTML from rich-text editors reduced
//! to plain text, boilerplate and time stamps cut from the start of closing notes, long
//! public text shortened, and a guard that keeps phone numbers and e-mail addresses out of
//! public summaries.

/// Reduces HTML to plain text: block elements become paragraph breaks, `<br>` a line break,
/// list items `- ` lines, entities their characters; scripts, styles and comments vanish.
/// Text that only looks like a tag (`a < b`, `<3`) is kept.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some((consumed, replacement)) = tag(rest)
        {
            out.push_str(replacement);
            rest = &rest[consumed..];
            continue;
        }
        if c == '&'
            && let Some((consumed, ch)) = entity(rest)
        {
            out.push(ch);
            rest = &rest[consumed..];
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    tidy(&out)
}

/// Recognises a tag, comment, script or style at the start of `text`; returns how many
/// bytes it spans and what stands for it in plain text.
fn tag(text: &str) -> Option<(usize, &'static str)> {
    if let Some(comment) = text.strip_prefix("<!--") {
        let end = comment.find("-->").map_or(text.len(), |i| 4 + i + 3);
        return Some((end, ""));
    }
    let after = text[1..].strip_prefix('/').unwrap_or(&text[1..]);
    let name_length = after.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(after.len());
    let name = after[..name_length].to_ascii_lowercase();
    if name.is_empty() || !name.as_bytes()[0].is_ascii_alphabetic() {
        return None;
    }
    let end = tag_end(text)?;
    if (name == "script" || name == "style") && !text[1..].starts_with('/') {
        let close = format!("</{name}");
        let lower = text.to_ascii_lowercase();
        let body_end = lower
            .find(&close)
            .map_or(text.len(), |i| tag_end(&text[i..]).map_or(text.len(), |e| i + e));
        return Some((body_end, ""));
    }
    let replacement = match name.as_str() {
        "br" => "\n",
        "li" if text[1..].starts_with('/') => "",
        "li" => "\n- ",
        "p" | "div" | "ul" | "ol" | "tr" | "table" | "blockquote" | "figure" | "h1" | "h2"
        | "h3" | "h4" | "h5" | "h6" => "\n\n",
        "td" | "th" => " ",
        _ => "",
    };
    Some((end, replacement))
}

/// The byte offset just past the `>` that closes the tag at the start of `text`, skipping
/// quoted attribute values (the Kursk export quotes them with backticks).
fn tag_end(text: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in text.char_indices().skip(1) {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' || c == '`' => quote = Some(c),
            None if c == '>' => return Some(i + 1),
            None => {}
        }
    }
    None
}

/// Recognises a character reference at the start of `text`: `&nbsp;`, `&#171;`, `&#xAB;`.
fn entity(text: &str) -> Option<(usize, char)> {
    let end = text.bytes().take(12).position(|b| b == b';')?;
    let name = &text[1..end];
    let ch = if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
        char::from_u32(u32::from_str_radix(hex, 16).ok()?)?
    } else if let Some(dec) = name.strip_prefix('#') {
        char::from_u32(dec.parse().ok()?)?
    } else {
        named_entity(name)?
    };
    Some((end + 1, ch))
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "nbsp" => ' ',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "laquo" => '«',
        "raquo" => '»',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "shy" => '\u{ad}',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "copy" => '©',
        "reg" => '®',
        "deg" => '°',
        "plusmn" => '±',
        "times" => '×',
        "bull" => '•',
        "middot" => '·',
        "numero" => '№',
        "sect" => '§',
        "euro" => '€',
        _ => return None,
    })
}

/// Normalises text for a file: Unix line ends, no trailing spaces, runs of spaces
/// collapsed, at most one blank line in a row, no soft hyphens or object placeholders.
pub fn tidy(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut lines: Vec<String> = Vec::new();
    for line in text.split('\n') {
        let line: String = line
            .chars()
            .filter(|c| !matches!(c, '\u{ad}' | '\u{fffc}' | '\u{200b}'))
            .map(|c| if c == '\u{a0}' || c == '\t' { ' ' } else { c })
            .collect();
        let line = line.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
        let blank = line.is_empty();
        if blank && lines.last().is_none_or(String::is_empty) {
            continue;
        }
        lines.push(line);
    }
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines.join("\n")
}

/// Cuts boilerplate from the start of `text`: any of `phrases` (compared without regard to
/// case, and only as whole words) and, if `stamps`, date-time stamps, repeatedly, so that
/// `Case Closed. Closed date : 2022-01-18 15:08:24.983 Case Resolved Picked up` becomes
/// `Picked up`.
pub fn strip_leading<'a>(text: &'a str, phrases: &[String], stamps: bool) -> &'a str {
    let mut rest = text.trim_start();
    loop {
        let before = rest.len();
        for phrase in phrases {
            if let Some(n) = prefix_length(rest, phrase) {
                rest = rest[n..].trim_start();
            }
        }
        if stamps && let Some(n) = stamp_length(rest) {
            rest = rest[n..].trim_start();
        }
        if rest.len() == before {
            return rest;
        }
    }
}

/// The byte length of `phrase` at the start of `text`, if it is there as whole words.
fn prefix_length(text: &str, phrase: &str) -> Option<usize> {
    let mut t = text.char_indices();
    for p in phrase.chars() {
        let (_, c) = t.next()?;
        if !c.to_lowercase().eq(p.to_lowercase()) {
            return None;
        }
    }
    let end = t.next().map_or(text.len(), |(i, _)| i);
    let last = phrase.chars().last()?;
    let next = text[end..].chars().next();
    let glued = last.is_alphanumeric() && next.is_some_and(char::is_alphanumeric);
    (!glued).then_some(end)
}

/// The byte length of a date-time stamp at the start of `text`: ISO
/// (`2022-01-18 15:08:24.983`) or the Java `Date.toString` form
/// (`Fri Apr 22 04:14:40 EDT 2022`).
fn stamp_length(text: &str) -> Option<usize> {
    if let Some(n) = shape_length(text, "9999-99-99 99:99") {
        let mut n = n;
        n += shape_length(&text[n..], ":99").unwrap_or(0);
        if text[n..].starts_with('.') {
            n += 1 + text[n + 1..].bytes().take_while(u8::is_ascii_digit).count();
        }
        return Some(n);
    }
    let n = shape_length(text, "Aaa Aaa 99 99:99:99 ")?;
    let zone = text[n..].bytes().take_while(u8::is_ascii_uppercase).count();
    let year = shape_length(&text[n + zone..], " 9999")?;
    (2..=5).contains(&zone).then_some(n + zone + year)
}

/// The length of `shape` at the start of `text`, where in `shape` `9` is a digit, `A` an
/// upper-case and `a` a lower-case ASCII letter, a space also matches `T`, and anything
/// else stands for itself.
fn shape_length(text: &str, shape: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    if bytes.len() < shape.len() {
        return None;
    }
    let fits = shape.bytes().zip(bytes).all(|(s, &b)| match s {
        b'9' => b.is_ascii_digit(),
        b'A' => b.is_ascii_uppercase(),
        b'a' => b.is_ascii_lowercase(),
        b' ' => b == b' ' || b == b'T',
        _ => s == b,
    });
    fits.then_some(shape.len())
}

/// Shortens text to at most `max` characters at a word boundary, ending it with `…`;
/// `None` when it already fits.
pub fn shorten(text: &str, max: usize) -> Option<String> {
    if text.chars().count() <= max {
        return None;
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    let at_word =
        cut.rfind(char::is_whitespace).filter(|&i| i > cut.len() / 2).unwrap_or(cut.len());
    Some(format!("{}…", cut[..at_word].trim_end()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rich_text_becomes_paragraphs() {
        let html = "<p>Здравствуйте.&nbsp;На&nbsp; улице <strong>Мира</strong></p>\
            <p>&nbsp;</p><p><span style=`color:rgb(1,2,3);`>Нет&nbsp;света</span><br>с&nbsp;января</p>\
            <ul><li>раз</li><li>два</li></ul><!-- x --><script>alert(1)</script>a &lt; b, &laquo;3&raquo; <3 &bogus;";
        assert_eq!(
            html_to_text(html),
            "Здравствуйте. На улице Мира\n\nНет света\nс января\n\n- раз\n- два\n\na < b, «3» <3 &bogus;"
        );
    }

    #[test]
    fn text_without_markup_is_only_tidied() {
        assert_eq!(html_to_text("a\r\n\r\n\r\n b\u{a0}\u{a0}c  "), "a\n\nb c");
        assert_eq!(html_to_text("<unterminated"), "<unterminated");
    }

    #[test]
    fn closing_boilerplate_and_stamps_are_cut() {
        let phrases: Vec<String> =
            ["Case Closed.", "Case Closed", "Closed date :", "Case Resolved", "Resolved", "Noted"]
                .iter()
                .map(|s| s.to_string())
                .collect();
        let cut = |t| strip_leading(t, &phrases, true);
        assert_eq!(
            cut("Case Closed. Closed date : 2022-01-18 15:08:24.983 Case Resolved ON CALL CREW"),
            "ON CALL CREW"
        );
        assert_eq!(
            cut("Case Closed. Closed date : Fri Apr 22 04:14:40 EDT 2022 Noted Will look"),
            "Will look"
        );
        assert_eq!(cut("Case Closed Case Resolved  new cart"), "new cart");
        assert_eq!(cut("Notedly not a phrase"), "Notedly not a phrase");
        assert_eq!(cut("Case Closed. Closed date : 2022-12-09 16:30:31.787 "), "");
    }

    #[test]
    fn long_text_is_shortened_at_a_word() {
        assert_eq!(shorten("short", 10), None);
        assert_eq!(shorten("one two three four", 12).as_deref(), Some("one two…"));
    }
}

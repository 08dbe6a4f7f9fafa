//! Keeping personal data off the public site.
//!
//! The public views are built from an allow-list of fields (see `render::views`), so the
//! applicant's name, contacts and address and the appeal's text never reach a public page
//! by themselves. What the allow-list cannot see is a person's data written into a field
//! that is published: a summary that names the applicant, a YAML alias that copies
//! `applicant.name` into `public_summary`, a phone number in the answer. This module finds
//! those before `build` publishes them.

use crate::appeal::{Appeal, Status};
use crate::diagnostic::Diagnostic;
use crate::messages;

/// The appeal's fields that are published, with their text when it is published.
fn published_fields(a: &Appeal) -> [(&'static str, Option<&str>); 3] {
    [
        ("public_summary", a.public_summary.as_deref()),
        ("answer_summary", a.answer_summary.as_deref()),
        // Published as "forwarded to"; for other statuses it is an internal ground.
        ("reason", a.reason.as_deref().filter(|_| a.status == Status::Forwarded)),
    ]
}

/// A rule that finds a private value (second) again in a published text (first).
type Finder = fn(&Text, &Text) -> bool;

/// The applicant's values that are written, folded once, each with the rule that finds it
/// again in other words. The address goes without its settlement, which every item
/// publishes anyway.
fn private_values(a: &Appeal) -> Vec<(&'static str, Text, Finder)> {
    let applicant = &a.applicant;
    let address =
        applicant.address.as_deref().map(|v| Text::new(v).without(&Text::new(&a.locality)));
    [
        ("applicant.name", applicant.name.as_deref().map(Text::new), Text::names as Finder),
        ("applicant.contact", applicant.contact.as_deref().map(Text::new), Text::contacts),
        ("applicant.address", address, Text::addresses),
    ]
    .into_iter()
    .filter_map(|(field, text, finds)| Some((field, text?, finds)))
    .collect()
}

/// Errors for a published field that repeats one of the applicant's values, warnings for
/// one that seems to hold a phone number or an e-mail address.
pub fn check_public_fields(a: &Appeal) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut published =
        published_fields(a).into_iter().filter_map(|(f, t)| Some((f, t?))).peekable();
    if published.peek().is_none() {
        return out;
    }
    let private = private_values(a);
    for (field, text) in published {
        let at = Some(a.place(field));
        let public = Text::new(text);
        if let Some((value, _, _)) = private.iter().find(|(_, value, finds)| finds(&public, value))
        {
            let m = messages::private_in_public(field, value);
            out.push(Diagnostic::error("private-in-public", &a.file, at, m));
        } else if looks_personal(text) {
            let m = messages::contact_in_public(field);
            out.push(Diagnostic::warning("contact-in-public", &a.file, at, m));
        }
    }
    out
}

/// Words of an address that say what kind of place it is, not which one.
const PLACE_WORDS: &[&str] = &[
    "улица",
    "ул",
    "переулок",
    "пер",
    "проспект",
    "пр",
    "площадь",
    "пл",
    "шоссе",
    "тракт",
    "микрорайон",
    "мкр",
    "дом",
    "квартира",
    "кв",
    "корпус",
    "корп",
    "строение",
    "стр",
    "село",
    "деревня",
    "посёлок",
    "поселок",
    "пос",
    "республика",
    "район",
    "область",
    "край",
    "алтай",
    "россия",
];

/// A text folded for comparison, as words and as runs of digits: the same under case,
/// punctuation and spacing, `ё` and `е`, full-width digits, Latin letters that look
/// Cyrillic inside a Cyrillic word, invisible format characters and numeric HTML
/// entities — the ways a copied value changes on its way into a summary, by accident or
/// on purpose.
struct Text {
    words: Vec<String>,
    /// Runs of digits, with the separators of a phone number (` -()+.`) dropped.
    numbers: Vec<String>,
    /// The local parts of e-mail addresses.
    mailboxes: Vec<String>,
}

impl Text {
    fn new(text: &str) -> Text {
        let folded = fold(&decode_entities(text));
        let words: Vec<String> = folded
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(String::from)
            .collect();
        let mailboxes = folded
            .split_whitespace()
            .filter_map(|w| w.split_once('@'))
            .map(|(user, _)| user.trim_start_matches(|c: char| !c.is_alphanumeric()).to_string())
            .filter(|user| user.chars().count() >= 3)
            .collect();
        Text { words, numbers: digit_runs(&folded), mailboxes }
    }

    /// This text less the words of `other`.
    fn without(mut self, other: &Text) -> Text {
        self.words.retain(|w| !other.words.contains(w));
        self
    }

    /// Whether `private`'s words stand here in a row.
    fn has_run(&self, private: &Text) -> bool {
        let letters: usize = private.words.iter().map(|w| w.chars().count()).sum();
        !private.words.is_empty()
            && letters >= 3
            && self.words.windows(private.words.len()).any(|w| w == private.words.as_slice())
    }

    /// Whether a word here is `word` or one of its forms (`Семёнову` for `Семёнов`).
    fn has_word(&self, word: &str) -> bool {
        let stem = stem(word);
        let longest = word.chars().count() + 2;
        self.words
            .iter()
            .any(|w| w == word || (w.starts_with(stem) && w.chars().count() <= longest))
    }

    /// A name: the whole name, or any word of it of four letters or more in any form — a
    /// surname alone, a first name and patronymic, a surname with initials.
    fn names(public: &Text, name: &Text) -> bool {
        public.has_run(name)
            || name.words.iter().any(|w| w.chars().count() >= 4 && public.has_word(w))
    }

    /// A contact: the whole of it, a phone number by its last seven digits (five for a
    /// short rural number), or an e-mail address by its mailbox name.
    fn contacts(public: &Text, contact: &Text) -> bool {
        let phone = contact.numbers.iter().filter(|n| n.len() >= 5).any(|n| {
            let tail = &n[n.len().saturating_sub(7)..];
            public.numbers.iter().any(|p| p.contains(tail))
        });
        let mailbox = contact
            .mailboxes
            .iter()
            .any(|m| public.words.iter().any(|w| w == m) || public.mailboxes.contains(m));
        public.has_run(contact) || phone || mailbox
    }

    /// An address: the whole of it, or a street named with a house number of it. A street
    /// alone is a public place; with the number it is somebody's home.
    fn addresses(public: &Text, address: &Text) -> bool {
        let street = address.words.iter().any(|w| {
            w.chars().count() >= 4
                && !w.chars().all(|c| c.is_ascii_digit())
                && !PLACE_WORDS.contains(&w.as_str())
                && public.has_word(w)
        });
        let number = address
            .words
            .iter()
            .any(|w| w.starts_with(|c: char| c.is_ascii_digit()) && public.words.contains(w));
        public.has_run(address) || (street && number)
    }
}

/// `word` without the vowels and soft signs of its ending, so that its other case forms
/// start with it (`заречная` → `заречн`); at least four letters stay.
fn stem(word: &str) -> &str {
    let stemmed = word.trim_end_matches(|c: char| "аеёиоуыэюяйь".contains(c));
    if stemmed.chars().count() >= 4 { stemmed } else { word }
}

/// The runs of digits of a folded text, each with the separators a phone number is written
/// with dropped: `+7 (999) 111-44-17` is one run, `79991114417`.
fn digit_runs(text: &str) -> Vec<String> {
    let mut runs = Vec::new();
    let mut run = String::new();
    let mut gap = 0;
    for c in text.chars() {
        if c.is_ascii_digit() {
            run.push(c);
            gap = 0;
        } else if !run.is_empty() && " -()+.".contains(c) && gap < 2 {
            gap += 1;
        } else if !run.is_empty() {
            runs.push(std::mem::take(&mut run));
            gap = 0;
        }
    }
    if !run.is_empty() {
        runs.push(run);
    }
    runs
}

/// Lower case, compatibility forms (full-width digits) and `ё` folded; format characters
/// (soft hyphens, zero-width spaces) dropped; in a word that has Cyrillic letters, the
/// Latin letters that look the same read as Cyrillic.
fn fold(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let plain: String = text
        .nfkc()
        .flat_map(char::to_lowercase)
        .filter(|&c| !is_format(c))
        .map(|c| if c == 'ё' { 'е' } else { c })
        .collect();
    let mut out = String::with_capacity(plain.len());
    for piece in plain.split_inclusive(|c: char| !c.is_alphanumeric()) {
        if piece.chars().any(is_cyrillic) {
            out.extend(piece.chars().map(as_cyrillic));
        } else {
            out.push_str(piece);
        }
    }
    out
}

fn is_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{04FF}').contains(&c)
}

/// Invisible characters that change no letter: soft hyphen, zero-width space and joiners,
/// word joiner, byte order mark.
fn is_format(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// The Cyrillic letter a lower-case Latin one looks like, or the letter itself.
fn as_cyrillic(c: char) -> char {
    match c {
        'a' => 'а',
        'b' => 'в',
        'c' => 'с',
        'e' => 'е',
        'h' => 'н',
        'k' => 'к',
        'm' => 'м',
        'o' => 'о',
        'p' => 'р',
        't' => 'т',
        'x' => 'х',
        'y' => 'у',
        _ => c,
    }
}

/// Numeric HTML character references (`&#1057;`, `&#x421;`) as the characters they stand
/// for: a summary is shown as text, but whoever reads the open data may decode them.
fn decode_entities(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("&#") {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("&#") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let decoded = after.split_once(';').and_then(|(code, tail)| {
            let n = match code.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => code.parse().ok()?,
            };
            Some((char::from_u32(n)?, tail))
        });
        match decoded {
            Some((c, tail)) => {
                out.push(c);
                rest = tail;
            }
            None => {
                out.push_str("&#");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// Whether text seems to hold a phone number or an e-mail address, which must not reach a
/// public page. A heuristic on purpose: it errs towards "yes", because the cost of a false
/// alarm is a summary written by hand, and the cost of a miss is a published phone number.
pub fn looks_personal(text: &str) -> bool {
    has_email(text) || has_phone(text)
}

fn has_email(text: &str) -> bool {
    text.split_whitespace().any(|word| {
        word.split_once('@').is_some_and(|(user, host)| {
            user.chars().last().is_some_and(char::is_alphanumeric)
                && host.trim_end_matches(|c: char| !c.is_alphanumeric()).contains('.')
        })
    })
}

/// Seven digits in a row, or 10–12 digits in groups joined by one or two spaces, dashes,
/// brackets or plus signs (`+7 (913) 123-45-67`, `8 800 200 0 220`, `(617) 635-4500`).
/// A run that starts with a four-digit group is a date (`2022-01-18 15`), not a phone.
fn has_phone(text: &str) -> bool {
    let is_separator = |c: char| " -()+".contains(c);
    let mut groups: Vec<usize> = Vec::new();
    let (mut digits, mut separators) = (0usize, 0usize);
    for c in text.chars().chain(std::iter::once('\n')) {
        if c.is_ascii_digit() {
            digits += 1;
            separators = 0;
            if digits >= 7 {
                return true;
            }
            continue;
        }
        if digits > 0 {
            groups.push(digits);
            digits = 0;
        }
        separators = if is_separator(c) { separators + 1 } else { 3 };
        if separators > 2 {
            let total: usize = groups.iter().sum();
            if (10..=12).contains(&total) && groups.first() != Some(&4) {
                return true;
            }
            groups.clear();
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::Moment;

    fn appeal(summary: &str) -> Appeal {
        let mut a = Appeal::fixture("2026-0001", Moment::Day(chrono::NaiveDate::MIN));
        a.public_summary = Some(summary.into());
        a.applicant.name = Some("Иванова Мария Петровна".into());
        a.applicant.contact = Some("+7 (913) 123-45-67".into());
        a.applicant.address = Some("с. Катанда, ул. Лесная, 5".into());
        a
    }

    fn codes(a: &Appeal) -> Vec<&'static str> {
        check_public_fields(a).iter().map(|d| d.code).collect()
    }

    #[test]
    fn a_summary_repeating_the_applicant_is_an_error_whatever_the_case_and_spacing() {
        assert_eq!(codes(&appeal("Жалоба: ИВАНОВА   мария петровна, яма")), ["private-in-public"]);
        assert_eq!(codes(&appeal("звонить 8-913-123-45-67")), ["private-in-public"]);
        assert_eq!(codes(&appeal("с. Катанда, ул. Лесная, 5")), ["private-in-public"]);
    }

    #[test]
    fn a_summary_with_other_words_or_another_phone_passes_or_warns() {
        assert!(codes(&appeal("Яма на дороге у школы")).is_empty());
        // Part of a word is not the word: «Иванова» is not in «Ивановская».
        let mut a = appeal("улица Ивановская");
        a.applicant.name = Some("Иванова".into());
        assert!(codes(&a).is_empty());
        assert_eq!(codes(&appeal("горячая линия 8 800 200 0 220")), ["contact-in-public"]);
    }

    #[test]
    fn a_name_is_found_in_parts_in_other_cases_and_in_disguise() {
        for summary in [
            "Мария Петровна Иванова: яма у дома",
            "Обратилась Иванова",
            "Ответ вручён Ивановой М. П.",
            "Мария Петровна просит",
            "Иванoва (with a Latin o)",
            "Ива\u{00AD}нова и яма",
            "&#1048;ванова и яма",
        ] {
            assert_eq!(codes(&appeal(summary)), ["private-in-public"], "{summary}");
        }
        let mut a = appeal("Семенов просит");
        a.applicant.name = Some("Семёнов Пётр".into());
        assert_eq!(codes(&a), ["private-in-public"], "ё and е are one letter");
    }

    #[test]
    fn a_contact_is_found_by_part_of_a_phone_and_by_the_mailbox() {
        let mut a = appeal("Яма, звонить 123-45-67");
        assert_eq!(codes(&a), ["private-in-public"]);
        a.applicant.contact = Some("тел. +7 999 111-44-17, почта zz4417@example.org".into());
        for summary in [
            "Писать zz4417@example.org",
            "Звонить +7 999 111-44-17",
            "Тел. 1114417",
            "Тел ８９９９１１１４４１７",
            "Ответ на zz4417 at example.org",
        ] {
            a.public_summary = Some(summary.into());
            assert_eq!(codes(&a), ["private-in-public"], "{summary}");
        }
    }

    #[test]
    fn a_street_is_public_and_a_street_with_the_house_number_is_a_home() {
        assert!(codes(&appeal("Яма на ул. Лесной")).is_empty());
        assert_eq!(codes(&appeal("Яма у дома 5 по ул. Лесной")), ["private-in-public"]);
        // The settlement is published with every item: it is no part of a home address.
        assert!(codes(&appeal("Катанда, дом культуры, 5 окон")).is_empty());
    }

    #[test]
    fn the_reason_counts_only_when_it_is_published_as_forwarded_to() {
        let mut a = appeal("Яма");
        a.reason = Some("Иванова Мария Петровна просит".into());
        a.status = Status::LeftUnanswered;
        assert!(codes(&a).is_empty());
        a.status = Status::Forwarded;
        assert_eq!(codes(&a), ["private-in-public"]);
    }

    #[test]
    fn phones_and_emails_are_spotted_and_dates_are_not() {
        assert!(looks_personal("звонить +7 (913) 123-45-67"));
        assert!(looks_personal("линия 8 800 200 0 220"));
        assert!(looks_personal("cart 22030174"));
        assert!(looks_personal("пишите ivanov@mail.ru."));
        assert!(looks_personal("(617) 635-4500"));
        assert!(!looks_personal("closed 2022-01-18 15:08, light is working 12/9/2022"));
        assert!(!looks_personal("дом [№], кв. [№], [телефон], [email]"));
        assert!(!looks_personal("@mention and a.b"));
        assert!(!looks_personal("маршрут 263, 12 часов"));
    }
}

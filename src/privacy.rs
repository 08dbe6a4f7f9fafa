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

/// The applicant's values, by field name.
fn private_values(a: &Appeal) -> [(&'static str, Option<&str>); 3] {
    [
        ("applicant.name", a.applicant.name.as_deref()),
        ("applicant.contact", a.applicant.contact.as_deref()),
        ("applicant.address", a.applicant.address.as_deref()),
    ]
}

/// Errors for a published field that repeats one of the applicant's values, warnings for
/// one that seems to hold a phone number or an e-mail address.
pub fn check_public_fields(a: &Appeal) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (field, text) in published_fields(a) {
        let Some(text) = text else { continue };
        let at = Some(a.place(field));
        let public = Text::new(text);
        let repeated = private_values(a)
            .into_iter()
            .find(|(_, value)| value.is_some_and(|v| public.repeats(&Text::new(v))));
        if let Some((private, _)) = repeated {
            let m = messages::private_in_public(field, private);
            out.push(Diagnostic::error("private-in-public", &a.file, at, m));
        } else if looks_personal(text) {
            let m = messages::contact_in_public(field);
            out.push(Diagnostic::warning("contact-in-public", &a.file, at, m));
        }
    }
    out
}

/// A text as words and as digits, for comparisons that survive case, punctuation and
/// spacing: `Иванова  И.И.` repeats `иванова и и`, `+7 (913) 123-45-67` repeats
/// `8-913-123-45-67`.
struct Text {
    words: Vec<String>,
    digits: String,
}

impl Text {
    fn new(text: &str) -> Text {
        let words = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        let digits = text.chars().filter(char::is_ascii_digit).collect();
        Text { words, digits }
    }

    /// Whether this text holds `private`: all its words in a row, or, for a value with
    /// seven digits or more such as a phone number, its last ten digits.
    fn repeats(&self, private: &Text) -> bool {
        let letters: usize = private.words.iter().map(|w| w.chars().count()).sum();
        let by_words = !private.words.is_empty()
            && letters >= 3
            && self.words.windows(private.words.len()).any(|w| w == private.words.as_slice());
        let tail = &private.digits[private.digits.len().saturating_sub(10)..];
        by_words || (tail.len() >= 7 && self.digits.contains(tail))
    }
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
        assert_eq!(codes(&appeal("Яма у дома: Катанда, Лесная 5")), Vec::<&str>::new());
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

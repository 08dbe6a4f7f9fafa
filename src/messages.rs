//! The message catalogue: every sentence otklik says to a person, in Russian and English.
//!
//! Each function builds one [`Message`] in all languages at once, so a missing translation
//! is a compile error rather than a blank line in a report.

use serde::{Deserialize, Serialize};
use std::fmt::Display;

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Russian, the default: the users are Russian civil servants and citizens.
    #[default]
    Ru,
    /// English.
    En,
}

impl Lang {
    /// Parses `ru` or `en`.
    pub fn parse(text: &str) -> Option<Lang> {
        match text.trim() {
            "ru" => Some(Lang::Ru),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The code, `ru` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }
}

/// One sentence in every language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    ru: String,
    en: String,
}

impl Message {
    /// A message from its two texts, for callers outside the catalogue (tests, placeholders).
    pub fn new(ru: impl Into<String>, en: impl Into<String>) -> Message {
        msg(ru, en)
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ru => &self.ru,
            Lang::En => &self.en,
        }
    }
}

fn msg(ru: impl Into<String>, en: impl Into<String>) -> Message {
    Message { ru: ru.into(), en: en.into() }
}

/// The closest known name to `wrong`, if one is close enough to be a typo.
pub fn suggest<'a>(wrong: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    known
        .into_iter()
        .map(|k| (strsim::damerau_levenshtein(wrong, k), k))
        .filter(|(d, k)| *d <= 2.max(k.chars().count() / 3))
        .min()
        .map(|(_, k)| k)
}

fn hint(suggestion: Option<&str>) -> (String, String) {
    match suggestion {
        Some(s) => (format!(" — может быть, «{s}»?"), format!(" — did you mean \"{s}\"?")),
        None => (String::new(), String::new()),
    }
}

fn list(values: &[&str]) -> String {
    values.join(", ")
}

pub fn cannot_read(detail: impl Display) -> Message {
    msg(format!("не удалось прочитать файл: {detail}"), format!("cannot read the file: {detail}"))
}

pub fn not_utf8() -> Message {
    msg(
        "файл не в кодировке UTF-8 (похоже на Windows-1251); пересохраните его в UTF-8",
        "the file is not UTF-8 (it looks like Windows-1251); save it again as UTF-8",
    )
}

pub fn file_too_large(limit_kib: usize) -> Message {
    msg(
        format!("файл больше {limit_kib} КиБ; разделите его или уберите вложенные данные"),
        format!("the file is larger than {limit_kib} KiB; split it or remove embedded data"),
    )
}

pub fn symlink_outside() -> Message {
    msg(
        "символическая ссылка ведёт за пределы репозитория; файл пропущен — положите сам файл в репозиторий",
        "the symbolic link points outside the repository; the file is skipped — put the file itself in the repository",
    )
}

pub fn no_opening_fence() -> Message {
    msg(
        "файл должен начинаться со строки «---», за которой идут поля YAML",
        "the file must start with a \"---\" line followed by YAML fields",
    )
}

pub fn no_closing_fence() -> Message {
    msg(
        "не найдена закрывающая строка «---» после полей YAML",
        "no closing \"---\" line after the YAML fields",
    )
}

pub fn front_matter_too_large(limit_kib: usize) -> Message {
    msg(
        format!(
            "блок полей больше {limit_kib} КиБ; текст обращения пишите после закрывающей «---»"
        ),
        format!(
            "the field block is larger than {limit_kib} KiB; put the appeal's text after the closing \"---\""
        ),
    )
}

pub fn yaml_syntax(detail: &str) -> Message {
    let ru_hint = if detail.contains("tab") {
        " (в YAML нельзя делать отступы табуляцией — замените её пробелами)"
    } else if detail.contains("duplicate") {
        " (одно и то же поле указано дважды — оставьте одно)"
    } else {
        ""
    };
    msg(format!("ошибка YAML: {detail}{ru_hint}"), format!("YAML error: {detail}"))
}

pub fn unknown_field(field: &str, suggestion: Option<&str>) -> Message {
    let (ru, en) = hint(suggestion);
    msg(format!("неизвестное поле «{field}»{ru}"), format!("unknown field \"{field}\"{en}"))
}

pub fn missing_field(field: &str) -> Message {
    msg(
        format!("не заполнено обязательное поле «{field}»"),
        format!("required field \"{field}\" is missing"),
    )
}

pub fn missing_field_for_status(field: &str, status: &str) -> Message {
    msg(
        format!("при статусе «{status}» нужно заполнить поле «{field}»"),
        format!("status \"{status}\" requires the field \"{field}\""),
    )
}

pub fn bad_choice(field: &str, value: &str, allowed: &[&str], suggestion: Option<&str>) -> Message {
    let (ru, en) = hint(suggestion);
    msg(
        format!(
            "недопустимое значение «{value}» в поле «{field}»{ru}; возможные: {}",
            list(allowed)
        ),
        format!("invalid value \"{value}\" for \"{field}\"{en}; allowed: {}", list(allowed)),
    )
}

pub fn bad_date(field: &str, value: &str) -> Message {
    msg(
        format!("«{value}» в поле «{field}» — не дата; пишите 2026-03-05 или 05.03.2026"),
        format!("\"{value}\" in \"{field}\" is not a date; write 2026-03-05 or 05.03.2026"),
    )
}

pub fn bad_moment(field: &str, value: &str) -> Message {
    msg(
        format!(
            "«{value}» в поле «{field}» — не дата и не дата со временем; пишите 2026-03-05 или 2026-03-05T10:15:00+07:00"
        ),
        format!(
            "\"{value}\" in \"{field}\" is neither a date nor a date-time; write 2026-03-05 or 2026-03-05T10:15:00+07:00"
        ),
    )
}

pub fn assumed_local_time(field: &str, zone: &str) -> Message {
    msg(
        format!(
            "время в поле «{field}» без часового пояса; считаю его местным ({zone}) — допишите смещение, например +07:00"
        ),
        format!(
            "the time in \"{field}\" has no offset; read as local time ({zone}) — add an offset such as +07:00"
        ),
    )
}

pub fn bad_number(field: &str, value: &str, range: &str) -> Message {
    msg(
        format!("«{value}» в поле «{field}» — ожидается число {range}"),
        format!("\"{value}\" in \"{field}\" — expected a number {range}"),
    )
}

pub fn bad_bool(field: &str, value: &str) -> Message {
    msg(
        format!("«{value}» в поле «{field}» — ожидается true или false"),
        format!("\"{value}\" in \"{field}\" — expected true or false"),
    )
}

pub fn bad_id(value: &str) -> Message {
    msg(
        format!("номер «{value}» не по образцу ГГГГ-NNNN (например, 2026-0042)"),
        format!("id \"{value}\" does not match YYYY-NNNN (e.g. 2026-0042)"),
    )
}

pub fn id_not_stem(id: &str, stem: &str) -> Message {
    msg(
        format!(
            "номер «{id}» не совпадает с именем файла «{stem}»; переименуйте файл или исправьте номер"
        ),
        format!(
            "id \"{id}\" does not match the file name \"{stem}\"; rename the file or fix the id"
        ),
    )
}

pub fn duplicate_id(id: &str, other: &str) -> Message {
    msg(
        format!("номер «{id}» уже занят файлом {other}"),
        format!("id \"{id}\" is already used by {other}"),
    )
}

pub fn date_order(earlier: &str, later: &str) -> Message {
    msg(
        format!("дата «{later}» раньше даты «{earlier}»"),
        format!("\"{later}\" is earlier than \"{earlier}\""),
    )
}

pub fn in_future(field: &str, today: &str) -> Message {
    msg(
        format!("дата в поле «{field}» позже сегодняшней ({today})"),
        format!("the date in \"{field}\" is after today ({today})"),
    )
}

pub fn unknown_reference(
    what_ru: &str,
    what_en: &str,
    value: &str,
    suggestion: Option<&str>,
) -> Message {
    let (ru, en) = hint(suggestion);
    msg(
        format!("неизвестный {what_ru} «{value}»{ru}"),
        format!("unknown {what_en} \"{value}\"{en}"),
    )
}

pub fn assignee_not_in_sector(assignee: &str, sector: &str) -> Message {
    msg(
        format!(
            "исполнитель «{assignee}» не входит в отраслевой блок «{sector}»; назначьте сотрудника этого блока или добавьте его в members"
        ),
        format!(
            "assignee \"{assignee}\" is not a member of sector \"{sector}\"; assign a member of the sector or add them to its members"
        ),
    )
}

pub fn topic_not_in_sector(topic: &str, sector: &str) -> Message {
    msg(
        format!(
            "тема «{topic}» не относится к блоку «{sector}»; выберите другой блок или добавьте тему в его topics"
        ),
        format!(
            "topic \"{topic}\" is not handled by sector \"{sector}\"; choose another sector or add the topic to its topics"
        ),
    )
}

pub fn reason_missing(status: &str) -> Message {
    msg(
        format!(
            "при статусе «{status}» нужно указать reason (кому перенаправлено или основание ст. 11 59-ФЗ)"
        ),
        format!(
            "status \"{status}\" requires a reason (the body it was forwarded to, or the 59-FZ art. 11 ground)"
        ),
    )
}

pub fn not_for_kind(field: &str, kind: &str) -> Message {
    msg(
        format!("поле «{field}» не применяется к виду «{kind}»"),
        format!("the field \"{field}\" does not apply to kind \"{kind}\""),
    )
}

pub fn role_missing(role: &str) -> Message {
    msg(
        format!("роль «{role}» не назначена; укажите сотрудника в roles.{role} файла otklik.yaml"),
        format!(
            "role \"{role}\" is not filled; name a staff member in roles.{role} of otklik.yaml"
        ),
    )
}

pub fn duplicate_staff(id: &str) -> Message {
    msg(format!("сотрудник «{id}» указан дважды"), format!("staff member \"{id}\" is listed twice"))
}

pub fn duplicate_sector(id: &str, other: &str) -> Message {
    msg(
        format!("блок «{id}» уже описан в {other}"),
        format!("sector \"{id}\" is already defined in {other}"),
    )
}

pub fn sector_id_not_stem(id: &str, stem: &str) -> Message {
    msg(
        format!("id блока «{id}» не совпадает с именем файла «{stem}»"),
        format!("sector id \"{id}\" does not match the file name \"{stem}\""),
    )
}

pub fn topic_in_two_sectors(topic: &str, other: &str) -> Message {
    msg(
        format!("тема «{topic}» уже закреплена за блоком «{other}»"),
        format!("topic \"{topic}\" already belongs to sector \"{other}\""),
    )
}

pub fn bad_topic_code(value: &str) -> Message {
    msg(
        format!(
            "«{value}» — не код классификатора (вида 0005.0005.0056.1154); коды пишите в кавычках"
        ),
        format!("\"{value}\" is not a classifier code (like 0005.0005.0056.1154); quote codes"),
    )
}

pub fn email_appeal_after_reform() -> Message {
    msg(
        "с 30.03.2025 обычная электронная почта не является каналом обращения по 59-ФЗ; оформите как сообщение (kind: message) или укажите идентифицированный канал",
        "since 30.03.2025 plain e-mail is not a channel for a 59-FZ appeal; file it as a message (kind: message) or use an identified channel",
    )
}

pub fn overdue(due: &str) -> Message {
    msg(
        format!("срок ответа истёк {due}, ответа нет"),
        format!("the answer was due on {due} and is missing"),
    )
}

pub fn extension_not_for_kind(kind: &str) -> Message {
    msg(
        format!("продлевать можно только обращения по 59-ФЗ, а не «{kind}»"),
        format!("only 59-FZ appeals may be extended, not \"{kind}\""),
    )
}

pub fn extension_too_long(until: &str, limit: &str) -> Message {
    msg(
        format!("продление до {until} больше допустимого: не позже {limit}"),
        format!("extension until {until} is too long: at most {limit}"),
    )
}

pub fn extension_on_day_off(until: &str, moved: &str) -> Message {
    msg(
        format!("продление до {until} приходится на выходной; срок переносится на {moved}"),
        format!("extension until {until} falls on a day off; the deadline moves to {moved}"),
    )
}

pub fn registered_late(limit: &str) -> Message {
    msg(
        format!("зарегистрировано позже срока регистрации ({limit})"),
        format!("registered after the registration limit ({limit})"),
    )
}

pub fn provisional_calendar(year: i32) -> Message {
    msg(
        format!(
            "производственного календаря на {year} год нет; срок рассчитан по ст. 112 ТК РФ и предварителен"
        ),
        format!(
            "no production calendar for {year}; the deadline follows Labour Code art. 112 alone and is provisional"
        ),
    )
}

pub fn config_problem(detail: &str) -> Message {
    msg(format!("ошибка в настройках: {detail}"), format!("configuration error: {detail}"))
}

pub fn bad_duration(field: &str, value: &str) -> Message {
    msg(
        format!(
            "«{value}» в поле «{field}» — не срок; пишите, например, «30 calendar days», «10 working days», «8 working hours»"
        ),
        format!(
            "\"{value}\" in \"{field}\" is not a term; write e.g. \"30 calendar days\", \"10 working days\", \"8 working hours\""
        ),
    )
}

pub fn bad_zone(value: &str) -> Message {
    msg(
        format!("неизвестный часовой пояс «{value}»; укажите зону IANA, например Asia/Barnaul"),
        format!("unknown time zone \"{value}\"; use an IANA zone such as Asia/Barnaul"),
    )
}

pub fn bad_office_hours(value: &str) -> Message {
    msg(
        format!("«{value}» — не интервал рабочего времени; пишите «09:00-13:00»"),
        format!("\"{value}\" is not an office-hours interval; write \"09:00-13:00\""),
    )
}

pub fn no_config() -> Message {
    msg(
        "нет файла otklik.yaml; запустите otklik в корне репозитория или укажите --root",
        "no otklik.yaml; run otklik at the repository root or pass --root",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_get_a_suggestion_and_strangers_do_not() {
        let known = ["assignee", "answered", "agrees"];
        assert_eq!(suggest("asignee", known), Some("assignee"));
        assert_eq!(suggest("colour", known), None);
    }

    #[test]
    fn both_languages_are_filled() {
        let m = unknown_field("asignee", Some("assignee"));
        assert_eq!(m.get(Lang::Ru), "неизвестное поле «asignee» — может быть, «assignee»?");
        assert_eq!(m.get(Lang::En), "unknown field \"asignee\" — did you mean \"assignee\"?");
    }
}

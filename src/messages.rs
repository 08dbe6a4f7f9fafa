//! The message catalogue: every sentence otklik says to a person, in Russian and English.
//!
//! Each function builds one [`Message`] in all languages at once, so a missing translation
//! is a compile error rather than a blank line in a report.

use crate::config::{Term, Unit};
use crate::deadline::DeadlineState;
use serde::{Deserialize, Serialize};
use std::fmt::Display;

pub mod analytics;
pub mod discussion;
pub mod open_data;

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

/// `n` with the English noun in its number: "1 error", "2 errors", "0 warnings".
pub fn count_en(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The closing line of `check` and `build`: how many items, errors and warnings. Russian
/// puts the count after a colon («ошибок: 1»), which needs no agreement with the number.
pub fn check_summary(items: usize, errors: usize, warnings: usize) -> Message {
    msg(
        format!("Проверено обращений: {items}; ошибок: {errors}; предупреждений: {warnings}"),
        format!(
            "Checked {}: {}, {}",
            count_en(items, "item", "items"),
            count_en(errors, "error", "errors"),
            count_en(warnings, "warning", "warnings")
        ),
    )
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

pub fn control_character(found: char, count: usize) -> Message {
    let code = format!("U+{:04X}", u32::from(found));
    msg(
        format!(
            "в файле невидимый управляющий символ {code} (всего таких символов: {count}); удалите его — он попадает на страницы и в выгрузки"
        ),
        format!(
            "the file holds an invisible control character {code} ({count} in all); delete it — it would travel into pages and exports"
        ),
    )
}

pub fn file_too_large(limit_kib: usize) -> Message {
    msg(
        format!("файл больше {limit_kib} КиБ; разделите его или уберите вложенные данные"),
        format!("the file is larger than {limit_kib} KiB; split it or remove embedded data"),
    )
}

pub fn symlink_broken(e: &std::io::Error) -> Message {
    msg(
        format!(
            "символическая ссылка никуда не ведёт или ведёт по кругу ({e}); файл пропущен — удалите ссылку или положите на её место сам файл"
        ),
        format!(
            "the symbolic link leads nowhere or in a loop ({e}); the file is skipped — remove the link or put the file itself in its place"
        ),
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

pub fn yaml_syntax(problem: &crate::front_matter::YamlProblem) -> Message {
    use crate::front_matter::YamlProblem;
    match problem {
        YamlProblem::Tab => msg(
            "табуляция в отступе: в YAML отступы делаются только пробелами",
            "a tab in indentation: YAML indents with spaces only",
        ),
        YamlProblem::DuplicateKey(key) => msg(
            format!("поле «{key}» указано дважды; оставьте одно"),
            format!("the field \"{key}\" is given twice; keep one"),
        ),
        YamlProblem::Budget => msg(
            "блок полей слишком велик, слишком глубоко вложен или содержит слишком много ссылок (&, *)",
            "the field block is too large, too deeply nested, or has too many aliases (&, *)",
        ),
        YamlProblem::WrongShape { expected, detail } => wrong_shape(*expected, detail),
        YamlProblem::Other(detail) => {
            msg(format!("ошибка синтаксиса YAML: {detail}"), format!("YAML syntax error: {detail}"))
        }
    }
}

/// A value of another kind than its place takes. The parser's own words are English and
/// name its internals ("string scalar"), so the Russian text does without them.
fn wrong_shape(expected: crate::front_matter::Shape, detail: &str) -> Message {
    use crate::front_matter::Shape;
    let (ru, en) = match expected {
        Shape::Single => (
            "здесь нужно одно значение (текст, число или дату), а записан список или вложенные поля; если значение содержит двоеточие или скобки, возьмите его в кавычки",
            "one value (text, a number or a date) belongs here, not a list or nested fields; quote a value that holds a colon or brackets",
        ),
        Shape::Fields => (
            "здесь нужны вложенные поля — строки «имя: значение» с отступом под этим полем, а записано одно значение или список",
            "nested fields belong here — \"name: value\" lines indented under this field — not a single value or a list",
        ),
        Shape::List => (
            "здесь нужен список: [первое, второе] или строки «- значение» с отступом под этим полем",
            "a list belongs here: [first, second], or \"- value\" lines indented under this field",
        ),
    };
    msg(ru, format!("{en} ({detail})"))
}

pub fn settlement_slug_clash(keeps: &str, yields: &str, plain: &str, given: &str) -> Message {
    msg(
        format!(
            "населённые пункты «{keeps}» и «{yields}» дают одно имя страницы ({plain}.html); его сохраняет «{keeps}» (он выше в списке), а «{yields}» получает {given}.html; если это один пункт, оставьте одно написание"
        ),
        format!(
            "the settlements \"{keeps}\" and \"{yields}\" give the same page name ({plain}.html); \"{keeps}\" keeps it (it is listed first) and \"{yields}\" gets {given}.html; if they are one settlement, keep one spelling"
        ),
    )
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

/// Months in the prepositional case, for «в феврале».
const MONTHS_RU_IN: [&str; 12] = [
    "январе",
    "феврале",
    "марте",
    "апреле",
    "мае",
    "июне",
    "июле",
    "августе",
    "сентябре",
    "октябре",
    "ноябре",
    "декабре",
];

/// A date of the right shape that the calendar does not have: «2026-02-30», month 13.
pub fn no_such_day(field: &str, value: &str, year: i32, month: u32) -> Message {
    let Some(days) = crate::dates::days_in_month(year, month) else {
        return msg(
            format!("«{value}» в поле «{field}» — месяца {month} нет; месяцы от 01 до 12"),
            format!(
                "\"{value}\" in \"{field}\": there is no month {month}; months run from 01 to 12"
            ),
        );
    };
    let i = (month - 1) as usize;
    // A month has 28 to 31 days, and only 31 takes the singular «день».
    let noun = if days == 31 { "день" } else { "дней" };
    msg(
        format!(
            "«{value}» в поле «{field}» — такого дня нет: в {} {year} года {days} {noun}",
            MONTHS_RU_IN[i]
        ),
        format!(
            "\"{value}\" in \"{field}\": no such day — {} {year} has {days} days",
            analytics::MONTHS_EN[i]
        ),
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

pub fn duplicate_id(id: &str, other_id: &str, other: &str) -> Message {
    if id == other_id {
        msg(
            format!(
                "номер «{id}» уже занят файлом {other}; дайте этому обращению следующий свободный номер"
            ),
            format!("id \"{id}\" is already used by {other}; give this item the next free number"),
        )
    } else {
        msg(
            format!(
                "номер «{id}» — тот же, что «{other_id}» в файле {other} (ведущие нули не различают номера); дайте этому обращению следующий свободный номер"
            ),
            format!(
                "id \"{id}\" is the same number as \"{other_id}\" in {other} (leading zeros do not make a new number); give this item the next free number"
            ),
        )
    }
}

pub fn wrong_year_folder(folder: &str, id: &str) -> Message {
    let year = id.get(..4).unwrap_or(id);
    msg(
        format!(
            "файл лежит в папке {folder}, а номер «{id}» относится к {year} году; перенесите файл в appeals/{year}/"
        ),
        format!(
            "the file lies in folder {folder} but id \"{id}\" belongs to {year}; move the file to appeals/{year}/"
        ),
    )
}

pub fn outside_year_folder(id: &str) -> Message {
    let year = id.get(..4).unwrap_or(id);
    msg(
        format!(
            "файл лежит не в папке своего года: обращения хранятся как appeals/<год>/<номер>.md; перенесите его в appeals/{year}/"
        ),
        format!(
            "the file is not in its year's folder: appeals are kept as appeals/<year>/<id>.md; move it to appeals/{year}/"
        ),
    )
}

pub fn not_an_appeal_file(rename: Option<&str>) -> Message {
    let (ru, en) = match rename {
        Some(name) => (format!("переименуйте его в {name}"), format!("rename it to {name}")),
        None => (
            "переименуйте его в appeals/<год>/<номер>.md".to_string(),
            "rename it to appeals/<year>/<id>.md".to_string(),
        ),
    };
    msg(
        format!(
            "файл не прочитан и не учтён: обращения читаются только из файлов appeals/<год>/<номер>.md; {ru} или уберите его из папки appeals/"
        ),
        format!(
            "the file is not read or counted: appeals are read only from files appeals/<year>/<id>.md; {en} or move it out of appeals/"
        ),
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

pub fn duplicate_email(email: &str, owner: &str) -> Message {
    msg(
        format!(
            "адрес «{email}» уже указан у сотрудника «{owner}»; у адреса должен быть один владелец, иначе по коммитам git не понять, кто внёс изменение"
        ),
        format!(
            "the address \"{email}\" already belongs to staff member \"{owner}\"; an address must have one owner, or git commits cannot tell who made a change"
        ),
    )
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

pub fn topic_listed_twice(topic: &str) -> Message {
    msg(
        format!("тема «{topic}» указана в списке дважды; удалите повтор"),
        format!("topic \"{topic}\" is listed twice; remove the repetition"),
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

pub fn not_on_staff(role_ru: &str, role_en: &str, id: &str, suggestion: Option<&str>) -> Message {
    let (ru, en) = hint(suggestion);
    msg(
        format!("{role_ru} «{id}» нет в списке сотрудников (staff в otklik.yaml){ru}"),
        format!("{role_en} \"{id}\" is not on the staff list (staff in otklik.yaml){en}"),
    )
}

pub fn answered_while_open(status: &str) -> Message {
    msg(
        format!(
            "указана дата ответа, но статус «{status}»; если ответ вернули на доработку, добавьте запись в returned или reopened"
        ),
        format!(
            "an answer date is set but the status is \"{status}\"; if the answer was sent back, add an entry to returned or reopened"
        ),
    )
}

pub fn rating_without_answer() -> Message {
    msg(
        "оценка заявителя указана, а ответа ещё нет",
        "the citizen's rating is set but there is no answer yet",
    )
}

pub fn no_settlements() -> Message {
    msg(
        "в otklik.yaml не перечислены поселения (municipality.settlements); поле locality не проверяется",
        "otklik.yaml lists no settlements (municipality.settlements); locality is not checked",
    )
}

pub fn no_sectors() -> Message {
    msg("в папке sectors/ нет ни одного отраслевого блока", "the sectors/ folder has no sectors")
}

/// A term in words: «30 календарных дней», "30 calendar days".
pub fn term(t: Term) -> Message {
    let n = t.amount;
    let (one, few, many, en) = match t.unit {
        Unit::CalendarDays => {
            ("календарный день", "календарных дня", "календарных дней", "calendar day")
        }
        Unit::WorkingDays => ("рабочий день", "рабочих дня", "рабочих дней", "working day"),
        Unit::WorkingHours => ("рабочий час", "рабочих часа", "рабочих часов", "working hour"),
        Unit::Hours => ("час", "часа", "часов", "hour"),
    };
    let ru = match (n % 10, n % 100) {
        (1, r) if r != 11 => one,
        (2..=4, r) if !(12..=14).contains(&r) => few,
        _ => many,
    };
    let s = if n == 1 { "" } else { "s" };
    msg(format!("{n} {ru}"), format!("{n} {en}{s}"))
}

/// The rule of a 59-FZ appeal's answer term.
pub fn rule_appeal(t: Term) -> Message {
    let t = term(t);
    msg(
        format!("59-ФЗ ст. 12: {} со дня регистрации", t.ru),
        format!("59-FZ art. 12: {} from registration", t.en),
    )
}

/// The rule of a ПОС message's answer term.
pub fn rule_message(t: Term) -> Message {
    let t = term(t);
    msg(
        format!("ПОС: {} со дня регистрации", t.ru),
        format!("POS (Gosuslugi feedback platform): {} from registration", t.en),
    )
}

/// The rule of an incident's first response.
pub fn rule_incident_first_response(t: Term, urgent: bool) -> Message {
    let t = term(t);
    if urgent {
        msg(
            format!("Инцидент менеджмент, срочный инцидент: первый ответ — {} с поступления", t.ru),
            format!(
                "Incident management, urgent incident: first response within {} of receipt",
                t.en
            ),
        )
    } else {
        msg(
            format!("Инцидент менеджмент: первый ответ — {} с поступления", t.ru),
            format!("Incident management: first response within {} of receipt", t.en),
        )
    }
}

/// The rule of an incident's final answer after the interim reply.
pub fn rule_incident_answer(t: Term) -> Message {
    let t = term(t);
    msg(
        format!("Инцидент менеджмент: окончательный ответ — {} после промежуточного", t.ru),
        format!("Incident management: final answer within {} after the interim reply", t.en),
    )
}

/// The rule after the citizen disputed the answer: a new full term from `date`.
pub fn rule_reopened(t: Term, date: &str) -> Message {
    let t = term(t);
    msg(
        format!("повторное рассмотрение: {} с {date}", t.ru),
        format!("reconsideration: {} from {date}", t.en),
    )
}

/// The rule of an extended appeal.
pub fn rule_extended(until: &str) -> Message {
    msg(
        format!("59-ФЗ ст. 12 ч. 2: срок продлён до {until}"),
        format!("59-FZ art. 12 part 2: extended until {until}"),
    )
}

/// The rule of a deadline typed in the `due` field.
pub fn rule_manual() -> Message {
    msg("срок указан вручную (поле due)", "deadline set by hand (field due)")
}

/// Warning: an hour-based term counted from a receipt without a time of day.
pub fn received_without_time() -> Message {
    msg(
        "в поле «received» нет времени, а срок считается в часах; отсчёт ведётся с начала дня — допишите время, например 2026-03-02T10:15:00+07:00",
        "\"received\" has no time of day but the term is in hours; it is counted from the start of the day — add the time, e.g. 2026-03-02T10:15:00+07:00",
    )
}

/// The name of a deadline state, as staff and citizens read it.
pub fn deadline_state(state: DeadlineState) -> Message {
    match state {
        DeadlineState::OnTrack => msg("в работе, срок не истёк", "on track"),
        DeadlineState::DueSoon => msg("срок истекает", "due soon"),
        DeadlineState::Overdue => msg("просрочено", "overdue"),
        DeadlineState::AnsweredOnTime => msg("ответ дан в срок", "answered on time"),
        DeadlineState::AnsweredLate => msg("ответ дан с нарушением срока", "answered late"),
        DeadlineState::ClosedWithoutAnswer => {
            msg("закрыто без ответа по существу", "closed without an answer")
        }
        DeadlineState::Unknown => msg("срок не определён", "unknown"),
    }
}

pub fn edit_refused_yaml(problem: &Message, at: Option<crate::front_matter::Pos>) -> Message {
    let place = at.map(|p| format!("{}:{}: ", p.line, p.column)).unwrap_or_default();
    msg(
        format!(
            "файл не изменён: блок полей не читается ({place}{}); исправьте его вручную и повторите",
            problem.ru
        ),
        format!(
            "the file was not changed: its field block does not parse ({place}{}); fix it by hand and try again",
            problem.en
        ),
    )
}

pub fn edit_not_a_list(field: &str) -> Message {
    msg(
        format!(
            "поле «{field}» должно быть списком, а в файле оно другого вида; исправьте его вручную"
        ),
        format!(
            "the field \"{field}\" must be a list but the file has something else; fix it by hand"
        ),
    )
}

pub fn edit_unverified(field: &str) -> Message {
    msg(
        format!(
            "файл не изменён: правка поля «{field}» затронула бы другие поля (необычная разметка YAML); внесите её вручную"
        ),
        format!(
            "the file was not changed: editing \"{field}\" would have touched other fields (unusual YAML layout); make the change by hand"
        ),
    )
}

// Writing to git.

pub fn not_a_repository(path: &str) -> Message {
    msg(
        format!(
            "{path} не находится в git-репозитории; выполните git init (или otklik init) и повторите"
        ),
        format!(
            "{path} is not inside a git repository; run git init (or otklik init) and try again"
        ),
    )
}

pub fn bare_repository(path: &str) -> Message {
    msg(
        format!("репозиторий {path} без рабочей копии (bare); работайте в клоне"),
        format!("the repository at {path} is bare; work in a clone"),
    )
}

pub fn no_git_identity() -> Message {
    msg(
        "не заданы git user.name и user.email; выполните git config user.name \"Фамилия Имя\" и git config user.email адрес@…",
        "git user.name and user.email are not set; run git config user.name \"Your Name\" and git config user.email you@…",
    )
}

pub fn uncommitted_changes(path: &str) -> Message {
    msg(
        format!(
            "в {path} есть незафиксированные изменения; сначала зафиксируйте или отмените их (или используйте --no-commit), чтобы коммит содержал только эту правку"
        ),
        format!(
            "{path} has uncommitted changes; commit or discard them first (or use --no-commit), so that the commit holds only this change"
        ),
    )
}

pub fn outside_worktree(path: &str) -> Message {
    msg(
        format!("{path} лежит вне рабочей копии git-репозитория"),
        format!("{path} is outside the git repository's working tree"),
    )
}

pub fn nothing_to_commit() -> Message {
    msg(
        "нечего фиксировать: файл уже в таком виде",
        "nothing to commit: the file is already like that",
    )
}

pub fn git_failed(detail: &str) -> Message {
    msg(format!("ошибка git: {detail}"), format!("git error: {detail}"))
}

// Edit commands.

pub fn prefixed(place: &str, message: &Message) -> Message {
    msg(format!("{place}: {}", message.ru), format!("{place}: {}", message.en))
}

pub fn config_has_errors() -> Message {
    msg(
        "в otklik.yaml есть ошибки; исправьте их (otklik check покажет где) и повторите",
        "otklik.yaml has errors; fix them (otklik check shows where) and try again",
    )
}

pub fn unknown_item(id: &str, suggestion: Option<&str>) -> Message {
    let (ru, en) = hint(suggestion);
    msg(
        format!("обращение «{id}» не найдено в appeals/{ru}"),
        format!("item \"{id}\" is not in appeals/{en}"),
    )
}

pub fn unknown_sector_filter(id: &str, known: &[&str]) -> Message {
    msg(
        format!("--sector: блока «{id}» нет в sectors/; известные блоки: {}", list(known)),
        format!(
            "--sector: there is no sector \"{id}\" in sectors/; known sectors: {}",
            list(known)
        ),
    )
}

pub fn unknown_assignee_filter(id: &str, known: &[&str]) -> Message {
    msg(
        format!(
            "--assignee: сотрудника «{id}» нет в списке staff файла otklik.yaml; известные сотрудники: {}",
            list(known)
        ),
        format!(
            "--assignee: \"{id}\" is not on the staff list of otklik.yaml; known staff: {}",
            list(known)
        ),
    )
}

pub fn item_unreadable(file: &str) -> Message {
    msg(
        format!(
            "{file} не читается; исправьте ошибки, которые показывает otklik check, и повторите"
        ),
        format!("{file} cannot be read; fix the errors otklik check shows and try again"),
    )
}

pub fn illegal_transition(from: &str, to: &str, allowed: &[&str]) -> Message {
    let (ru, en) = if allowed.is_empty() {
        ("из него никуда перейти нельзя".to_string(), "it is final".to_string())
    } else {
        (
            format!("из «{from}» можно перейти в: {}", list(allowed)),
            format!("from \"{from}\" it may go to: {}", list(allowed)),
        )
    };
    msg(
        format!("переход «{from}» → «{to}» не разрешён: {ru}"),
        format!("the transition \"{from}\" → \"{to}\" is not allowed: {en}"),
    )
}

pub fn already_in_status(status: &str) -> Message {
    msg(format!("статус уже «{status}»"), format!("the status is already \"{status}\""))
}

pub fn already_assigned(staff: &str) -> Message {
    msg(format!("исполнитель уже «{staff}»"), format!("the assignee is already \"{staff}\""))
}

pub fn assignee_needed() -> Message {
    msg(
        "сначала назначьте исполнителя: otklik assign НОМЕР СОТРУДНИК",
        "assign someone first: otklik assign ID STAFF",
    )
}

pub fn result_needed() -> Message {
    msg(
        format!("укажите результат: --result ({})", list(RESULTS)),
        format!("give the result: --result ({})", list(RESULTS)),
    )
}

const RESULTS: &[&str] = &["supported", "measures_taken", "explained", "not_supported", "answered"];

pub fn result_not_applicable(status: &str) -> Message {
    msg(
        format!("--result указывается только для answered и closed, а не для «{status}»"),
        format!("--result applies to answered and closed only, not to \"{status}\""),
    )
}

pub fn reason_needed(status: &str) -> Message {
    msg(
        format!(
            "для статуса «{status}» укажите --reason (кому перенаправлено или основание ст. 11 59-ФЗ)"
        ),
        format!(
            "status \"{status}\" needs --reason (the body it goes to, or the 59-FZ art. 11 ground)"
        ),
    )
}

pub fn reason_not_applicable(status: &str) -> Message {
    msg(
        format!(
            "--reason указывается для forwarded, left_unanswered и возврата в in_progress, а не для «{status}»"
        ),
        format!(
            "--reason applies to forwarded, left_unanswered and a return to in_progress, not to \"{status}\""
        ),
    )
}

pub fn back_not_applicable() -> Message {
    msg(
        "--back указывается только при возврате из answered или closed в in_progress",
        "--back applies only to a return from answered or closed to in_progress",
    )
}

pub fn extend_closed(status: &str) -> Message {
    msg(
        format!("продлить можно только незавершённое обращение, а статус «{status}»"),
        format!("only an open item can be extended; the status is \"{status}\""),
    )
}

pub fn already_extended(until: &str) -> Message {
    msg(
        format!("срок уже продлён до {until}; по 59-ФЗ продлить можно один раз"),
        format!("the deadline is already extended until {until}; 59-FZ allows one extension"),
    )
}

pub fn extension_not_later(until: &str, due: &str) -> Message {
    msg(
        format!("продление до {until} не позже исходного срока {due}"),
        format!("an extension until {until} is not after the original deadline {due}"),
    )
}

/// The committer's address maps to nobody. `as_option` says whether `--as` would help:
/// only where nothing is committed, since a commit is always judged by its author.
pub fn actor_unknown(email: &str, as_option: bool) -> Message {
    if as_option {
        return msg(
            format!(
                "git user.email «{email}» не указан ни у одного сотрудника (staff.emails в otklik.yaml); укажите себя: --as СОТРУДНИК"
            ),
            format!(
                "git user.email \"{email}\" belongs to no staff member (staff.emails in otklik.yaml); say who you are: --as STAFF"
            ),
        );
    }
    msg(
        format!(
            "git user.email «{email}» не указан ни у одного сотрудника (staff.emails в otklik.yaml), а коммит будет записан от этого адреса; впишите его в свою запись staff или задайте адрес из неё: git config user.email АДРЕС"
        ),
        format!(
            "git user.email \"{email}\" belongs to no staff member (staff.emails in otklik.yaml), and the commit would be made as this address; add it to your staff entry or use the address listed there: git config user.email ADDRESS"
        ),
    )
}

pub fn actor_not_on_staff(id: &str) -> Message {
    msg(
        format!("сотрудника «{id}» нет в списке staff файла otklik.yaml"),
        format!("\"{id}\" is not on the staff list of otklik.yaml"),
    )
}

pub fn extension_not_permitted(actor: &str) -> Message {
    msg(
        format!(
            "продлевать срок могут только руководитель МЦУ и куратор (roles.head, roles.curator), а не «{actor}»"
        ),
        format!(
            "only the head and the curator (roles.head, roles.curator) may extend a deadline, not \"{actor}\""
        ),
    )
}

pub fn change_brings_errors(file: &str) -> Message {
    msg(
        format!("{file} не изменён: после правки проверка находит новые ошибки"),
        format!("{file} was not changed: the change would bring new errors"),
    )
}

pub fn write_failed(path: &str, detail: &str) -> Message {
    msg(format!("не удалось записать {path}: {detail}"), format!("cannot write {path}: {detail}"))
}

pub fn written_not_committed(file: &str, error: &Message) -> Message {
    msg(
        format!(
            "{file} записан, но не зафиксирован ({}); выполните git add и git commit вручную",
            error.ru
        ),
        format!(
            "{file} was written but not committed ({}); run git add and git commit by hand",
            error.en
        ),
    )
}

pub fn committed(summary: &str, commit: &str) -> Message {
    msg(format!("{summary} [коммит {commit}]"), format!("{summary} [commit {commit}]"))
}

pub fn staged(summary: &str) -> Message {
    msg(
        format!("{summary} [добавлено в индекс, не зафиксировано]"),
        format!("{summary} [staged, not committed]"),
    )
}

// Commit messages: the audit trail's own words, in the site's language.

pub fn commit_new(id: &str, kind: &str, sector: &str) -> Message {
    msg(
        format!("{id}: новое обращение ({kind}, {sector})"),
        format!("{id}: new item ({kind}, {sector})"),
    )
}

pub fn commit_status(id: &str, from: &str, to: &str, detail: Option<&str>) -> Message {
    let detail = detail.map(|d| format!(" ({d})")).unwrap_or_default();
    msg(
        format!("{id}: статус {from} → {to}{detail}"),
        format!("{id}: status {from} → {to}{detail}"),
    )
}

pub fn commit_assign(id: &str, staff: &str, status: Option<(&str, &str)>) -> Message {
    let (ru, en) = match status {
        Some((from, to)) => (format!(", статус {from} → {to}"), format!(", status {from} → {to}")),
        None => (String::new(), String::new()),
    };
    msg(format!("{id}: исполнитель {staff}{ru}"), format!("{id}: assignee {staff}{en}"))
}

pub fn commit_extend(id: &str, until: &str, reason: &str) -> Message {
    msg(
        format!("{id}: срок продлён до {until} ({reason})"),
        format!("{id}: deadline extended until {until} ({reason})"),
    )
}

pub fn commit_init() -> Message {
    msg("otklik init: новый реестр обращений", "otklik init: new register of appeals")
}

// `otklik init`.

pub fn init_not_empty(dir: &str) -> Message {
    msg(
        format!(
            "папка {dir} не пуста; otklik init создаёт репозиторий только в новой или пустой папке"
        ),
        format!(
            "{dir} is not empty; otklik init creates a repository only in a new or empty folder"
        ),
    )
}

pub fn init_done(dir: &str, files: usize, git: bool) -> Message {
    let (ru, en) =
        if git { (" и первый коммит", " and the first commit") } else { ("", "") };
    let noun = analytics::plural_ru(files as u64, "файл", "файла", "файлов");
    let files_en = count_en(files, "file", "files");
    msg(
        format!(
            "создан репозиторий {dir}: {files} {noun}{ru}; замените в otklik.yaml всё, что помечено «ЗАМЕНИТЕ»"
        ),
        format!(
            "created the repository {dir}: {files_en}{en}; replace everything marked \"ЗАМЕНИТЕ\" (REPLACE) in otklik.yaml"
        ),
    )
}

pub fn table_io(file: &str, detail: &str) -> Message {
    msg(
        format!("{file}: не удалось прочитать файл: {detail}"),
        format!("{file}: cannot read the file: {detail}"),
    )
}

pub fn table_too_large(file: &str, limit_mib: u64) -> Message {
    msg(
        format!("{file}: файл больше {limit_mib} МиБ; разделите выгрузку на части"),
        format!("{file}: the file is larger than {limit_mib} MiB; split the export"),
    )
}

pub fn table_not_utf8(file: &str, line: usize) -> Message {
    msg(
        format!(
            "{file}:{line}: файл не в кодировке UTF-8 (Excel под Windows сохраняет CSV в windows-1251); сохраните его как «CSV UTF-8» или укажите encoding: windows-1251 в файле сопоставления"
        ),
        format!(
            "{file}:{line}: the file is not UTF-8 (Excel on Windows saves CSV as windows-1251); save it as \"CSV UTF-8\" or set encoding: windows-1251 in the mapping file"
        ),
    )
}

pub fn table_csv(file: &str, row: usize, detail: &str) -> Message {
    msg(
        format!("{file}: строка {row}: ошибка CSV: {detail}"),
        format!("{file}: row {row}: CSV error: {detail}"),
    )
}

pub fn table_cut_off(file: &str, row: usize) -> Message {
    msg(
        format!(
            "{file}: строка {row} оборвана внутри кавычек — файл выгружен не полностью; выгрузите его заново (ничего не записано)"
        ),
        format!(
            "{file}: row {row} is cut off inside quotes — the export is incomplete; export it again (nothing was written)"
        ),
    )
}

pub fn table_workbook(file: &str, detail: &str) -> Message {
    msg(
        format!("{file}: не удалось открыть таблицу: {detail}"),
        format!("{file}: cannot open the spreadsheet: {detail}"),
    )
}

pub fn table_no_sheet(file: &str, sheet: &str, available: &[String]) -> Message {
    let names = available.join(", ");
    msg(
        format!("{file}: нет листа «{sheet}»; листы файла: {names}"),
        format!("{file}: no sheet \"{sheet}\"; the file has: {names}"),
    )
}

pub fn table_no_header(file: &str, row: usize) -> Message {
    msg(
        format!("{file}: в строке {row} нет названий столбцов"),
        format!("{file}: row {row} holds no column names"),
    )
}

pub fn bad_delimiter(value: &str) -> Message {
    msg(
        format!("«{value}» — не разделитель; пишите auto, \";\", \",\" или tab"),
        format!("\"{value}\" is not a delimiter; write auto, \";\", \",\" or tab"),
    )
}

pub fn option_for_text_only(option: &str, field: &str) -> Message {
    msg(
        format!("настройка «{option}» применяется только к текстовым полям, а не к «{field}»"),
        format!("the option \"{option}\" applies to text fields only, not to \"{field}\""),
    )
}

pub fn rule_without_source(field: &str) -> Message {
    msg(
        format!(
            "для поля «{field}» не указано, откуда брать значение: задайте column, columns, value или default"
        ),
        format!("the field \"{field}\" has no source: give column, columns, value or default"),
    )
}

pub fn rule_two_sources(field: &str) -> Message {
    msg(
        format!("для поля «{field}» укажите что-то одно: column, columns или value"),
        format!("give the field \"{field}\" only one of column, columns or value"),
    )
}

pub fn rule_join_and_first(field: &str) -> Message {
    msg(
        format!("для поля «{field}» укажите что-то одно: join или first"),
        format!("give the field \"{field}\" either join or first, not both"),
    )
}

pub fn empty_column_name(field: &str) -> Message {
    msg(
        format!("пустое имя столбца в правиле для поля «{field}»"),
        format!("an empty column name in the rule for \"{field}\""),
    )
}

/// What `import --scratch` created before importing.
pub fn scaffold_done(root: &str, files: usize) -> Message {
    msg(
        format!("{root}: создано файлов: {files}"),
        format!("{root}: {} written", count_en(files, "file", "files")),
    )
}

pub fn import_summary(written: usize, skipped: usize, notes: usize, dry_run: bool) -> Message {
    let (ru_verb, en_verb) = if dry_run {
        ("будет создано", "would be written")
    } else {
        ("создано", "written")
    };
    msg(
        format!("{ru_verb} обращений: {written}, пропущено строк: {skipped}, замечаний: {notes}"),
        format!("appeals {en_verb}: {written}, rows skipped: {skipped}, notes: {notes}"),
    )
}

pub fn unknown_preset(name: &str, suggestion: Option<&str>, known: &[&str]) -> Message {
    let (ru, en) = hint(suggestion);
    msg(
        format!("нет встроенного сопоставления «{name}»{ru}; есть: {}", list(known)),
        format!("no built-in mapping \"{name}\"{en}; there are: {}", list(known)),
    )
}

pub fn mapping_has_errors(count: usize) -> Message {
    msg(
        format!("в файле сопоставления ошибок: {count}; импорт не начат"),
        format!("the mapping file has {count} error(s); nothing was imported"),
    )
}

pub fn missing_columns(columns: &[(String, Option<String>)]) -> Message {
    let each = |ru: bool| {
        columns
            .iter()
            .map(|(c, s)| match (s, ru) {
                (Some(s), true) => format!("«{c}» (может быть, «{s}»?)"),
                (None, true) => format!("«{c}»"),
                (Some(s), false) => format!("\"{c}\" (did you mean \"{s}\"?)"),
                (None, false) => format!("\"{c}\""),
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    msg(
        format!(
            "в таблице нет столбцов, без которых не заполнить обязательные поля: {}",
            each(true)
        ),
        format!("the table lacks columns that required fields need: {}", each(false)),
    )
}

pub fn bad_default(field: &str, value: &str, allowed: &[String]) -> Message {
    if allowed.is_empty() {
        return msg(
            format!(
                "значение по умолчанию «{value}» для поля «{field}» — не код классификатора (вида 0005.0005.0056.1154)"
            ),
            format!(
                "the default \"{value}\" for \"{field}\" is not a classifier code (like 0005.0005.0056.1154)"
            ),
        );
    }
    msg(
        format!(
            "значение по умолчанию «{value}» для поля «{field}» не подходит этому репозиторию; допустимые: {} — укажите другое значение по умолчанию",
            allowed.join(", ")
        ),
        format!(
            "the default \"{value}\" for \"{field}\" does not fit this repository; allowed: {} — give another default",
            allowed.join(", ")
        ),
    )
}

pub fn scratch_exists(path: &str) -> Message {
    msg(
        format!("{path} уже существует; учебный репозиторий создаётся только в пустой папке"),
        format!("{path} already exists; a scratch repository is created only in an empty folder"),
    )
}

pub fn already_imported(external_id: &str, id: &str) -> Message {
    msg(
        format!("номер «{external_id}» уже импортирован как {id}"),
        format!("\"{external_id}\" was already imported as {id}"),
    )
}

pub fn duplicate_in_export(external_id: &str, row: usize) -> Message {
    msg(
        format!("номер «{external_id}» уже встречался в строке {row}"),
        format!("\"{external_id}\" already appeared in row {row}"),
    )
}

pub fn value_not_mapped(field: &str, raw: &str, default: Option<&str>) -> Message {
    match default {
        Some(d) => msg(
            format!(
                "«{raw}» не подходит для поля «{field}» и не указано в сопоставлении; взято значение по умолчанию «{d}»"
            ),
            format!(
                "\"{raw}\" does not fit \"{field}\" and is not mapped; used the default \"{d}\""
            ),
        ),
        None => msg(
            format!(
                "«{raw}» не подходит для поля «{field}» и не указано в сопоставлении; поле не заполнено"
            ),
            format!("\"{raw}\" does not fit \"{field}\" and is not mapped; the field is left out"),
        ),
    }
}

pub fn no_value(field: &str, columns: &[String]) -> Message {
    if columns.is_empty() {
        return msg(
            format!("нет значения для обязательного поля «{field}» и нет значения по умолчанию"),
            format!("no value for the required field \"{field}\" and no default"),
        );
    }
    msg(
        format!(
            "нет значения для обязательного поля «{field}» (столбец {} пуст или не сопоставлен) и нет значения по умолчанию",
            quoted_list_ru(columns)
        ),
        format!(
            "no value for the required field \"{field}\" (column {} is empty or unmapped) and no default",
            quoted_list_en(columns)
        ),
    )
}

pub fn row_bad_date(field: &str, columns: &[String], value: &str) -> Message {
    msg(
        format!(
            "«{value}» (столбец {}) — не дата для поля «{field}»; ожидается 2026-03-05, 05.03.2026 или 2026-03-05 10:15",
            quoted_list_ru(columns)
        ),
        format!(
            "\"{value}\" (column {}) is not a date for \"{field}\"; expected 2026-03-05, 05.03.2026 or 2026-03-05 10:15",
            quoted_list_en(columns)
        ),
    )
}

pub fn ambiguous_local_time(field: &str, value: &str, zone: &str) -> Message {
    msg(
        format!(
            "время «{value}» в поле «{field}» повторяется при переводе часов ({zone}); взят более ранний момент"
        ),
        format!(
            "the time \"{value}\" in \"{field}\" occurs twice at the clock change ({zone}); the earlier one was taken"
        ),
    )
}

pub fn nonexistent_local_time(field: &str, value: &str, zone: &str) -> Message {
    msg(
        format!("времени «{value}» в поле «{field}» не было: в этот час переводили часы ({zone})"),
        format!(
            "the time \"{value}\" in \"{field}\" did not exist: the clocks changed then ({zone})"
        ),
    )
}

pub fn no_assignee(status: &str, sector: &str) -> Message {
    msg(
        format!(
            "при статусе «{status}» нужен исполнитель, а у блока «{sector}» нет руководителя, которого можно назначить"
        ),
        format!(
            "status \"{status}\" needs an assignee, and sector \"{sector}\" has no lead to assign"
        ),
    )
}

pub fn reason_not_in_export() -> Message {
    msg("причина не указана в выгрузке", "the export gives no reason")
}

/// `site.theme` that is not a plain folder name.
pub fn bad_theme_name(name: &str) -> Message {
    msg(
        format!(
            "тема «{name}» — не имя папки в themes/ (только латинские буквы, цифры, - и _); сайт собирается со встроенной темой"
        ),
        format!(
            "the theme \"{name}\" is not a folder name under themes/ (Latin letters, digits, - and _ only); the site is built with the built-in theme"
        ),
    )
}

/// A settlement written twice in `municipality.settlements`.
pub fn settlement_listed_twice(name: &str) -> Message {
    msg(
        format!("населённый пункт «{name}» уже есть в списке выше; уберите повтор"),
        format!("the settlement \"{name}\" is already listed above; remove the repeat"),
    )
}

/// A staff id written twice in a sector's `members`.
pub fn member_listed_twice(id: &str) -> Message {
    msg(
        format!("сотрудник «{id}» указан в members дважды; уберите повтор"),
        format!("the staff member \"{id}\" is listed twice in members; remove the repeat"),
    )
}

/// A published field repeats one of the applicant's values.
pub fn private_in_public(field: &str, private: &str) -> Message {
    msg(
        format!(
            "поле «{field}» публикуется, а в нём повторено значение «{private}» — личные данные заявителя; перепишите текст без них"
        ),
        format!(
            "\"{field}\" is published and repeats the value of \"{private}\", the applicant's personal data; rewrite the text without it"
        ),
    )
}

/// A published field seems to hold a phone number or an e-mail address.
pub fn contact_in_public(field: &str) -> Message {
    msg(
        format!(
            "поле «{field}» публикуется, а в нём похоже есть телефон или адрес почты; оставьте только служебные контакты администрации"
        ),
        format!(
            "\"{field}\" is published and seems to hold a phone number or an e-mail address; keep only the administration's own contacts"
        ),
    )
}

pub fn personal_in_public(field: &str) -> Message {
    msg(
        format!(
            "в тексте для поля «{field}» похоже есть телефон или адрес почты; поле не заполнено — напишите публичный текст вручную"
        ),
        format!(
            "the text for \"{field}\" seems to hold a phone number or an e-mail address; it is left out — write the public text by hand"
        ),
    )
}

pub fn shortened(field: &str, max: usize) -> Message {
    msg(
        format!("текст поля «{field}» длиннее {max} знаков и сокращён"),
        format!("the text of \"{field}\" is longer than {max} characters and was shortened"),
    )
}

pub fn import_provenance(file: &str, row: usize) -> Message {
    msg(
        format!("Импортировано из {file}, строка {row}."),
        format!("Imported from {file}, row {row}."),
    )
}

pub fn duplicate_column(name: &str) -> Message {
    msg(
        format!("столбец «{name}» встречается в заголовке несколько раз; используется первый"),
        format!("the column \"{name}\" appears more than once in the header; the first is used"),
    )
}

pub fn column_missing(name: &str, suggestion: Option<&str>) -> Message {
    let (ru, en) = hint(suggestion);
    msg(
        format!("в таблице нет столбца «{name}»{ru}; его ячейки считаются пустыми"),
        format!("the table has no column \"{name}\"{en}; its cells read as empty"),
    )
}

pub fn item_too_large(limit_kib: u64) -> Message {
    msg(
        format!(
            "обращение вышло бы больше {limit_kib} КиБ или с полями больше 64 КиБ; строка пропущена"
        ),
        format!(
            "the appeal would be larger than {limit_kib} KiB, or its fields larger than 64 KiB; the row is skipped"
        ),
    )
}

pub fn status_needs_answer_date(status: &str, columns: &[String]) -> Message {
    msg(
        format!(
            "статус «{status}» требует даты ответа, а столбец {} пуст",
            if columns.is_empty() { "ответа".to_string() } else { quoted_list_ru(columns) }
        ),
        format!(
            "status \"{status}\" needs an answer date, and column {} is empty",
            if columns.is_empty() { "of the answer".to_string() } else { quoted_list_en(columns) }
        ),
    )
}

pub fn answered_before_received() -> Message {
    msg(
        "дата ответа раньше даты поступления; строка пропущена",
        "the answer date is earlier than the receipt; the row is skipped",
    )
}

pub fn scratch_comment() -> Message {
    msg(
        "Учебный репозиторий для пробного импорта (otklik import). Не для настоящих обращений.",
        "A scratch repository for trying imports (otklik import). Not for real appeals.",
    )
}

pub fn scratch_name() -> Message {
    msg("Учебный репозиторий импорта", "Import scratch repository")
}

pub fn scratch_title() -> Message {
    msg("Обращения граждан — пробный импорт", "Citizens' appeals — trial import")
}

pub fn scratch_role(role: &str) -> Message {
    match role {
        "curator" => msg("Куратор (учебная запись)", "Curator (placeholder)"),
        "head" => msg("Руководитель МЦУ (учебная запись)", "Head of the centre (placeholder)"),
        _ => msg("Координатор (учебная запись)", "Coordinator (placeholder)"),
    }
}

pub fn scratch_lead(sector_title: &str) -> Message {
    msg(
        format!("Руководитель блока «{sector_title}» (учебная запись)"),
        format!("Lead of \"{sector_title}\" (placeholder)"),
    )
}

pub fn scratch_sector_about() -> Message {
    msg(
        "Учебный отраслевой блок: в него попадают импортированные обращения по его темам.",
        "A scratch sector: imported items on its topics land here.",
    )
}

fn quoted_list_ru(values: &[String]) -> String {
    values.iter().map(|v| format!("«{v}»")).collect::<Vec<_>>().join(", ")
}

fn quoted_list_en(values: &[String]) -> String {
    values.iter().map(|v| format!("\"{v}\"")).collect::<Vec<_>>().join(", ")
}

pub fn one_mapping_per_file() -> Message {
    msg(
        "для одного файла укажите одну схему: один --preset или --mapping",
        "give one mapping for a file: a single --preset or --mapping",
    )
}

pub fn history_not_a_repository() -> Message {
    msg(
        "история не проверена: папка не является корнем git-репозитория, поэтому авторы изменений, переходы статусов и роли не проверялись; работайте в клоне репозитория (git clone) и запускайте otklik в его корне",
        "history not checked: the folder is not the root of a git repository, so authors, status transitions and roles were not checked; work in a clone of the repository (git clone) and run otklik at its root",
    )
}

pub fn history_shallow() -> Message {
    msg(
        "история не проверена: это неполный (shallow) клон без ранних коммитов, поэтому авторы изменений, переходы статусов и роли не проверялись; загрузите всю историю: `fetch-depth: 0` в GitHub Actions, `GIT_DEPTH: 0` в GitLab CI или `git fetch --unshallow`",
        "history not checked: this is a shallow clone without the earlier commits, so authors, status transitions and roles were not checked; fetch the full history: `fetch-depth: 0` in GitHub Actions, `GIT_DEPTH: 0` in GitLab CI, or `git fetch --unshallow`",
    )
}

pub fn history_empty() -> Message {
    msg(
        "история не проверена: в репозитории ещё нет коммитов; закоммитьте файлы (git add, git commit)",
        "history not checked: the repository has no commits yet; commit the files (git add, git commit)",
    )
}

pub fn history_unreadable(detail: &str) -> Message {
    msg(
        format!(
            "история не проверена: git не смог прочитать репозиторий ({detail}); проверьте его командой `git fsck`"
        ),
        format!(
            "history not checked: git could not read the repository ({detail}); check it with `git fsck`"
        ),
    )
}

/// `commit` is how a commit is named in history messages, e.g.
/// `1a2b3c4d (Иванова Ирина <i@x.example>, 2026-03-05)`.
pub fn unknown_author(commit: &str, more: usize) -> Message {
    let (ru, en) = if more > 0 {
        (
            format!(" (и ещё коммитов с этого адреса: {more})"),
            format!(" (and {more} more from this address)"),
        )
    } else {
        (String::new(), String::new())
    };
    msg(
        format!(
            "коммит {commit} изменил обращения, но адреса автора нет у сотрудников{ru}; добавьте его в staff[].emails в otklik.yaml или сопоставьте в .mailmap"
        ),
        format!(
            "commit {commit} changed appeals, but its author's address belongs to no staff member{en}; add it to staff[].emails in otklik.yaml or map it in .mailmap"
        ),
    )
}

pub fn appeal_deleted(commit: &str, short: &str, file: &str) -> Message {
    msg(
        format!(
            "обращение удалено коммитом {commit}; обращения никогда не удаляются — верните файл: git checkout {short}^ -- {file}"
        ),
        format!(
            "the appeal was deleted by commit {commit}; appeals are never deleted — restore the file: git checkout {short}^ -- {file}"
        ),
    )
}

pub fn registered_after_commit(registered: &str, commit: &str, days: u32) -> Message {
    msg(
        format!(
            "дата регистрации {registered} позже коммита {commit}, добавившего файл, больше чем на срок регистрации ({days} дн.); исправьте дату регистрации"
        ),
        format!(
            "the registration date {registered} is more than the registration term ({}) after commit {commit} that added the file; correct the registration date",
            count_en(days as usize, "day", "days")
        ),
    )
}

pub fn answered_after_commit(answered: &str, commit: &str) -> Message {
    msg(
        format!(
            "дата ответа {answered} позже коммита {commit}, который её записал: ответ записан раньше, чем отправлен; исправьте дату"
        ),
        format!(
            "the answer date {answered} is later than commit {commit} that recorded it: the answer was recorded before it was sent; correct the date"
        ),
    )
}

pub fn not_permitted(commit: &str, action: &Message, allowed: &[&str], held: &[&str]) -> Message {
    let names = |roles: &[&str], lang: Lang| {
        let names: Vec<String> = roles.iter().map(|r| role_name(r).get(lang).to_string()).collect();
        match names.split_last() {
            Some((last, rest)) if !rest.is_empty() => {
                let or = if lang == Lang::Ru { "или" } else { "or" };
                format!("{} {or} {last}", rest.join(", "))
            }
            _ => names.join(""),
        }
    };
    let (held_ru, held_en) = if held.is_empty() {
        ("ни одной из этих ролей".to_string(), "none of these roles".to_string())
    } else {
        (format!("роли: {}", names(held, Lang::Ru)), format!("roles: {}", names(held, Lang::En)))
    };
    msg(
        format!(
            "коммит {commit}: {} — вправе только {}; у автора {held_ru}",
            action.ru,
            names(allowed, Lang::Ru)
        ),
        format!(
            "commit {commit}: {} — only {} may do this; the author has {held_en}",
            action.en,
            names(allowed, Lang::En)
        ),
    )
}

pub fn unsigned_commit(commit: &str) -> Message {
    msg(
        format!(
            "коммит {commit} изменил обращения без подписи, а в otklik.yaml включено workflow.require_signed_commits; подписывайте коммиты (git commit -S)"
        ),
        format!(
            "commit {commit} changed appeals without a signature, and otklik.yaml sets workflow.require_signed_commits; sign commits (git commit -S)"
        ),
    )
}

pub fn bad_commit_prefix(value: &str) -> Message {
    msg(
        format!(
            "workflow.accept.commit «{value}» — нужно начало идентификатора коммита: от 7 до 40 шестнадцатеричных символов (0–9, a–f), например 1a2b3c4d, как в git log"
        ),
        format!(
            "workflow.accept.commit \"{value}\" must be the start of a commit id: 7 to 40 hex digits (0–9, a–f), e.g. 1a2b3c4d, as git log shows it"
        ),
    )
}

pub fn accept_unused(prefix: &str) -> Message {
    msg(
        format!(
            "в коммите {prefix} нечего принимать: проверка истории не находит в нём нарушений; удалите эту запись из workflow.accept"
        ),
        format!(
            "nothing to accept in commit {prefix}: the history check finds nothing in it; remove the entry from workflow.accept"
        ),
    )
}

pub fn accept_ambiguous(prefix: &str, commits: &[&str]) -> Message {
    let commits = list(commits);
    msg(
        format!(
            "начало идентификатора {prefix} подходит к нескольким коммитам с нарушениями: {commits}; укажите больше символов, чтобы запись называла один коммит"
        ),
        format!(
            "the prefix {prefix} matches several commits with findings: {commits}; give more digits so that the entry names one commit"
        ),
    )
}

/// The line after the summary when `workflow.accept` covered findings.
pub fn accepted_findings(count: usize, commits: usize) -> Message {
    msg(
        format!(
            "Принято по решению (workflow.accept в otklik.yaml): нарушений в истории — {count}, коммитов — {commits}"
        ),
        format!(
            "Accepted by decision (workflow.accept in otklik.yaml): {} in history from {}",
            count_en(count, "finding", "findings"),
            count_en(commits, "commit", "commits")
        ),
    )
}

/// The name of a workflow role.
pub fn role_name(role: &str) -> Message {
    match role {
        "curator" => msg("куратор", "the curator"),
        "head" => msg("руководитель МЦУ", "the head"),
        "coordinator" => msg("координатор", "the coordinator"),
        "sector_lead" => msg("руководитель блока", "the sector lead"),
        "assignee" => msg("исполнитель", "the assignee"),
        other => msg(other, other),
    }
}

pub fn action_register() -> Message {
    msg("регистрация обращения (новый файл)", "registering the appeal (a new file)")
}

pub fn action_transition(from: &str, to: &str) -> Message {
    msg(format!("смена статуса «{from}» → «{to}»"), format!("status change \"{from}\" → \"{to}\""))
}

pub fn action_assign(to: Option<&str>) -> Message {
    match to {
        Some(to) => msg(format!("назначение исполнителя «{to}»"), format!("assigning \"{to}\"")),
        None => msg("снятие исполнителя", "removing the assignee"),
    }
}

pub fn action_transfer(to: Option<&str>) -> Message {
    let to = to.unwrap_or("—");
    msg(format!("перевод в блок «{to}»"), format!("moving to sector \"{to}\""))
}

pub fn action_extend() -> Message {
    msg("продление срока (extension)", "extending the deadline (extension)")
}

pub fn action_rework() -> Message {
    msg("возврат ответа на доработку (returned)", "returning the answer for rework (returned)")
}

pub fn action_reopen() -> Message {
    msg("повторное рассмотрение (reopened)", "reopening (reopened)")
}

pub fn illegal_transition_in_commit(
    commit: &str,
    from: &str,
    to: &str,
    allowed: &[&str],
) -> Message {
    let next = if allowed.is_empty() { "—".to_string() } else { list(allowed) };
    msg(
        format!(
            "коммит {commit}: переход статуса «{from}» → «{to}» не предусмотрен порядком работы; из «{from}» можно перейти в: {next}"
        ),
        format!(
            "commit {commit}: the status change \"{from}\" → \"{to}\" is not in the workflow; from \"{from}\" an item may go to: {next}"
        ),
    )
}

pub fn command_not_permitted(actor: &str) -> Message {
    msg(
        format!(
            "изменение не сделано: у «{actor}» (автора коммита по user.email) нет роли, которой порядок работы разрешает это действие; попросите сотрудника с такой ролью"
        ),
        format!(
            "nothing changed: \"{actor}\" (the commit's author by user.email) holds no role the workflow allows for this; ask someone who does"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_counts_agree_with_their_number() {
        assert_eq!(check_summary(1, 1, 1).en, "Checked 1 item: 1 error, 1 warning");
        assert_eq!(check_summary(161, 2, 0).en, "Checked 161 items: 2 errors, 0 warnings");
        assert_eq!(
            check_summary(161, 2, 0).ru,
            "Проверено обращений: 161; ошибок: 2; предупреждений: 0"
        );
        assert_eq!(
            init_done("r", 21, false).ru.split(';').next(),
            Some("создан репозиторий r: 21 файл")
        );
        assert!(init_done("r", 1, false).en.contains(": 1 file;"));
    }

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

    #[test]
    fn terms_take_the_russian_plural() {
        let t = |amount, unit| term(Term { amount, unit }).get(Lang::Ru).to_string();
        assert_eq!(t(30, Unit::CalendarDays), "30 календарных дней");
        assert_eq!(t(21, Unit::CalendarDays), "21 календарный день");
        assert_eq!(t(3, Unit::WorkingDays), "3 рабочих дня");
        assert_eq!(t(11, Unit::WorkingHours), "11 рабочих часов");
        assert_eq!(t(14, Unit::Hours), "14 часов");
        assert_eq!(t(24, Unit::Hours), "24 часа");
        assert_eq!(term(Term { amount: 1, unit: Unit::Hours }).get(Lang::En), "1 hour");
    }

    #[test]
    fn the_default_appeal_rule_reads_as_in_the_design() {
        let m = rule_appeal(Term { amount: 30, unit: Unit::CalendarDays });
        assert_eq!(m.get(Lang::Ru), "59-ФЗ ст. 12: 30 календарных дней со дня регистрации");
        assert_eq!(m.get(Lang::En), "59-FZ art. 12: 30 calendar days from registration");
    }
}

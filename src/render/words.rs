//! The interface's words: the one catalogue of page texts and labels, in Russian and
//! English, and the way dates, numbers and shares are written on pages.
//!
//! Page texts are looked up by key from templates (`{{ t.due }}`); tera's strict undefined
//! variables turn a missing key into a build error that names the template, so a theme
//! cannot silently show a blank. Labels of statuses, kinds, channels, deadline states and
//! results are Rust functions over both languages, so a new variant without a label does
//! not compile.

use crate::appeal::{Channel, Kind, Outcome, Status};
use crate::deadline::DeadlineState;
use crate::messages::Lang;
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use serde::Serialize;
use std::collections::BTreeMap;

/// A narrow no-break space: the thin space that groups digits and cannot break a line.
pub const THIN: char = '\u{202F}';

/// `(key, ru, en)`; keys are unique (a test checks).
const UI: &[(&str, &str, &str)] = &[
    (
        "abbr_im",
        "ИМ — «Инцидент Менеджмент», система, которая находит сообщения жителей в социальных сетях",
        "ИМ — «Инцидент Менеджмент» (Incident Management), the system that picks up residents' posts in social networks",
    ),
    (
        "abbr_pos",
        "ПОС — платформа обратной связи портала Госуслуг («Госуслуги. Решаем вместе»)",
        "ПОС — the feedback platform of the Gosuslugi public services portal",
    ),
    ("abbr_title", "Сокращения", "Abbreviations"),
    (
        "abbr_law",
        "59-ФЗ — Федеральный закон «О порядке рассмотрения обращений граждан Российской Федерации»",
        "59-ФЗ — the federal law on citizens' appeals (Federal Law 59-FZ)",
    ),
    ("agrees", "Согласие с результатом", "Agrees with the result"),
    ("all_appeals", "Все обращения", "All appeals"),
    ("answer", "Ответ", "Answer"),
    ("answered_on", "Дата ответа", "Answered on"),
    ("answered_count", "Дан ответ", "Answered"),
    ("applicant", "Заявитель", "Applicant"),
    ("applicant_address", "Адрес", "Address"),
    ("applicant_contact", "Контакты", "Contact"),
    ("applicant_name", "Имя", "Name"),
    ("appeal_text", "Текст обращения и рабочие заметки", "Text of the appeal and working notes"),
    ("appeals_title", "Обращения", "Appeals"),
    ("assignee", "Исполнитель", "Assignee"),
    ("by_assignee", "По исполнителям", "By assignee"),
    ("by_channel", "По каналам поступления", "By channel"),
    ("by_kind", "По видам", "By kind"),
    ("by_locality", "По населённым пунктам", "By settlement"),
    ("by_month", "По месяцам поступления", "By month received"),
    ("by_sector", "По отраслевым блокам", "By sector"),
    ("by_state", "По соблюдению сроков", "By deadline"),
    ("by_status", "По статусу", "By status"),
    ("by_topic", "По темам", "By topic"),
    ("channel", "Канал", "Channel"),
    (
        "check_clean",
        "Проверка не нашла ошибок и предупреждений.",
        "The check found no errors and no warnings.",
    ),
    ("check_findings", "Замечания проверки", "Check findings"),
    ("code", "Код", "Code"),
    ("count", "Количество", "Number"),
    ("data_as_of", "Данные на", "Data as of"),
    ("data_files", "Открытые данные", "Open data"),
    (
        "deadline_days_off",
        "Нерабочие дни между началом и окончанием срока",
        "Days off between the start and the end of the term",
    ),
    ("deadline_extended", "Срок продлён", "The deadline was extended"),
    ("deadline_how", "Как рассчитан срок", "How the deadline was computed"),
    (
        "deadline_moved",
        "Последний день срока пришёлся на нерабочий день и перенесён; без переноса срок истекал бы",
        "The last day fell on a day off and was moved; without the move the term would have ended on",
    ),
    ("deadline_no_days_off", "нет", "none"),
    ("deadline_rule", "Правило", "Rule"),
    ("deadline_start", "Начало отсчёта", "Counted from"),
    ("deadline_state", "Соблюдение срока", "Deadline"),
    ("deadline_unknown", "Срок не определён.", "The deadline could not be determined."),
    ("due", "Срок ответа", "Answer due"),
    ("due_soon", "Срок скоро истекает", "Due soon"),
    ("extension", "Продление", "Extension"),
    ("external_id", "Номер в исходной системе", "Number in the source system"),
    ("file", "Файл", "File"),
    ("filter_note_internal", "Отбор «{dimension}: {value}».", "Filter “{dimension}: {value}”."),
    (
        "filter_note_public",
        "Отбор «{dimension}: {value}». Показаны только обращения с открытой страницей; любое обращение можно найти по номеру.",
        "Filter “{dimension}: {value}”. Only appeals with a public page are shown; any appeal can be found by number.",
    ),
    ("filter_title", "Обращения — {value}", "Appeals — {value}"),
    ("filters_title", "Отбор обращений", "Filter the appeals"),
    ("first_response", "Первичный ответ", "First response"),
    ("forwarded_to", "Перенаправлено", "Forwarded to"),
    ("go", "Перейти", "Go"),
    ("home_title", "Обращения граждан: сводка", "Citizens' appeals: overview"),
    (
        "internal_banner",
        "Внутренний сайт администрации: содержит персональные данные, не для публикации",
        "Internal site of the administration: contains personal data, not for publication",
    ),
    (
        "item_hidden",
        "Страницы нет: по этому обращению публикуются только номер, статус и срок.",
        "No page: only the number, status and deadline of this appeal are published.",
    ),
    ("items", "Обращения", "Appeals"),
    ("kind", "Вид", "Kind"),
    ("lead", "Руководитель блока", "Sector lead"),
    (
        "left_unanswered_note",
        "Оставлено без ответа по существу по основаниям статьи 11 59-ФЗ.",
        "Left without an answer on the merits on the grounds of art. 11 of 59-ФЗ.",
    ),
    ("locality", "Населённый пункт", "Settlement"),
    ("lookup_form_hint", "Например, 2026-0042", "For example, 2026-0042"),
    ("lookup_form_label", "Номер обращения", "Appeal number"),
    (
        "lookup_intro",
        "Выберите год, затем диапазон номеров. В списке у каждого номера — статус и срок ответа.",
        "Choose the year, then the range of numbers. Each number in the list shows its status and deadline.",
    ),
    (
        "lookup_not_found",
        "Номер не найден. Проверьте, что он записан как ГГГГ-NNNN.",
        "Number not found. Check that it is written as YYYY-NNNN.",
    ),
    ("lookup_range", "Номера", "Numbers"),
    ("lookup_title", "Найти обращение по номеру", "Find an appeal by number"),
    ("lookup_year", "Год", "Year"),
    ("lookup_years", "Обращения по годам", "Appeals by year"),
    ("members", "Сотрудники блока", "Sector members"),
    ("month", "Месяц", "Month"),
    ("nav_appeals", "Обращения", "Appeals"),
    ("nav_home", "Сводка", "Overview"),
    ("nav_label", "Разделы сайта", "Site sections"),
    ("nav_lookup", "Найти по номеру", "Find by number"),
    ("nav_queues", "Очереди", "Queues"),
    ("nav_report", "Отчёт проверки", "Check report"),
    ("next_page", "Следующая", "Next"),
    ("no_items", "Обращений нет.", "No appeals."),
    ("nothing_waiting", "Просроченных и срочных обращений нет.", "Nothing is overdue or due soon."),
    ("number", "Номер", "Number"),
    ("on_time_share", "Ответы в срок", "Answered on time"),
    ("on_time_share_none", "ответов пока нет", "no answers yet"),
    ("open", "В работе", "Open"),
    ("overdue", "Просрочено", "Overdue"),
    ("page_of", "Страница {page} из {pages}", "Page {page} of {pages}"),
    ("pages_label", "Страницы списка", "List pages"),
    ("place", "Место", "Place"),
    ("prev_page", "Предыдущая", "Previous"),
    ("public_page", "Страница на публичном сайте", "Page on the public site"),
    (
        "public_page_no",
        "нет (публикуются только номер, статус и срок)",
        "no (only the number, status and deadline are published)",
    ),
    ("public_page_yes", "есть", "yes"),
    (
        "queues_intro",
        "Обращения, срок ответа по которым истёк или скоро истекает, — сначала самые ранние сроки.",
        "Appeals that are overdue or due soon, earliest deadline first.",
    ),
    ("queues_title", "Очереди: просроченные и срочные", "Queues: overdue and due soon"),
    ("rating", "Оценка заявителя", "Applicant's rating"),
    ("reason", "Основание", "Reason"),
    ("received", "Поступило", "Received"),
    ("registered", "Зарегистрировано", "Registered"),
    ("reopened", "Повторное рассмотрение", "Reopened"),
    (
        "report_intro",
        "Ошибки и предупреждения, которые нашла проверка, по файлам.",
        "Errors and warnings found by the check, by file.",
    ),
    ("report_title", "Отчёт проверки", "Check report"),
    ("result", "Результат", "Result"),
    ("returned", "Возвращено на доработку", "Returned for rework"),
    ("search_any", "Любой", "Any"),
    ("search_button", "Найти", "Search"),
    ("search_clear", "Сбросить", "Clear"),
    (
        "search_failed",
        "Поиск недоступен: не удалось загрузить список обращений (так бывает, когда сайт открыт с диска). Воспользуйтесь отбором ниже или поиском по номеру.",
        "Search is unavailable: the list of appeals could not be loaded (this happens when the site is opened from disk). Use the filters below or find an appeal by number.",
    ),
    ("search_found", "Найдено обращений: {n}.", "Appeals found: {n}."),
    (
        "search_hint",
        "Номер, тема, населённый пункт или слова из краткого описания. Регистр букв и «ё» не важны.",
        "A number, a topic, a settlement or words of the summary. Letter case does not matter.",
    ),
    ("search_label", "Слова для поиска", "Words to search for"),
    ("search_loading", "Загружаем список обращений…", "Loading the list of appeals…"),
    ("search_none", "Ничего не найдено.", "Nothing found."),
    ("search_results", "Результаты поиска", "Search results"),
    ("search_shown", "Показаны первые {shown}.", "The first {shown} are shown."),
    ("search_title", "Поиск по обращениям", "Search the appeals"),
    ("sector", "Отраслевой блок", "Sector"),
    ("sector_figures", "Показатели блока", "Sector figures"),
    ("sector_items", "Обращения блока", "Appeals of the sector"),
    (
        "sector_unlisted",
        "Часть обращений этого блока не публикуется по отдельности: они касаются личных обстоятельств заявителей или отмечены как непубличные. В цифрах выше они учтены.",
        "Some appeals of this sector are not published one by one: they concern applicants' personal circumstances or are marked not public. The figures above count them.",
    ),
    ("severity_error", "Ошибка", "Error"),
    ("severity_warning", "Предупреждение", "Warning"),
    ("share", "Доля", "Share"),
    ("skip_link", "Перейти к содержанию", "Skip to content"),
    ("status", "Статус", "Status"),
    ("summary", "Кратко", "Summary"),
    (
        "suppressed_note",
        "«<3» — меньше трёх обращений: такие числа не публикуются, чтобы нельзя было узнать заявителя. «—» — число скрыто, чтобы малое значение нельзя было вычислить по итогу.",
        "“<3” means fewer than three appeals: such figures are not published so that no applicant can be identified. “—” means a figure hidden so that a small one cannot be worked out from the total.",
    ),
    ("table_figures", "Таблица с данными графика", "The chart's data as a table"),
    ("topic", "Тема", "Topic"),
    ("total", "Всего обращений", "Appeals in total"),
    ("urgent", "Срочный инцидент", "Urgent incident"),
    (
        "chart_sector_desc",
        "Полосы показывают, сколько обращений у каждого отраслевого блока. Точные числа — в таблице под графиком.",
        "The bars show how many appeals each sector has. The exact figures are in the table below the chart.",
    ),
    (
        "chart_kind_desc",
        "Столбцы показывают, сколько обращений, сообщений и инцидентов поступило в каждом месяце (не больше 24 последних месяцев). Вид обозначен узором, названным в легенде; над столбцом — итог месяца. Точные числа за все месяцы — в таблице под графиком.",
        "The columns show how many appeals, messages and incidents arrived each month (at most the last 24 months). Each kind has its own pattern, named in the legend; the month's total is above its column. The exact figures for every month are in the table below the chart.",
    ),
    (
        "chart_on_time_desc",
        "Столбцы показывают, какая доля ответов месяца дана в срок, от 0 до 100 % (не больше 24 последних месяцев). Точные числа — в таблице под графиком.",
        "The columns show the share of each month's answers given on time, from 0 to 100% (at most the last 24 months). The exact figures are in the table below the chart.",
    ),
    (
        "chart_locality_desc",
        "Полосы показывают, сколько обращений поступило из каждого населённого пункта. Скрытое число полосы не имеет. Точные числа — в таблице под графиком.",
        "The bars show how many appeals came from each settlement. A hidden figure has no bar. The exact figures are in the table below the chart.",
    ),
    ("by_month_kind", "Поступление по месяцам и видам", "Received by month and kind"),
    ("on_time_by_month", "Ответы в срок по месяцам", "Answered on time, by month"),
    (
        "on_time_rule",
        "Месяц здесь — месяц ответа: из обращений, на которые ответили в этом месяце, сколько получили ответ не позже срока.",
        "The month here is the month of the answer: of the items answered that month, how many were answered by their due date.",
    ),
    ("answered_in_month", "Дано ответов", "Answers given"),
    ("answered_in_time", "Из них в срок", "Of them on time"),
    ("on_time_pct", "Доля в срок", "Share on time"),
    ("month_total", "Всего", "Total"),
    ("listed_note_internal", "Всего обращений: {total}.", "Appeals in total: {total}."),
    (
        "listed_note_public",
        "Обращений с открытой страницей: {shown}. Всего зарегистрировано: {total}; любое из них можно найти по номеру.",
        "Appeals with a public page: {shown}. Registered in total: {total}; any of them can be found by number.",
    ),
    ("message", "Сообщение", "Message"),
    ("number_sign", "№", "No."),
    ("severity", "Тип", "Severity"),
    (
        "tally",
        "Ошибок: {errors}, предупреждений: {warnings}.",
        "Errors: {errors}, warnings: {warnings}.",
    ),
    ("unassigned", "Исполнитель не назначен", "No assignee"),
    ("work", "Работа с обращением", "Handling"),
    ("yes", "да", "yes"),
    ("no", "нет", "no"),
];

/// Every page text in `lang`, keyed for templates.
pub fn ui(lang: Lang) -> BTreeMap<&'static str, &'static str> {
    UI.iter()
        .chain(super::analytics_words::UI)
        .map(|(key, ru, en)| {
            (
                *key,
                match lang {
                    Lang::Ru => *ru,
                    Lang::En => *en,
                },
            )
        })
        .collect()
}

/// A value of a closed set as pages show it: its code, its name, and a tone for styling.
/// The name always carries the meaning; the tone only adds colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Label {
    /// The code used in files and data.
    pub code: &'static str,
    /// The name in the site's language.
    pub name: &'static str,
    /// `good`, `warn`, `bad` or `plain`.
    pub tone: &'static str,
}

fn pick(lang: Lang, ru: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Ru => ru,
        Lang::En => en,
    }
}

/// The label of a kind.
pub fn kind(k: Kind, lang: Lang) -> Label {
    use crate::fields::Choice;
    let name = match k {
        Kind::Appeal => pick(lang, "Обращение по 59-ФЗ", "Appeal under 59-ФЗ"),
        Kind::Message => pick(lang, "Сообщение через ПОС", "Message via ПОС"),
        Kind::Incident => pick(lang, "Инцидент из соцсетей (ИМ)", "Social-network incident (ИМ)"),
    };
    Label { code: k.name(), name, tone: "plain" }
}

/// The label of a channel.
pub fn channel(c: Channel, lang: Lang) -> Label {
    use crate::fields::Choice;
    let name = match c {
        Channel::Letter => pick(lang, "Письмо", "Letter"),
        Channel::Email => pick(lang, "Электронная почта", "E-mail"),
        Channel::Website => pick(lang, "Форма на сайте", "Website form"),
        Channel::Reception => pick(lang, "Личный приём", "In-person reception"),
        Channel::Phone => pick(lang, "Телефон", "Phone"),
        Channel::Pos => pick(lang, "ПОС (Госуслуги)", "ПОС (Gosuslugi)"),
        Channel::IncidentManagement => pick(lang, "Инцидент Менеджмент", "Incident Management"),
        Channel::Messenger => pick(lang, "Мессенджер", "Messenger"),
    };
    Label { code: c.name(), name, tone: "plain" }
}

/// The label of a status.
pub fn status(s: Status, lang: Lang) -> Label {
    use crate::fields::Choice;
    let (name, tone) = match s {
        Status::New => (pick(lang, "Зарегистрировано", "Registered"), "plain"),
        Status::Assigned => (pick(lang, "Назначен исполнитель", "Assigned"), "plain"),
        Status::InProgress => (pick(lang, "В работе", "In progress"), "plain"),
        Status::Answered => (pick(lang, "Дан ответ", "Answered"), "good"),
        Status::Closed => (pick(lang, "Закрыто", "Closed"), "good"),
        Status::Forwarded => (
            pick(lang, "Перенаправлено по компетенции", "Forwarded to the competent body"),
            "plain",
        ),
        Status::LeftUnanswered => (pick(lang, "Оставлено без ответа", "Left unanswered"), "plain"),
    };
    Label { code: s.name(), name, tone }
}

/// The label of a deadline state.
pub fn state(s: DeadlineState, lang: Lang) -> Label {
    let (code, name, tone) = match s {
        DeadlineState::OnTrack => ("on_track", pick(lang, "В срок", "On track"), "good"),
        DeadlineState::DueSoon => {
            ("due_soon", pick(lang, "Срок скоро истекает", "Due soon"), "warn")
        }
        DeadlineState::Overdue => ("overdue", pick(lang, "Просрочено", "Overdue"), "bad"),
        DeadlineState::AnsweredOnTime => {
            ("answered_on_time", pick(lang, "Ответ дан в срок", "Answered on time"), "good")
        }
        DeadlineState::AnsweredLate => {
            ("answered_late", pick(lang, "Ответ дан с опозданием", "Answered late"), "bad")
        }
        DeadlineState::ClosedWithoutAnswer => (
            "closed_without_answer",
            pick(lang, "Закрыто без ответа по существу", "Closed without an answer on the merits"),
            "plain",
        ),
        DeadlineState::Unknown => {
            ("unknown", pick(lang, "Срок не определён", "Deadline unknown"), "plain")
        }
    };
    Label { code, name, tone }
}

/// The label of a result.
pub fn outcome(o: Outcome, lang: Lang) -> Label {
    use crate::fields::Choice;
    let name = match o {
        Outcome::Supported => pick(lang, "Поддержано", "Supported"),
        Outcome::MeasuresTaken => {
            pick(lang, "Поддержано, меры приняты", "Supported, measures taken")
        }
        Outcome::Explained => pick(lang, "Разъяснено", "Explained"),
        Outcome::NotSupported => pick(lang, "Не поддержано", "Not supported"),
        Outcome::Answered => pick(lang, "Дан ответ автору", "Answered to the author"),
    };
    Label { code: o.name(), name, tone: "plain" }
}

const MONTHS_GENITIVE: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];
const MONTHS_RU_SHORT: [&str; 12] =
    ["янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"];
// Month names in the nominative live in the message catalogue, with the period labels.
use crate::messages::analytics::{MONTHS_EN, MONTHS_RU};

fn month_index(month: u32) -> usize {
    (month.clamp(1, 12) - 1) as usize
}

/// A date in words: «2 апреля 2026 г.», "2 April 2026". The spaces inside do not break.
pub fn date(d: NaiveDate, lang: Lang) -> String {
    let m = month_index(d.month());
    match lang {
        Lang::Ru => format!("{}\u{a0}{} {}\u{a0}г.", d.day(), MONTHS_GENITIVE[m], d.year()),
        Lang::En => format!("{}\u{a0}{} {}", d.day(), MONTHS_EN[m], d.year()),
    }
}

/// A local date and time in words: «2 апреля 2026 г., 14:00».
pub fn date_time(t: DateTime<FixedOffset>, lang: Lang) -> String {
    format!("{}, {}", date(t.date_naive(), lang), t.format("%H:%M"))
}

/// A month in words: «март 2026», "March 2026".
pub fn month(year: i32, month: u32, lang: Lang) -> String {
    let m = month_index(month);
    match lang {
        Lang::Ru => format!("{} {year}", MONTHS_RU[m]),
        Lang::En => format!("{} {year}", MONTHS_EN[m]),
    }
}

/// A month for a chart axis: «мар», "Mar", with the year on January and on the first bar.
pub fn month_short(year: i32, month: u32, with_year: bool, lang: Lang) -> String {
    let m = month_index(month);
    let name = match lang {
        Lang::Ru => MONTHS_RU_SHORT[m].to_string(),
        Lang::En => MONTHS_EN[m][..3].to_string(),
    };
    if with_year || month == 1 { format!("{name} {year}") } else { name }
}

/// Several dates in words, months written once: «7, 8, 14 марта и 4 апреля 2026 г.».
pub fn dates(days: &[NaiveDate], lang: Lang) -> String {
    let mut groups: Vec<(i32, u32, Vec<u32>)> = Vec::new();
    for d in days {
        match groups.last_mut() {
            Some((y, m, list)) if *y == d.year() && *m == d.month() => list.push(d.day()),
            _ => groups.push((d.year(), d.month(), vec![d.day()])),
        }
    }
    let mut parts = Vec::new();
    for (i, (y, m, list)) in groups.iter().enumerate() {
        let numbers = list.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(", ");
        let last_of_year = groups.get(i + 1).is_none_or(|next| next.0 != *y);
        let mi = month_index(*m);
        let text = match (lang, last_of_year) {
            (Lang::Ru, true) => format!("{numbers} {} {y}\u{a0}г.", MONTHS_GENITIVE[mi]),
            (Lang::Ru, false) => format!("{numbers} {}", MONTHS_GENITIVE[mi]),
            (Lang::En, true) => format!("{numbers} {} {y}", MONTHS_EN[mi]),
            (Lang::En, false) => format!("{numbers} {}", MONTHS_EN[mi]),
        };
        parts.push(text);
    }
    join_words(&parts, lang)
}

/// `a, b и c` / `a, b and c`.
fn join_words(parts: &[String], lang: Lang) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => {
            let and = pick(lang, "и", "and");
            format!("{} {and} {last}", init.join(", "))
        }
    }
}

/// How a date in words is put together, for a script that writes dates as the pages do:
/// the pattern with `{d}`, `{m}` and `{y}`, and the month names that go in `{m}`.
pub fn date_pattern(lang: Lang) -> (&'static str, [&'static str; 12]) {
    match lang {
        Lang::Ru => ("{d}\u{a0}{m} {y}\u{a0}г.", MONTHS_GENITIVE),
        Lang::En => ("{d}\u{a0}{m} {y}", MONTHS_EN),
    }
}

/// The digit group separator of counts and the number of digits from which counts are
/// grouped (see [`number`]).
pub fn number_grouping(lang: Lang) -> (char, usize) {
    match lang {
        Lang::Ru => (THIN, 5),
        Lang::En => (',', 4),
    }
}

/// A count with its digits grouped: «12 345» (Russian groups from five digits on, with a
/// thin space), "12,345".
pub fn number(n: u64, lang: Lang) -> String {
    let digits = n.to_string();
    let (separator, from) = number_grouping(lang);
    if digits.len() < from {
        return digits;
    }
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

/// A share 0–1 as a whole percentage: «87 %», "87%".
pub fn percent(share: f64, lang: Lang) -> String {
    let p = (share * 100.0).round().clamp(0.0, 100.0) as u64;
    match lang {
        Lang::Ru => format!("{p}{THIN}%"),
        Lang::En => format!("{p}%"),
    }
}

/// `template` with `{name}` replaced by each value, in one pass over the template: a
/// value that itself holds `{other}` (a title typed by staff) stays as it was written.
pub fn fill(template: &str, values: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            values.iter().find(|(n, _)| *n == name).map(|(_, v)| (v, close))
        });
        match value {
            Some((v, close)) => {
                out.push_str(v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_each_name_once_and_leaves_braces_in_values_alone() {
        let values = [("title", "Блок {n}".to_string()), ("n", "3".to_string())];
        assert_eq!(fill("«{title}»: {n} {unknown} {", &values), "«Блок {n}»: 3 {unknown} {");
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_catalogue_is_sorted_unique_and_filled() {
        let mut keys: Vec<_> = UI.iter().map(|r| r.0).collect();
        let n = keys.len();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), n, "duplicate key");
        for (key, ru, en) in UI {
            assert!(!ru.is_empty() && !en.is_empty(), "{key}");
        }
    }

    #[test]
    fn the_date_pattern_writes_dates_as_the_pages_do() {
        for lang in [Lang::Ru, Lang::En] {
            let (pattern, months) = date_pattern(lang);
            let d = day(2026, 4, 2);
            let filled = fill(
                pattern,
                &[("d", "2".into()), ("m", months[3].to_string()), ("y", "2026".into())],
            );
            assert_eq!(filled, date(d, lang));
        }
    }

    #[test]
    fn dates_are_written_in_words() {
        assert_eq!(date(day(2026, 4, 2), Lang::Ru), "2\u{a0}апреля 2026\u{a0}г.");
        assert_eq!(date(day(2026, 4, 2), Lang::En), "2\u{a0}April 2026");
        assert_eq!(month(2026, 3, Lang::Ru), "март 2026");
    }

    #[test]
    fn several_dates_name_each_month_once() {
        let days = [day(2026, 3, 7), day(2026, 3, 8), day(2026, 4, 4), day(2027, 1, 1)];
        assert_eq!(
            dates(&days, Lang::Ru),
            "7, 8 марта, 4 апреля 2026\u{a0}г. и 1 января 2027\u{a0}г."
        );
        assert_eq!(dates(&days[..2], Lang::En), "7, 8 March 2026");
    }

    #[test]
    fn numbers_are_grouped_with_a_thin_space() {
        assert_eq!(number(7, Lang::Ru), "7");
        assert_eq!(number(1234, Lang::Ru), "1234");
        assert_eq!(number(12345, Lang::Ru), "12\u{202F}345");
        assert_eq!(number(1234567, Lang::Ru), "1\u{202F}234\u{202F}567");
        assert_eq!(number(1234, Lang::En), "1,234");
        assert_eq!(percent(0.866, Lang::Ru), "87\u{202F}%");
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(
            fill("Страница {page} из {pages}", &[("page", "2".into()), ("pages", "9".into())]),
            "Страница 2 из 9"
        );
    }
}

//! The monthly counts of the federal monitoring of appeals (ССТУ.РФ, Указ Президента № 171
//! of 17.04.2017): questions by classifier topic and by result of consideration, and the
//! CSV the internal site offers for download.
//!
//! Our statuses and results map to the federal result categories (`research/domain-ru.md`
//! §4.2) as follows: `explained` → Разъяснено; `supported` → Поддержано; `measures_taken`
//! → Поддержано *and* «в том числе: меры приняты» (a subset, never added to the total
//! twice); `not_supported` → Не поддержано; `answered` → Дан ответ автору; `forwarded`
//! → Направлено по компетенции; `left_unanswered` → Оставлено без ответа; any open status
//! → На рассмотрении. An answered item without a recorded result (which `check` reports)
//! counts as Дан ответ автору. «Рассмотрено с нарушением срока» counts answers sent after
//! their due date.
//!
//! The report covers the items received in the month (one item is one question), in
//! their state as of the day the report is built, and by default only 59-FZ appeals
//! ([`SSTU_KINDS`]): ПОС messages and incidents are reported through their own platforms.

use super::{ItemFacts, Month, Period};
use crate::appeal::{Appeal, Kind, Outcome, Status};
use crate::messages::{self, Lang, Message};
use serde::Serialize;
use std::collections::BTreeMap;

/// The kinds of item the report counts by default: 59-FZ appeals.
pub const SSTU_KINDS: &[Kind] = &[Kind::Appeal];

/// A federal result category of one question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum SstuResult {
    /// Рассмотрено. Разъяснено.
    Explained,
    /// Рассмотрено. Поддержано (without "measures taken").
    Supported,
    /// Рассмотрено. Поддержано. Меры приняты.
    MeasuresTaken,
    /// Рассмотрено. Не поддержано.
    NotSupported,
    /// Дан ответ автору.
    Answered,
    /// Оставлено без ответа автору.
    LeftWithoutAnswer,
    /// Направлено по компетенции.
    Transferred,
    /// Находится на рассмотрении.
    InWork,
}

/// The federal category of an item's current state.
pub fn result_of(a: &Appeal) -> SstuResult {
    match a.status {
        Status::Forwarded => SstuResult::Transferred,
        Status::LeftUnanswered => SstuResult::LeftWithoutAnswer,
        s if s.is_answered() => match a.result {
            Some(Outcome::Explained) => SstuResult::Explained,
            Some(Outcome::Supported) => SstuResult::Supported,
            Some(Outcome::MeasuresTaken) => SstuResult::MeasuresTaken,
            Some(Outcome::NotSupported) => SstuResult::NotSupported,
            Some(Outcome::Answered) | None => SstuResult::Answered,
        },
        _ => SstuResult::InWork,
    }
}

/// The counts of one row of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct SstuCounts {
    /// Всего вопросов.
    pub questions: usize,
    /// Разъяснено.
    pub explained: usize,
    /// Поддержано (including "measures taken").
    pub supported: usize,
    /// В том числе: меры приняты.
    pub measures_taken: usize,
    /// Не поддержано.
    pub not_supported: usize,
    /// Дан ответ автору.
    pub answered: usize,
    /// Оставлено без ответа.
    pub left_without_answer: usize,
    /// Направлено по компетенции.
    pub transferred: usize,
    /// На рассмотрении.
    pub in_work: usize,
    /// Рассмотрено с нарушением срока.
    pub late: usize,
}

impl SstuCounts {
    fn add(&mut self, result: SstuResult, late: bool) {
        self.questions += 1;
        self.late += usize::from(late);
        match result {
            SstuResult::Explained => self.explained += 1,
            SstuResult::Supported => self.supported += 1,
            SstuResult::MeasuresTaken => {
                self.supported += 1;
                self.measures_taken += 1;
            }
            SstuResult::NotSupported => self.not_supported += 1,
            SstuResult::Answered => self.answered += 1,
            SstuResult::LeftWithoutAnswer => self.left_without_answer += 1,
            SstuResult::Transferred => self.transferred += 1,
            SstuResult::InWork => self.in_work += 1,
        }
    }

    /// The counts in the column order of the CSV, after the topic.
    pub fn columns(&self) -> [usize; 10] {
        [
            self.questions,
            self.explained,
            self.supported,
            self.measures_taken,
            self.not_supported,
            self.answered,
            self.left_without_answer,
            self.transferred,
            self.in_work,
            self.late,
        ]
    }
}

/// One classifier topic's counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SstuRow {
    /// Classifier code as written on the items.
    pub topic: String,
    /// Its counts.
    pub counts: SstuCounts,
}

/// The monthly report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SstuReport {
    /// The month.
    pub month: Month,
    /// The kinds of item counted.
    pub kinds: Vec<Kind>,
    /// One row per topic, by code.
    pub rows: Vec<SstuRow>,
    /// Every topic together.
    pub total: SstuCounts,
}

/// Counts the items of `kinds` received in `month`.
pub fn sstu_report(facts: &[ItemFacts], month: Month, kinds: &[Kind]) -> SstuReport {
    let period = Period::month(month);
    let mut topics: BTreeMap<&str, SstuCounts> = BTreeMap::new();
    let mut total = SstuCounts::default();
    for f in super::in_period(facts, &period).filter(|f| kinds.contains(&f.appeal.kind)) {
        let result = result_of(f.appeal);
        let late = f.on_time == Some(false);
        topics.entry(f.appeal.topic.as_str()).or_default().add(result, late);
        total.add(result, late);
    }
    let rows = topics
        .into_iter()
        .map(|(topic, counts)| SstuRow { topic: topic.to_string(), counts })
        .collect();
    SstuReport { month, kinds: kinds.to_vec(), rows, total }
}

/// The CSV of the 59-FZ appeals received in `month` (see [`SstuReport::csv`]).
pub fn sstu_csv(facts: &[ItemFacts], month: Month) -> String {
    sstu_report(facts, month, SSTU_KINDS).csv()
}

impl SstuReport {
    /// The report as CSV: UTF-8, comma-separated, `\n` line ends, RFC 4180 quoting, a
    /// header row in Russian, one row per topic and a closing «Итого» row.
    pub fn csv(&self) -> String {
        let mut out = String::new();
        let header: Vec<String> = messages::analytics::sstu_header()
            .iter()
            .map(|m| m.get(Lang::Ru).to_string())
            .collect();
        line(&mut out, &header);
        let month = self.month.code();
        for row in &self.rows {
            line(&mut out, &cells(&month, &row.topic, &row.counts));
        }
        let total = messages::analytics::sstu_total().get(Lang::Ru).to_string();
        line(&mut out, &cells(&month, &total, &self.total));
        out
    }
}

fn cells(month: &str, topic: &str, counts: &SstuCounts) -> Vec<String> {
    let mut v = vec![month.to_string(), topic.to_string()];
    v.extend(counts.columns().iter().map(usize::to_string));
    v
}

fn line(out: &mut String, cells: &[String]) {
    let quoted: Vec<String> = cells.iter().map(|c| cell(c)).collect();
    out.push_str(&quoted.join(","));
    out.push('\n');
}

/// One CSV cell. A topic typed by hand could start with `=` and run as a formula in a
/// spreadsheet; such text gets a leading apostrophe. Text with a comma, quote or line
/// break is quoted, quotes doubled.
fn cell(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// The mapping of results to federal categories in words, for the page.
pub fn mapping_text() -> Message {
    messages::analytics::sstu_mapping()
}

#[cfg(test)]
mod tests {
    use super::super::fixture::*;
    use super::*;
    use crate::appeal::{Kind, Outcome::*, Status};

    const WATER: &str = "0005.0005.0056.1154";
    const ROADS: &str = "0003.0009.0099.0742";

    fn items() -> Vec<Item> {
        vec![
            item("2026-0001", "2026-03-02").topic(WATER).answered("2026-03-10", Explained, 6, true),
            item("2026-0002", "2026-03-03").topic(WATER).answered(
                "2026-04-10",
                Supported,
                26,
                false,
            ),
            item("2026-0003", "2026-03-04").topic(WATER).answered(
                "2026-03-20",
                MeasuresTaken,
                12,
                true,
            ),
            item("2026-0004", "2026-03-05").answered("2026-03-06", NotSupported, 1, true),
            item("2026-0005", "2026-03-06").answered("2026-03-07", Answered, 1, true),
            item("2026-0006", "2026-03-07").status(Status::Forwarded),
            item("2026-0007", "2026-03-08").status(Status::LeftUnanswered),
            item("2026-0008", "2026-03-09").status(Status::InProgress).overdue(),
            item("2026-0009", "2026-03-10").status(Status::Closed),
            item("2026-0010", "2026-03-11").kind(Kind::Message).answered(
                "2026-03-12",
                Explained,
                1,
                true,
            ),
            item("2026-0011", "2026-02-11").answered("2026-03-01", Explained, 1, true),
        ]
    }

    #[test]
    fn counts_by_topic_and_result_by_hand() {
        let items = items();
        let f = facts(&items);
        let r = sstu_report(&f, Month::new(2026, 3).unwrap(), SSTU_KINDS);
        // The message (0010) and the February item (0011) are left out: 9 questions.
        assert_eq!(r.rows.iter().map(|r| r.topic.as_str()).collect::<Vec<_>>(), [ROADS, WATER]);
        let water = r.rows[1].counts;
        // 0001 explained, 0002 supported and late, 0003 supported with measures.
        assert_eq!(
            water,
            SstuCounts {
                questions: 3,
                explained: 1,
                supported: 2,
                measures_taken: 1,
                late: 1,
                ..SstuCounts::default()
            }
        );
        let roads = r.rows[0].counts;
        // 0004 not supported, 0005 answered, 0006 forwarded, 0007 left, 0008 open,
        // 0009 closed without a result → answered.
        assert_eq!(
            roads,
            SstuCounts {
                questions: 6,
                not_supported: 1,
                answered: 2,
                left_without_answer: 1,
                transferred: 1,
                in_work: 1,
                ..SstuCounts::default()
            }
        );
        assert_eq!(r.total.questions, 9);
        // Every question in exactly one category; "measures taken" is inside "supported":
        // 1 + 2 + 1 + 2 + 1 + 1 + 1 = 9.
        let t = r.total;
        let sum = t.explained
            + t.supported
            + t.not_supported
            + t.answered
            + t.left_without_answer
            + t.transferred
            + t.in_work;
        assert_eq!(sum, t.questions);
    }

    #[test]
    fn the_csv_has_a_russian_header_and_a_total() {
        let items = items();
        let f = facts(&items);
        let csv = sstu_csv(&f, Month::new(2026, 3).unwrap());
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(
            lines[0],
            "Месяц,Код темы по классификатору,Всего вопросов,Разъяснено,Поддержано,\
             в том числе: меры приняты,Не поддержано,Дан ответ автору,Оставлено без ответа,\
             Направлено по компетенции,На рассмотрении,Рассмотрено с нарушением срока"
        );
        assert_eq!(lines[1], "2026-03,0003.0009.0099.0742,6,0,0,0,1,2,1,1,1,0");
        assert_eq!(lines[2], "2026-03,0005.0005.0056.1154,3,1,2,1,0,0,0,0,0,1");
        assert_eq!(lines[3], "2026-03,Итого,9,1,2,1,1,2,1,1,1,1");
        assert_eq!(lines.len(), 4);
    }

    #[test]
    fn hostile_cells_are_quoted_and_defused() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("0005.0005"), "0005.0005");
    }
}

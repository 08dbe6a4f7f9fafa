//! The catalogue's texts for the analytics pages: periods, the rules behind each figure
//! (shown on the page next to it), labels and the ССТУ.РФ CSV header.

use super::{Lang, Message, msg};
use crate::analytics::failures::FailureKind;
use crate::analytics::growth::Dimension;
use crate::config::{ClusterRule, SpikeRule, Weights};

/// The Russian plural form for `n`: `one` (1, 21), `few` (2–4, 22–24) or `many` (5–20, 0).
pub fn plural_ru<'a>(n: u64, one: &'a str, few: &'a str, many: &'a str) -> &'a str {
    match (n % 10, n % 100) {
        (_, 11..=14) => many,
        (1, _) => one,
        (2..=4, _) => few,
        _ => many,
    }
}

/// A number with at most two decimals and no trailing zeros: `0,5` in Russian, `0.5` in
/// English.
pub fn decimal(x: f64, lang: Lang) -> String {
    let text = format!("{x:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    match lang {
        Lang::Ru => text.replace('.', ","),
        Lang::En => text.to_string(),
    }
}

/// A share as whole per cent: `83 %` in Russian (with a no-break space), `83%` in English.
pub fn percent(share: f64, lang: Lang) -> String {
    let p = (share * 100.0).round();
    match lang {
        Lang::Ru => format!("{p}\u{a0}%"),
        Lang::En => format!("{p}%"),
    }
}

pub fn bad_decimal(field: &str, value: &str, max: f64) -> Message {
    msg(
        format!(
            "«{value}» в поле «{field}» — ожидается число от 0 до {}, дробная часть через точку (например, 0.5)",
            decimal(max, Lang::En)
        ),
        format!(
            "\"{value}\" in \"{field}\" — expected a number from 0 to {}, with a decimal point (e.g. 0.5)",
            decimal(max, Lang::En)
        ),
    )
}

pub fn weights_sum_zero() -> Message {
    msg(
        "все веса в analytics.weights равны нулю; хотя бы один должен быть больше нуля",
        "every weight in analytics.weights is zero; at least one must be above zero",
    )
}

pub fn bad_period(text: &str) -> Message {
    msg(
        format!("«{text}» — не период; пишите 2026 (год), 2026-Q1 (квартал) или 2026-03 (месяц)"),
        format!(
            "\"{text}\" is not a period; write 2026 (a year), 2026-Q1 (a quarter) or 2026-03 (a month)"
        ),
    )
}

/// Month names, nominative ("март"), for period labels and page headings.
pub(crate) const MONTHS_RU: [&str; 12] = [
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
];
/// Month names in English.
pub(crate) const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub fn month_period(year: i32, month: u32) -> Message {
    let i = (month.clamp(1, 12) - 1) as usize;
    msg(format!("{} {year} г.", MONTHS_RU[i]), format!("{} {year}", MONTHS_EN[i]))
}

pub fn quarter_period(year: i32, quarter: u32) -> Message {
    let roman = ["I", "II", "III", "IV"][(quarter.clamp(1, 4) - 1) as usize];
    msg(format!("{roman} квартал {year} г."), format!("Q{quarter} {year}"))
}

pub fn year_period(year: i32) -> Message {
    msg(format!("{year} год"), format!("{year}"))
}

/// The head's report of a period that holds no item: written, but probably not the
/// period that was meant.
pub fn empty_period(label: &Message) -> Message {
    msg(
        format!(
            "в периоде {} нет ни одного обращения; отчёт записан, но все его показатели пусты — проверьте, тот ли период указан",
            label.get(Lang::Ru)
        ),
        format!(
            "the period {} holds no items at all; the report is written, but every figure in it is empty — check that this is the period you meant",
            label.get(Lang::En)
        ),
    )
}

/// The head's report of a period that begins after the day of the figures.
pub fn period_not_begun(label: &Message, today: chrono::NaiveDate) -> Message {
    let day = today.format("%d.%m.%Y");
    msg(
        format!(
            "период {} ещё не начался (данные на {day}); отчёт не записан — укажите период не позже сегодняшнего",
            label.get(Lang::Ru)
        ),
        format!(
            "the period {} has not begun yet (data as of {day}); no report is written — give a period that has begun",
            label.get(Lang::En)
        ),
    )
}

pub fn cohort_rule() -> Message {
    msg(
        "Все показатели за период относятся к обращениям, поступившим в этот период (по местной дате поступления); ответы, возвраты и оценки по ним учитываются в том же периоде, даже если были позже. Поэтому показатели последних месяцев ещё меняются.",
        "Every figure of a period is about the items received in it (by the local day of receipt); their answers, returns and ratings count towards that period even when they came later. Figures of recent months therefore still change.",
    )
}

pub fn answer_time_rule() -> Message {
    msg(
        "Срок ответа — в рабочих днях от регистрации (или поступления) до ответа. Медиана — значение в середине ряда, упорядоченного по возрастанию (при чётном числе ответов — полусумма двух значений в середине). 90-й процентиль — методом ближайшего ранга: значение с номером ⌈0,9 × n⌉ в ряду из n ответов по возрастанию; 90 % ответов даны не дольше этого срока.",
        "Answer time is counted in working days from registration (or receipt) to the answer. The median is the middle value of the sorted times (with an even number of answers, the mean of the two middle ones). The 90th percentile uses the nearest-rank method: the value at rank ⌈0.9 × n⌉ of the n times sorted ascending; 90 % of answers took no longer.",
    )
}

pub fn rework_rule() -> Message {
    msg(
        "«Возвращено на доработку» и «переоткрыто» — число обращений, по которым было хотя бы одно такое событие; несколько возвратов одного обращения считаются одним обращением (число самих возвратов показано отдельно). Доля в срок — ответы в срок среди обращений, срок которых наступил: дан ответ или срок уже истёк.",
        "\"Returned for rework\" and \"reopened\" count the items with at least one such entry; an item returned twice counts once (the number of entries is shown apart). The on-time share is answers on time among the items whose deadline is settled: answered, or already overdue.",
    )
}

pub fn score_formula(w: &Weights, min_items: usize) -> Message {
    let (t, q, s) = (w.timeliness, w.quality, w.satisfaction);
    let ru = |x| decimal(x, Lang::Ru);
    let en = |x| decimal(x, Lang::En);
    let n = min_items as u64;
    msg(
        format!(
            "Балл (0–100) = 100 × ({} × С + {} × К + {} × У) / ({} + {} + {}), где С — своевременность: доля ответов в срок среди обращений, срок которых наступил; К — качество: 1 − доля обращений, ответ по которым возвращали на доработку или переоткрывали по несогласию заявителя; У — удовлетворённость: (средняя оценка − 1) / 4. Составляющая без данных (например, нет оценок) не учитывается вместе со своим весом. Блоки и исполнители, получившие за период меньше {n} {}, показаны, но не ранжируются; одинаковый балл (с точностью до десятых) даёт одинаковое место.",
            ru(t),
            ru(q),
            ru(s),
            ru(t),
            ru(q),
            ru(s),
            plural_ru(n, "обращения", "обращений", "обращений"),
        ),
        format!(
            "Score (0–100) = 100 × ({} × T + {} × Q + {} × S) / ({} + {} + {}), where T is timeliness: the share answered on time among items whose deadline is settled; Q is quality: 1 − the share of items whose answer was returned for rework or reopened by the citizen; S is satisfaction: (average rating − 1) / 4. A part without data (e.g. no ratings) drops out with its weight. Sectors and assignees with fewer than {n} item{} in the period are listed but not ranked; equal scores (to one decimal) share a place.",
            en(t),
            en(q),
            en(s),
            en(t),
            en(q),
            en(s),
            if n == 1 { "" } else { "s" },
        ),
    )
}

pub fn dimension(d: Dimension) -> Message {
    match d {
        Dimension::Topic => msg("Тема", "Topic"),
        Dimension::Settlement => msg("Населённый пункт", "Settlement"),
        Dimension::Sector => msg("Отраслевой блок", "Sector"),
        Dimension::Channel => msg("Канал", "Channel"),
    }
}

/// "+14 обращений" / "+14 items"; a fall gets a minus sign.
pub fn items_change(delta: i64) -> Message {
    let n = delta.unsigned_abs();
    let sign = if delta < 0 { "−" } else { "+" };
    msg(
        format!("{sign}{n} {}", plural_ru(n, "обращение", "обращения", "обращений")),
        format!("{sign}{n} item{}", if n == 1 { "" } else { "s" }),
    )
}

pub fn growth_contributor(delta: i64, what: &str) -> Message {
    let change = items_change(delta);
    msg(format!("{}: {what}", change.get(Lang::Ru)), format!("{}: {what}", change.get(Lang::En)))
}

pub fn spike_rule(rule: &SpikeRule) -> Message {
    let m = u64::from(rule.months);
    let k = rule.sigmas;
    let x = u64::from(rule.min_excess);
    let sigma_ru = if k.fract() == 0.0 {
        plural_ru(
            k as u64,
            "стандартное отклонение",
            "стандартных отклонения",
            "стандартных отклонений",
        )
    } else {
        "стандартного отклонения"
    };
    msg(
        format!(
            "Всплеск — месяц, в котором число обращений (всего, по теме, блоку, населённому пункту, каналу или теме в населённом пункте) выше среднего за {m} {} не меньше чем на {} {sigma_ru} и не меньше чем на {x} {}. Месяцы без обращений считаются нулями; месяц не оценивается, если до него реестр вёлся меньше {m} {}.",
            plural_ru(m, "предыдущий месяц", "предыдущих месяца", "предыдущих месяцев"),
            decimal(k, Lang::Ru),
            plural_ru(x, "обращение", "обращения", "обращений"),
            plural_ru(m, "месяца", "месяцев", "месяцев"),
        ),
        format!(
            "A spike is a month whose count of items (in total, by topic, sector, settlement, channel or topic in a settlement) exceeds the mean of the previous {m} month{} by at least {} standard deviation{} and by at least {x} item{}. Months without items count as zero; a month is not judged until the register has {m} months of history before it.",
            if m == 1 { "" } else { "s" },
            decimal(k, Lang::En),
            if k == 1.0 { "" } else { "s" },
            if x == 1 { "" } else { "s" },
        ),
    )
}

pub fn cluster_rule(rule: &ClusterRule) -> Message {
    let n = rule.items as u64;
    let d = u64::from(rule.days);
    let genitive = |n: u64, one: &'static str, many: &'static str| {
        if n % 10 == 1 && n % 100 != 11 { one } else { many }
    };
    let (within_ru, within_en) = if d == 1 {
        ("в один день".to_string(), "on the same day".to_string())
    } else {
        (
            format!("в пределах {d} {} подряд", genitive(d, "дня", "дней")),
            format!("within {d} consecutive days"),
        )
    };
    msg(
        format!(
            "Проблема — не меньше {n} {} на одну тему из одного населённого пункта, поступивших {within_ru}. Такие окна, если у них есть общие обращения, объединяются в одну карточку; обращения, не попавшие ни в одно окно, в карточку не входят.",
            genitive(n, "обращения", "обращений"),
        ),
        format!(
            "A problem is at least {n} items on one topic from one settlement received {within_en}. Such windows merge into one card when they share an item; items outside every window are not part of the card.",
        ),
    )
}

pub fn suppression_rule() -> Message {
    msg(
        "Чтобы по статистике нельзя было узнать заявителя, числа 1 и 2 в разбивках по населённым пунктам, темам и месяцам не показываются (вместо них «<3», «менее трёх»). Если такое число можно было бы вычислить из итога строки или столбца, скрываются и другие числа («—»), начиная с наименьших.",
        "So that no applicant can be recognised from the statistics, counts of 1 and 2 in breakdowns by settlement, topic and month are not shown (\"<3\", fewer than three). Where such a count could be worked out from a row or column total, other counts are hidden as well (\"—\"), the smallest first.",
    )
}

pub fn failure_kind(kind: FailureKind) -> Message {
    match kind {
        FailureKind::Returned => msg("возвращено на доработку", "returned for rework"),
        FailureKind::Reopened => {
            msg("переоткрыто по несогласию заявителя", "reopened after the citizen's dispute")
        }
        FailureKind::LowRating => msg("оценка 1–2", "rating 1–2"),
        FailureKind::Disagreement => msg("заявитель не согласен", "the citizen disagrees"),
    }
}

pub fn no_reason() -> Message {
    msg("причина не указана", "no reason recorded")
}

/// The header of the ССТУ.РФ CSV, column by column.
pub fn sstu_header() -> Vec<Message> {
    vec![
        msg("Месяц", "Month"),
        msg("Код темы по классификатору", "Classifier code"),
        msg("Всего вопросов", "Questions"),
        msg("Разъяснено", "Explained"),
        msg("Поддержано", "Supported"),
        msg("в том числе: меры приняты", "of which measures taken"),
        msg("Не поддержано", "Not supported"),
        msg("Дан ответ автору", "Answered to the author"),
        msg("Оставлено без ответа", "Left without an answer"),
        msg("Направлено по компетенции", "Forwarded to the competent body"),
        msg("На рассмотрении", "Under consideration"),
        msg("Рассмотрено с нарушением срока", "Considered late"),
    ]
}

pub fn sstu_total() -> Message {
    msg("Итого", "Total")
}

pub fn sstu_mapping() -> Message {
    msg(
        "Отчёт ССТУ.РФ учитывает обращения по 59-ФЗ, поступившие в месяце, в их состоянии на дату формирования: «разъяснено», «поддержано» (в том числе «меры приняты»), «не поддержано», «дан ответ автору» — по результату ответа; «направлено по компетенции» и «оставлено без ответа» — по статусу; остальные — «на рассмотрении». Ответ без указанного результата считается «дан ответ автору».",
        "The ССТУ.РФ report counts the 59-FZ appeals received in the month, in their state on the day it is built: explained, supported (including measures taken), not supported and answered to the author by the answer's result; forwarded and left without an answer by status; all others under consideration. An answer without a recorded result counts as answered to the author.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_plurals() {
        let f = |n| plural_ru(n, "обращение", "обращения", "обращений");
        assert_eq!(
            [f(1), f(2), f(5), f(11), f(14), f(21), f(22), f(25), f(111)],
            [
                "обращение",
                "обращения",
                "обращений",
                "обращений",
                "обращений",
                "обращение",
                "обращения",
                "обращений",
                "обращений"
            ]
        );
        assert_eq!(items_change(14).get(Lang::Ru), "+14 обращений");
        assert_eq!(items_change(-1).get(Lang::Ru), "−1 обращение");
        assert_eq!(items_change(1).get(Lang::En), "+1 item");
    }

    #[test]
    fn numbers_in_each_language() {
        assert_eq!(decimal(0.5, Lang::Ru), "0,5");
        assert_eq!(decimal(0.25, Lang::En), "0.25");
        assert_eq!(decimal(1.0, Lang::Ru), "1");
        assert_eq!(decimal(10.0, Lang::Ru), "10");
        assert_eq!(percent(0.6, Lang::Ru), "60\u{a0}%");
        assert_eq!(percent(0.835, Lang::En), "84%");
    }

    #[test]
    fn the_header_has_twelve_columns_in_both_languages() {
        let h = sstu_header();
        assert_eq!(h.len(), 12);
        assert!(h.iter().all(|m| !m.get(Lang::Ru).is_empty() && !m.get(Lang::En).is_empty()));
    }
}

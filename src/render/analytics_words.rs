//! The analytics pages' part of the interface catalogue (`words::ui` merges it in), kept
//! apart so that the pages can grow without touching the shared table.

/// `(key, ru, en)`; keys start with `an_` and are unique (a test checks).
pub const UI: &[(&str, &str, &str)] = &[
    ("an_report_title", "Отчёт для главы", "Report for the head"),
    ("an_report_period", "Период:", "Period:"),
    ("an_report_totals", "Итоги", "Totals"),
    ("an_report_totals_caption", "Итоги периода", "Totals of the period"),
    ("an_report_median", "Медиана срока ответа, рабочих дней", "Median answer time, working days"),
    ("an_report_avg_rating", "Средняя оценка заявителей", "Average citizens' rating"),
    ("an_report_growth", "Рост и проблемы", "Growth and problems"),
    // The totals row counts the period's own items; the table lists every overdue item,
    // whatever its period, because the head acts on all of them. Both say so.
    (
        "an_report_overdue",
        "Просрочены на {date} — все периоды",
        "Overdue as of {date} — all periods",
    ),
    (
        "an_report_overdue_now",
        "Просрочено сейчас из поступивших в периоде",
        "Overdue now, of the period's items",
    ),
    ("an_report_advice", "Рекомендации", "Recommendations"),
    (
        "an_advice_late",
        "«{title}»: ответы в срок — {share}, просрочено сейчас — {overdue}; проверить загрузку исполнителей и контроль сроков.",
        "\"{title}\": {share} answered on time, {overdue} overdue now; review the assignees' load and deadline control.",
    ),
    (
        "an_advice_rating",
        "«{title}»: средняя оценка {rating} — разобрать ответы с низкими оценками.",
        "\"{title}\": average rating {rating} — review the answers rated low.",
    ),
    (
        "an_advice_growth",
        "Растёт число обращений: {what} (+{delta}); найти общую причину и ответить одним решением.",
        "Growing: {what} (+{delta}); find the common cause and answer with one decision.",
    ),
    (
        "an_advice_cluster",
        "Проблема «{topic}» (населённый пункт {settlement}): обращений — {items}, открыто — {open}; назначить ответственного за решение.",
        "Problem \"{topic}\" in {settlement}: items — {items}, open — {open}; name one person responsible.",
    ),
    ("an_advice_none", "Отклонений не найдено.", "Nothing needs attention."),
    ("an_all_items", "все обращения", "all items"),
    ("an_answered", "Дан ответ", "Answered"),
    ("an_assignee", "Исполнитель", "Assignee"),
    ("an_assignees", "Рейтинг исполнителей", "Assignee ratings"),
    ("an_avg_rating", "Средняя оценка", "Average rating"),
    ("an_agree", "Согласны", "Agree"),
    ("an_baseline", "в среднем прежде", "baseline mean"),
    ("an_by_month", "По месяцам", "By month"),
    ("an_by_sector", "По отраслевым блокам", "By sector"),
    ("an_changes", "Изменения по разрезам", "Changes by dimension"),
    (
        "an_clusters",
        "Проблемы: несколько обращений об одном",
        "Problems: several items on one matter",
    ),
    ("an_contributors", "Что дало рост", "What drove the growth"),
    ("an_date", "Дата", "Date"),
    ("an_dates", "Сроки", "Dates"),
    ("an_decision", "Решение администрации", "The administration's decision"),
    ("an_disagree", "Не согласны", "Disagree"),
    ("an_discussion", "Общественное обсуждение", "Public discussion"),
    ("an_discussions_title", "Голосования и обсуждения", "Votes and public discussions"),
    ("an_failures_title", "Сбои коммуникации", "Communication failures"),
    ("an_formula", "Как считается балл", "How the score is computed"),
    ("an_growth_compare", "Обращений за", "Items in"),
    ("an_growth_title", "Рост обращений и его причины", "Growth in appeals and its causes"),
    ("an_in_settlement", "{what} (населённый пункт {settlement})", "{what} in {settlement}"),
    ("an_item", "Обращение", "Item"),
    ("an_items", "Обращений", "Items"),
    ("an_kind", "Вид", "Kind"),
    ("an_low_ratings", "Оценки 1–2", "Ratings 1–2"),
    ("an_median", "Медиана срока, раб. дн.", "Median time, working days"),
    ("an_mom", "К прошлому месяцу", "Month over month"),
    ("an_nav", "Разделы аналитики", "Analytics sections"),
    ("an_none", "Нет.", "None."),
    ("an_not_ranked", "мало обращений — без места", "too few items — not ranked"),
    ("an_notes", "Заметки", "Notes"),
    ("an_on_time", "Доля в срок", "On-time share"),
    ("an_open", "Открыто", "Open"),
    ("an_option", "Вариант", "Option"),
    ("an_options", "Итоги голосования", "Results of the vote"),
    ("an_outcome", "Итог", "Outcome"),
    ("an_overdue", "Просрочено сейчас", "Overdue now"),
    ("an_p90", "90-й процентиль, раб. дн.", "90th percentile, working days"),
    ("an_participants", "Участников", "Participants"),
    (
        "an_period_note",
        "Период: текущий год по сегодняшний день —",
        "Period: the current year to date —",
    ),
    ("an_question", "Вопрос", "Question"),
    ("an_r1", "Оценка 1", "Rating 1"),
    ("an_r2", "Оценка 2", "Rating 2"),
    ("an_r3", "Оценка 3", "Rating 3"),
    ("an_r4", "Оценка 4", "Rating 4"),
    ("an_r5", "Оценка 5", "Rating 5"),
    ("an_rank", "Место", "Rank"),
    ("an_rating", "Оценка", "Rating"),
    ("an_ratings_title", "Рейтинг работы с обращениями", "Ratings of the work on appeals"),
    ("an_reason", "Причина", "Reason"),
    ("an_received", "Поступило", "Received"),
    ("an_reopened", "Переоткрыто", "Reopened"),
    ("an_reopened_share", "Доля переоткрытых", "Share reopened"),
    ("an_returned", "Возвращено на доработку", "Returned for rework"),
    ("an_running", "идёт", "running"),
    ("an_satisfaction_title", "Удовлетворённость заявителей", "Citizens' satisfaction"),
    ("an_score", "Балл (0–100)", "Score (0–100)"),
    ("an_sector", "Отраслевой блок", "Sector"),
    ("an_sectors", "Рейтинг отраслевых блоков", "Sector ratings"),
    ("an_settlement", "Населённый пункт", "Settlement"),
    ("an_share_4", "Доля оценок 4–5", "Share of ratings 4–5"),
    ("an_spikes", "Всплески", "Spikes"),
    ("an_summary", "Итоги обсуждения", "Summary of opinions"),
    ("an_topic", "Тема", "Topic"),
    ("an_total", "Всего", "Total"),
    ("an_unit", "Кто", "Unit"),
    ("an_venue", "Где проходило", "Venue"),
    ("an_vote", "Голосование", "Vote"),
    ("an_votes", "Голосов", "Votes"),
    ("an_vs_previous", "К прошлому периоду", "Against the previous period"),
    ("an_vs_year", "К тому же периоду год назад", "Against the same period a year earlier"),
    ("an_yoy", "К прошлому году", "Year over year"),
];

#[cfg(test)]
mod tests {
    use super::UI;

    #[test]
    fn analytics_keys_are_unique_and_prefixed() {
        let mut keys: Vec<&str> = UI.iter().map(|(k, _, _)| *k).collect();
        assert!(keys.iter().all(|k| k.starts_with("an_")));
        keys.sort_unstable();
        let n = keys.len();
        keys.dedup();
        assert_eq!(n, keys.len());
    }
}

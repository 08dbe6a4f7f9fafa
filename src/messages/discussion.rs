//! The catalogue's texts about votes and public discussions (`discussions/`).

use super::{Message, msg};
use crate::discussion::{DiscussionKind, Venue};

pub fn bad_id(value: &str) -> Message {
    msg(
        format!(
            "id «{value}» — только строчные латинские буквы, цифры и дефисы (например, 2026-osveshchenie-ust-koksa)"
        ),
        format!(
            "id \"{value}\" may hold only lower-case latin letters, digits and dashes (e.g. 2026-osveshchenie-ust-koksa)"
        ),
    )
}

pub fn id_not_stem(id: &str, stem: &str) -> Message {
    msg(
        format!(
            "id «{id}» не совпадает с именем файла «{stem}»; переименуйте файл или исправьте id"
        ),
        format!(
            "id \"{id}\" does not match the file name \"{stem}\"; rename the file or fix the id"
        ),
    )
}

pub fn duplicate_id(id: &str, other: &str) -> Message {
    msg(
        format!("голосование или обсуждение «{id}» уже описано в {other}"),
        format!("vote or discussion \"{id}\" is already described in {other}"),
    )
}

pub fn duplicate_option(label: &str) -> Message {
    msg(
        format!("вариант «{label}» указан дважды; объедините голоса"),
        format!("option \"{label}\" is listed twice; merge its votes"),
    )
}

pub fn too_few_options() -> Message {
    msg(
        "у голосования должно быть не меньше двух вариантов в options: [{ label, votes }]",
        "a vote needs at least two options in options: [{ label, votes }]",
    )
}

pub fn votes_exceed_participants(votes: u64, participants: u32) -> Message {
    msg(
        format!(
            "голосов в options {votes}, а участников (participants) только {participants}: у каждого участника один голос; проверьте числа"
        ),
        format!(
            "the options hold {votes} votes but there were only {participants} participants: each participant has one vote; check the numbers"
        ),
    )
}

pub fn summary_missing() -> Message {
    msg(
        "обсуждение завершено, но итог мнений (summary) не записан",
        "the discussion is over but the summary of opinions (summary) is missing",
    )
}

pub fn decision_missing(kind: &str) -> Message {
    let (ru, en) = if kind == "vote" {
        ("голосование завершено", "the vote is over")
    } else {
        ("обсуждение завершено", "the discussion is over")
    };
    msg(
        format!("{ru}, но решение администрации (decision) не записано"),
        format!("{en} but the administration's decision (decision) is missing"),
    )
}

pub fn kind(k: DiscussionKind) -> Message {
    match k {
        DiscussionKind::Vote => msg("Голосование", "Vote"),
        DiscussionKind::Discussion => msg("Общественное обсуждение", "Public discussion"),
    }
}

/// Where a vote or discussion took place, as a label on its page.
pub fn venue(v: Venue) -> Message {
    match v {
        Venue::Pos => msg(
            "Платформа обратной связи Госуслуг («Решаем вместе»)",
            "Gosuslugi feedback platform (\"Решаем вместе\")",
        ),
        Venue::Website => msg("Сайт администрации", "Administration website"),
        Venue::SocialNetwork => msg("Социальная сеть", "Social network"),
        Venue::Messenger => msg("Мессенджер", "Messenger"),
        Venue::Meeting => msg("Сход граждан", "Residents' meeting"),
        Venue::PublicHearing => msg("Публичные слушания", "Public hearings"),
        Venue::Paper => msg("Опросные листы", "Paper questionnaires"),
    }
}

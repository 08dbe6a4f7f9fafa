//! Votes and public discussions (голосования и общественные обсуждения): the feedback the
//! founding decree counts besides appeals. One Markdown file per vote or discussion in
//! `discussions/`, read as strictly as appeals and sectors.
//!
//! ```yaml
//! ---
//! id: 2026-osveshchenie-ust-koksa      # lower-case latin, digits, dashes; = file stem
//! kind: vote                           # vote | discussion
//! title: "Какую улицу осветить первой"
//! question: "Какую улицу Усть-Коксы оборудовать освещением в 2026 году?"   # optional
//! opened: 2026-02-02
//! closed: 2026-02-20                   # optional while it runs
//! channel: pos                         # pos | website | social_network | messenger |
//!                                      # meeting | public_hearing | paper
//! sector: landscaping
//! topic: "0003.0009.0097.0690"         # optional classifier code within the sector
//! locality: Усть-Кокса                 # optional settlement
//! options:                             # votes: at least two
//!   - { label: "ул. Школьная", votes: 212 }
//! participants: 480                    # optional: how many took part
//! summary: "…"                         # discussions: what people said
//! outcome: "…"                         # the result in one line
//! decision: "…"                        # what the administration decided
//! public: true                         # default true
//! ---
//! Background, materials, minutes (Markdown, shown on the public page when public).
//! ```
//!
//! Reading checks each file alone; [`check_discussions`] checks references to sectors,
//! topics and settlements, duplicate ids, dates against today and missing decisions.

use crate::diagnostic::Diagnostic;
use crate::fields::{Choice, FieldReader, choice};
use crate::front_matter::{Checked, Located, Pos, field_set};
use crate::load::Repository;
use crate::messages::{self, discussion as text};
use crate::sector;
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};

/// Most votes one option may record; more is a typo.
pub const MAX_VOTES: u32 = 10_000_000;

choice!(
    /// A vote with counted options, or a discussion with a summary of opinions.
    DiscussionKind {
        /// Голосование: options with counts.
        Vote = "vote",
        /// Общественное обсуждение: a summary of opinions.
        Discussion = "discussion",
    }
);

choice!(
    /// Where the vote or discussion took place.
    Venue {
        /// The Gosuslugi platform «Решаем вместе» (ПОС).
        Pos = "pos",
        /// The administration's website.
        Website = "website",
        /// A social network (a poll or a post with comments).
        SocialNetwork = "social_network",
        /// A messenger chat or channel.
        Messenger = "messenger",
        /// A meeting of residents (сход граждан).
        Meeting = "meeting",
        /// Public hearings (публичные слушания).
        PublicHearing = "public_hearing",
        /// Paper questionnaires.
        Paper = "paper",
    }
);

/// One option of a vote.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct VoteOption {
    /// What people chose.
    pub label: String,
    /// How many chose it.
    pub votes: u32,
}

/// A vote or a public discussion.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Discussion {
    /// Short id, equal to the file stem.
    pub id: String,
    /// Repository-relative path.
    pub file: String,
    /// Vote or discussion.
    pub kind: DiscussionKind,
    /// Title for lists.
    pub title: String,
    /// The question put to residents.
    pub question: Option<String>,
    /// First day.
    pub opened: NaiveDate,
    /// Last day, once known.
    pub closed: Option<NaiveDate>,
    /// Where it took place.
    pub channel: Venue,
    /// Sector id.
    pub sector: String,
    /// Classifier code.
    pub topic: Option<String>,
    /// Settlement it concerns.
    pub locality: Option<String>,
    /// Options with their votes (votes only).
    pub options: Vec<VoteOption>,
    /// How many people took part.
    pub participants: Option<u32>,
    /// What people said (discussions).
    pub summary: Option<String>,
    /// The result in one line.
    pub outcome: Option<String>,
    /// What the administration decided.
    pub decision: Option<String>,
    /// Whether it has a public page.
    pub public: bool,
    /// Markdown body.
    pub body: String,
    /// Where each field was written.
    #[serde(skip)]
    pub places: BTreeMap<&'static str, Pos>,
}

impl Discussion {
    /// Where `field` was written, or the top of the file.
    pub fn place(&self, field: &str) -> Pos {
        self.places.get(field).copied().unwrap_or(Pos::TOP)
    }

    /// Votes cast for all options.
    pub fn total_votes(&self) -> u64 {
        self.options.iter().map(|o| u64::from(o.votes)).sum()
    }

    /// The options with the most votes (several on a tie), in file order; none when no
    /// votes were cast.
    pub fn leading(&self) -> Vec<&VoteOption> {
        let best = self.options.iter().map(|o| o.votes).max().unwrap_or(0);
        if best == 0 {
            return Vec::new();
        }
        self.options.iter().filter(|o| o.votes == best).collect()
    }

    /// Whether it ran on any day from `first` to `last`.
    pub fn runs_within(&self, first: NaiveDate, last: NaiveDate) -> bool {
        self.opened <= last && self.closed.is_none_or(|c| c >= first)
    }
}

/// Whether `id` is lower-case latin letters, digits and single inner dashes.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
}

field_set!(
    /// The front matter of a discussion file, as written.
    RawDiscussion {
        id: String,
        kind: String,
        title: String,
        question: String,
        opened: String,
        closed: String,
        channel: String,
        sector: String,
        topic: String,
        locality: String,
        options: Vec<Located<Checked<RawOption>>>,
        participants: String,
        summary: String,
        outcome: String,
        decision: String,
        public: String,
    }
);

field_set!(
    /// One option as written.
    RawOption { label: String, votes: String }
);

/// Reads a discussion file. `stem` is the file name without `.md`.
///
/// Returns the discussion when its id, kind, title, dates, channel and sector could be
/// read, and every problem found either way.
pub fn read(text: &str, file: &str, stem: &str) -> (Option<Discussion>, Vec<Diagnostic>) {
    let mut r = FieldReader::new(file, chrono_tz::UTC);
    let Some((raw, body)) = r.front_matter::<Checked<RawDiscussion>>(text) else {
        return (None, r.diagnostics);
    };
    let d = build(&mut r, raw, file, stem, body);
    (d, r.diagnostics)
}

fn build(
    r: &mut FieldReader,
    raw: Checked<RawDiscussion>,
    file: &str,
    stem: &str,
    body: &str,
) -> Option<Discussion> {
    r.unknown_fields(&raw);
    let f = raw.fields;
    let places = record_places(&f);

    let id = r.required_text(f.id, "id", Pos::TOP);
    if let Some(id) = &id {
        if !is_valid_id(&id.value) {
            r.error("invalid-id", id.at, text::bad_id(&id.value));
        } else if id.value != stem {
            r.error("id-mismatch", id.at, text::id_not_stem(&id.value, stem));
        }
    }
    let kind_field = r.required(f.kind, "kind", Pos::TOP);
    let kind = r.choice::<DiscussionKind>(kind_field.as_ref(), "kind");
    let title = r.required_text(f.title, "title", Pos::TOP);
    let opened_field = r.required(f.opened, "opened", Pos::TOP);
    let opened = r.date(opened_field.as_ref(), "opened");
    let closed = r.date(f.closed.as_ref(), "closed");
    if let (Some(o), Some(c), Some(at)) = (opened, closed, f.closed.as_ref().map(|x| x.at))
        && c < o
    {
        r.error("date-order", at, messages::date_order("opened", "closed"));
    }
    let channel_field = r.required(f.channel, "channel", Pos::TOP);
    let channel = r.choice::<Venue>(channel_field.as_ref(), "channel");
    let sector = r.required_text(f.sector, "sector", Pos::TOP);
    let topic = r.text(f.topic);
    if let Some(t) = &topic
        && !sector::is_topic_code(&t.value)
    {
        r.error("invalid-topic", t.at, messages::bad_topic_code(&t.value));
    }
    let options = read_options(r, kind, f.options);
    let participants =
        r.number(f.participants.as_ref(), "participants", 0, MAX_VOTES.saturating_mul(10));
    if let (Some(people), Some(at)) = (participants, f.participants.as_ref().map(|x| x.at)) {
        check_votes_within_participants(r, &options, people, at);
    }
    let public = r.flag(f.public.as_ref(), "public").unwrap_or(true);

    Some(Discussion {
        id: id?.value,
        file: file.to_string(),
        kind: kind?,
        title: title?.value,
        question: r.text(f.question).map(|x| x.value),
        opened: opened?,
        closed,
        channel: channel?,
        sector: sector?.value,
        topic: topic.map(|t| t.value),
        locality: r.text(f.locality).map(|x| x.value),
        options,
        participants,
        summary: r.text(f.summary).map(|x| x.value),
        outcome: r.text(f.outcome).map(|x| x.value),
        decision: r.text(f.decision).map(|x| x.value),
        public,
        body: body.to_string(),
        places,
    })
}

fn record_places(f: &RawDiscussion) -> BTreeMap<&'static str, Pos> {
    let fields = [
        ("id", f.id.as_ref().map(|x| x.at)),
        ("kind", f.kind.as_ref().map(|x| x.at)),
        ("opened", f.opened.as_ref().map(|x| x.at)),
        ("closed", f.closed.as_ref().map(|x| x.at)),
        ("sector", f.sector.as_ref().map(|x| x.at)),
        ("topic", f.topic.as_ref().map(|x| x.at)),
        ("locality", f.locality.as_ref().map(|x| x.at)),
        ("options", f.options.as_ref().map(|x| x.at)),
        ("participants", f.participants.as_ref().map(|x| x.at)),
        ("summary", f.summary.as_ref().map(|x| x.at)),
        ("decision", f.decision.as_ref().map(|x| x.at)),
    ];
    fields.into_iter().filter_map(|(name, at)| at.map(|at| (name, at))).collect()
}

/// Reads the options: a vote needs at least two with distinct labels; a discussion has
/// none.
fn read_options(
    r: &mut FieldReader,
    kind: Option<DiscussionKind>,
    list: Option<Located<Vec<Located<Checked<RawOption>>>>>,
) -> Vec<VoteOption> {
    let at = list.as_ref().map(|l| l.at);
    let mut out: Vec<VoteOption> = Vec::new();
    for entry in list.map(|l| l.value).unwrap_or_default() {
        r.unknown_fields(&entry.value);
        let f = entry.value.fields;
        let label = r.required_text(f.label, "options.label", entry.at);
        let votes = r.required(f.votes, "options.votes", entry.at);
        let votes = r.number(votes.as_ref(), "options.votes", 0, MAX_VOTES);
        let Some(label) = label else { continue };
        if out.iter().any(|o| o.label == label.value) {
            r.error("duplicate-option", label.at, text::duplicate_option(&label.value));
        }
        out.push(VoteOption { label: label.value, votes: votes.unwrap_or(0) });
    }
    match (kind, at) {
        (Some(DiscussionKind::Discussion), Some(at)) => {
            r.error("not-for-kind", at, messages::not_for_kind("options", "discussion"));
        }
        (Some(DiscussionKind::Vote), _) if out.len() < 2 => {
            r.error("too-few-options", at.unwrap_or(Pos::TOP), text::too_few_options());
        }
        _ => {}
    }
    out
}

/// Each participant casts one vote, so the votes of all options cannot add up to more
/// than the participants; more means a typo in one of the numbers.
fn check_votes_within_participants(
    r: &mut FieldReader,
    options: &[VoteOption],
    participants: u32,
    at: Pos,
) {
    let votes: u64 = options.iter().map(|o| u64::from(o.votes)).sum();
    if votes > u64::from(participants) {
        r.error(
            "votes-exceed-participants",
            at,
            text::votes_exceed_participants(votes, participants),
        );
    }
}

/// Checks the discussions against the rest of the repository and against `today`:
/// duplicate ids, unknown sectors and settlements, topics outside the sector, dates in
/// the future, and finished discussions without a summary or a decision.
pub fn check_discussions(repo: &Repository, today: NaiveDate) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut seen: HashMap<&str, &str> = HashMap::new();
    for d in &repo.discussions {
        if let Some(other) = seen.insert(&d.id, &d.file) {
            let m = text::duplicate_id(&d.id, other);
            out.push(Diagnostic::error("duplicate-id", &d.file, Some(d.place("id")), m));
        }
        check_references(repo, d, &mut out);
        check_against_today(d, today, &mut out);
    }
    out
}

fn check_references(repo: &Repository, d: &Discussion, out: &mut Vec<Diagnostic>) {
    let mut err = |code, field: &str, m| {
        out.push(Diagnostic::error(code, &d.file, Some(d.place(field)), m));
    };
    let sector = repo.sector(&d.sector);
    match (sector, &d.topic) {
        (None, _) => {
            let hint = messages::suggest(&d.sector, repo.sectors.iter().map(|s| s.id.as_str()));
            let m = messages::unknown_reference("отраслевой блок", "sector", &d.sector, hint);
            err("unknown-sector", "sector", m);
        }
        (Some(s), Some(topic)) if sector::is_topic_code(topic) && !s.handles(topic) => {
            err("topic-not-in-sector", "topic", messages::topic_not_in_sector(topic, &s.id));
        }
        _ => {}
    }
    let settlements = &repo.config.settlements;
    if let Some(place) = &d.locality
        && !settlements.is_empty()
        && !settlements.contains(place)
    {
        let hint = messages::suggest(place, settlements.iter().map(String::as_str));
        let m = messages::unknown_reference("населённый пункт", "settlement", place, hint);
        err("unknown-locality", "locality", m);
    }
}

fn check_against_today(d: &Discussion, today: NaiveDate, out: &mut Vec<Diagnostic>) {
    if d.opened > today {
        let m = messages::in_future("opened", &today.format("%Y-%m-%d").to_string());
        out.push(Diagnostic::error("future-date", &d.file, Some(d.place("opened")), m));
    }
    // A discussion still running, or closing today, owes no summary or decision yet.
    if d.closed.is_none_or(|c| c >= today) {
        return;
    }
    if d.kind == DiscussionKind::Discussion && d.summary.is_none() {
        let m = text::summary_missing();
        out.push(Diagnostic::warning("summary-missing", &d.file, Some(d.place("closed")), m));
    }
    if d.decision.is_none() {
        let m = text::decision_missing(d.kind.name());
        out.push(Diagnostic::warning("decision-missing", &d.file, Some(d.place("closed")), m));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::Lang;

    const VOTE: &str = "---\nid: 2026-svet\nkind: vote\ntitle: Освещение\nopened: 2026-02-02\n\
        closed: 2026-02-20\nchannel: pos\nsector: landscaping\ntopic: \"0003.0009.0097.0690\"\n\
        locality: Усть-Кокса\noptions:\n  - { label: Школьная, votes: 212 }\n  \
        - { label: Набережная, votes: 140 }\n  - { label: Зелёная, votes: 212 }\n\
        decision: Начать со Школьной\n---\nИтоги голосования.\n";

    fn read_ok(text: &str, stem: &str) -> Discussion {
        let (d, diags) = read(text, &format!("discussions/{stem}.md"), stem);
        assert!(diags.is_empty(), "{diags:?}");
        d.unwrap()
    }

    #[test]
    fn a_vote_reads_with_its_options() {
        let d = read_ok(VOTE, "2026-svet");
        assert_eq!(d.kind, DiscussionKind::Vote);
        assert_eq!(d.channel, Venue::Pos);
        assert_eq!(d.options.len(), 3);
        assert_eq!(d.total_votes(), 564); // 212 + 140 + 212
        let leading: Vec<_> = d.leading().iter().map(|o| o.label.as_str()).collect();
        assert_eq!(leading, ["Школьная", "Зелёная"]);
        assert!(d.public);
        assert_eq!(d.body, "Итоги голосования.\n");
        assert_eq!(d.place("options").line, 12); // a block list is placed at its first entry
    }

    #[test]
    fn typos_and_bad_values_are_reported_at_their_lines() {
        let text = VOTE
            .replace("decision:", "desicion:")
            .replace("closed: 2026-02-20", "closed: 2026-01-20")
            .replace("channel: pos", "channel: vk")
            .replace("votes: 140", "votes: many");
        let (_, d) = read(&text, "discussions/2026-svet.md", "2026-svet");
        let got: Vec<_> = d.iter().map(|d| (d.code, d.at.unwrap().line)).collect();
        assert_eq!(
            got,
            [("unknown-field", 15), ("date-order", 6), ("invalid-value", 7), ("invalid-value", 13)]
        );
        assert_eq!(
            d[0].message.get(Lang::Ru),
            "неизвестное поле «desicion» — может быть, «decision»?"
        );
    }

    #[test]
    fn a_vote_needs_two_options_and_a_discussion_none() {
        let one = VOTE.replace(
            "  - { label: Набережная, votes: 140 }\n  - { label: Зелёная, votes: 212 }\n",
            "",
        );
        let (_, d) = read(&one, "discussions/2026-svet.md", "2026-svet");
        assert_eq!(d.iter().map(|d| d.code).collect::<Vec<_>>(), ["too-few-options"]);
        let talk = VOTE.replace("kind: vote", "kind: discussion");
        let (_, d) = read(&talk, "discussions/2026-svet.md", "2026-svet");
        assert_eq!(
            d.iter().map(|d| (d.code, d.at.unwrap().line)).collect::<Vec<_>>(),
            [("not-for-kind", 12)]
        );
        let twice = VOTE.replace("Зелёная", "Школьная");
        let (_, d) = read(&twice, "discussions/2026-svet.md", "2026-svet");
        assert_eq!(
            d.iter().map(|d| (d.code, d.at.unwrap().line)).collect::<Vec<_>>(),
            [("duplicate-option", 14)]
        );
    }

    #[test]
    fn votes_cannot_outnumber_the_participants() {
        let many = VOTE.replace("decision:", "participants: 5\ndecision:");
        let (_, d) = read(&many, "discussions/2026-svet.md", "2026-svet");
        let got: Vec<_> = d.iter().map(|d| (d.code, d.at.unwrap().line)).collect();
        assert_eq!(got, [("votes-exceed-participants", 15)]);
        assert_eq!(
            d[0].message.get(Lang::Ru),
            "голосов в options 564, а участников (participants) только 5: у каждого участника один голос; проверьте числа"
        );
        let enough = VOTE.replace("decision:", "participants: 564\ndecision:");
        read_ok(&enough, "2026-svet");
    }

    #[test]
    fn the_id_is_a_slug_equal_to_the_file_name() {
        assert!(is_valid_id("2026-svet-ust-koksa"));
        for bad in ["", "Svet", "svet_2026", "-svet", "svet-", "svet--2026", "свет"] {
            assert!(!is_valid_id(bad), "{bad}");
        }
        let (_, d) = read(VOTE, "discussions/other.md", "other");
        assert_eq!(d[0].code, "id-mismatch");
        assert_eq!(d[0].at.unwrap().line, 2);
    }

    /// A repository with three sectors, four settlements and the given discussions.
    fn repo(discussions: Vec<Discussion>) -> Repository {
        let config = "municipality:\n  name: Т\n  time_zone: Asia/Barnaul\n  \
            settlements: [Усть-Кокса, Катанда, Тюнгур, Мульта]\n\
            roles: { curator: a, head: a, coordinator: a }\nstaff:\n  - { id: a, name: А }\n";
        let (config, _) = crate::config::read(config).unwrap();
        let sectors = [
            ("landscaping", "0003.0009.0097"),
            ("roads", "0003.0009.0099"),
            ("zhkh", "0005.0005.0056"),
        ]
        .map(|(id, topic)| {
            let text = format!("---\nid: {id}\ntitle: {id}\nlead: a\ntopics: [\"{topic}\"]\n---\n");
            sector::read(&text, &format!("sectors/{id}.md"), id).0.unwrap()
        });
        Repository {
            root: std::path::PathBuf::new(),
            config,
            sectors: sectors.to_vec(),
            appeals: Vec::new(),
            discussions,
            diagnostics: Vec::new(),
        }
    }

    fn today() -> NaiveDate {
        crate::dates::parse_date("2026-12-04").unwrap()
    }

    #[test]
    fn the_sample_discussions_are_clean() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(crate::load::DISCUSSIONS);
        let mut found = Vec::new();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path).unwrap();
            found.push(read_ok(&text, &stem));
        }
        assert_eq!(found.len(), 4);
        let known = ["zhkh", "roads", "education", "health", "social", "landscaping", "culture"];
        assert!(found.iter().all(|d| known.contains(&d.sector.as_str())));
        assert_eq!(found.iter().filter(|d| d.kind == DiscussionKind::Vote).count(), 2);
        for d in found.iter().filter(|d| d.kind == DiscussionKind::Vote) {
            assert_eq!(d.participants, Some(d.total_votes() as u32), "{}", d.id);
        }
        let diags = check_discussions(&repo(found), today());
        assert!(diags.is_empty(), "{diags:?}");
    }

    #[test]
    fn references_are_checked_with_hints() {
        let d = read_ok(VOTE, "2026-svet");
        let wrong_sector = Discussion { sector: "landscapeing".into(), ..d.clone() };
        let wrong_topic = Discussion { sector: "roads".into(), ..d.clone() };
        let wrong_place = Discussion { locality: Some("Усть-Коска".into()), ..d.clone() };
        let twice = Discussion { file: "discussions/2026/2026-svet.md".into(), ..d.clone() };
        let diags = check_discussions(
            &repo(vec![d, wrong_sector, wrong_topic, wrong_place, twice]),
            today(),
        );
        let got: Vec<_> = diags.iter().map(|d| (d.code, d.at.unwrap().line)).collect();
        assert_eq!(
            got,
            [
                ("duplicate-id", 2),
                ("unknown-sector", 8),
                ("duplicate-id", 2),
                ("topic-not-in-sector", 9),
                ("duplicate-id", 2),
                ("unknown-locality", 10),
                ("duplicate-id", 2),
            ]
        );
        assert_eq!(
            diags[1].message.get(Lang::Ru),
            "неизвестный отраслевой блок «landscapeing» — может быть, «landscaping»?"
        );
        assert!(diags[5].message.get(Lang::En).contains("did you mean \"Усть-Кокса\""));
    }

    #[test]
    fn finished_discussions_owe_a_summary_and_a_decision() {
        let vote = read_ok(VOTE, "2026-svet");
        let undecided = Discussion { decision: None, ..vote.clone() };
        let talk = Discussion {
            kind: DiscussionKind::Discussion,
            options: Vec::new(),
            decision: None,
            id: "2026-talk".into(),
            ..vote.clone()
        };
        let running = Discussion { closed: Some(today()), id: "2026-run".into(), ..talk.clone() };
        let future = Discussion {
            opened: today().succ_opt().unwrap(),
            closed: None,
            id: "2026-future".into(),
            ..vote
        };
        let diags = check_discussions(&repo(vec![undecided, talk, running, future]), today());
        let got: Vec<_> = diags.iter().map(|d| (d.code, d.severity)).collect();
        use crate::diagnostic::Severity::{Error, Warning};
        assert_eq!(
            got,
            [
                ("decision-missing", Warning),
                ("summary-missing", Warning),
                ("decision-missing", Warning),
                ("future-date", Error),
            ]
        );
        assert_eq!(
            diags[1].message.get(Lang::Ru),
            "обсуждение завершено, но итог мнений (summary) не записан"
        );
    }

    #[test]
    fn running_within_a_range() {
        let d = read_ok(VOTE, "2026-svet");
        let day = |s| crate::dates::parse_date(s).unwrap();
        assert!(d.runs_within(day("2026-02-20"), day("2026-02-28")));
        assert!(!d.runs_within(day("2026-02-21"), day("2026-02-28")));
        assert!(!d.runs_within(day("2026-01-01"), day("2026-02-01")));
        let open = Discussion { closed: None, ..d };
        assert!(open.runs_within(day("2027-01-01"), day("2027-01-31")));
    }
}

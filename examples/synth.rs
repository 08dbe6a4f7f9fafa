//! Writes a synthetic but valid municipality repository for benchmarks and demos.
//!
//! `cargo run --release --example synth -- --out DIR --count N [--seed S]` creates
//! `DIR/otklik.yaml` (Ust-Koksa district, its settlements, roles and fictional staff),
//! seven sectors in `DIR/sectors/` and `N` appeals spread evenly over 2025–2026 in
//! `DIR/appeals/<year>/<id>.md`. Every name, address and text is invented.
//!
//! The output depends only on `N` and the seed: each appeal draws from its own random
//! stream, so the files are the same however rayon schedules them. The data is shaped to
//! pass `otklik check` as of [`AS_OF`]: ids equal stems, assignees belong to their sector,
//! topics lie under the sector's codes, dates run received ≤ registered ≤ answered, and
//! forwarded or unanswered items carry a reason. Sizes follow a log-normal law around
//! 800 bytes of body text, clamped to 300–3000 bytes, so that the files weigh what real
//! ones do.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use clap::Parser;
use rayon::prelude::*;
use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// Writes a synthetic municipality repository (otklik.yaml, sectors/, appeals/).
#[derive(Parser)]
struct Args {
    /// Folder to create the repository in; it must not hold one already.
    #[arg(long)]
    out: PathBuf,
    /// How many appeals to write.
    #[arg(long)]
    count: usize,
    /// Seed of the random streams; the same seed gives the same files.
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let started = Instant::now();
    match write_repository(&args) {
        Ok(bytes) => {
            let secs = started.elapsed().as_secs_f64();
            let mb = bytes as f64 / 1e6;
            eprintln!("synth: {} appeals, {mb:.1} MB, in {secs:.2} s", args.count);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("synth: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Writes everything and returns the bytes of appeal files written.
fn write_repository(args: &Args) -> io::Result<u64> {
    refuse_existing(&args.out)?;
    let layout = Layout::new(args.count);
    create_dir(&args.out.join("sectors"))?;
    for year in [2025, 2026] {
        create_dir(&args.out.join("appeals").join(year.to_string()))?;
    }
    write_file(&args.out.join("otklik.yaml"), &config_text())?;
    for sector in SECTORS {
        write_file(&args.out.join(format!("sectors/{}.md", sector.id)), &sector_text(sector))?;
    }
    (0..args.count)
        .into_par_iter()
        .map(|index| {
            let mut rng = Rng::stream(args.seed, index as u64);
            let appeal = plan(&layout, index, &mut rng);
            let text = appeal_text(&appeal, &mut rng);
            let path = args.out.join(format!("appeals/{}/{}.md", appeal.year, appeal.id));
            write_file(&path, &text).map(|()| text.len() as u64)
        })
        .try_reduce(|| 0, |a, b| Ok(a + b))
}

/// Refuses to mix synthetic files into an existing repository.
fn refuse_existing(out: &Path) -> io::Result<()> {
    for name in ["otklik.yaml", "appeals", "sectors"] {
        if out.join(name).exists() {
            let msg =
                format!("{} already exists; choose an empty folder", out.join(name).display());
            return Err(io::Error::new(io::ErrorKind::AlreadyExists, msg));
        }
    }
    Ok(())
}

fn create_dir(path: &Path) -> io::Result<()> {
    std::fs::create_dir_all(path).map_err(|e| with_path(e, path))
}

fn write_file(path: &Path, text: &str) -> io::Result<()> {
    std::fs::write(path, text).map_err(|e| with_path(e, path))
}

/// Puts the path in front of an I/O error, which alone would not say which file failed.
fn with_path(e: io::Error, path: &Path) -> io::Error {
    io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

// ---------------------------------------------------------------------------------------
// Randomness
// ---------------------------------------------------------------------------------------

/// SplitMix64: tiny, fast and good enough for test data; no dependency needed.
struct Rng(u64);

impl Rng {
    /// The random stream of one appeal: independent of every other appeal's.
    fn stream(seed: u64, index: u64) -> Rng {
        let mut mixer = Rng(seed ^ 0x5EED_5EED_5EED_5EED);
        let base = mixer.next();
        let mut rng = Rng(base ^ index.wrapping_mul(0xD1B5_4A32_D192_ED03));
        rng.next();
        rng
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        let span = (hi - lo + 1).max(1) as u64;
        lo + (self.next() % span) as i64
    }

    /// A number in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[(self.next() % items.len() as u64) as usize]
    }

    /// One of `items`, drawn in proportion to its weight.
    fn weighted<T: Copy>(&mut self, items: &[(T, u32)]) -> T {
        let total: u64 = items.iter().map(|(_, w)| u64::from(*w)).sum();
        let mut roll = self.next() % total.max(1);
        for (item, w) in items {
            if roll < u64::from(*w) {
                return *item;
            }
            roll -= u64::from(*w);
        }
        items[items.len() - 1].0
    }

    /// A standard normal number (Box–Muller).
    fn normal(&mut self) -> f64 {
        let u1 = self.unit().max(1e-12);
        let u2 = self.unit();
        (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
    }
}

// ---------------------------------------------------------------------------------------
// Calendar
// ---------------------------------------------------------------------------------------

/// The day the synthetic register is "as of": nothing is answered after it. Run
/// `otklik check --today 2026-12-31` to see the states the generator intended.
const AS_OF: (i32, u32, u32) = (2026, 12, 31);
/// First day of the register.
const FIRST_DAY: (i32, u32, u32) = (2025, 1, 1);
/// Days from [`FIRST_DAY`] to [`AS_OF`], inclusive.
const SPAN_DAYS: usize = 730;

/// Weekdays that are days off, as month × 100 + day per year (production calendars
/// 2025–2027, DOMAIN.md).
const HOLIDAYS: &[(i32, &[u32])] = &[
    (2025, &[101, 102, 103, 106, 107, 108, 501, 502, 508, 509, 612, 613, 1103, 1104, 1231]),
    (2026, &[101, 102, 105, 106, 107, 108, 109, 223, 309, 501, 511, 612, 1104, 1231]),
    (2027, &[101, 104, 105, 106, 107, 108, 222, 223, 308, 503, 510, 614, 1104, 1105, 1231]),
];
/// Saturdays that are working days, in the same form.
const WORKING_SATURDAYS: &[(i32, &[u32])] = &[(2025, &[1101]), (2027, &[220])];

/// Whether `day` is listed in a table of the form above.
fn listed(table: &[(i32, &[u32])], day: NaiveDate) -> bool {
    let key = day.month() * 100 + day.day();
    table.iter().any(|(year, days)| *year == day.year() && days.contains(&key))
}

fn ymd((y, m, d): (i32, u32, u32)) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("calendar constants are real dates")
}

fn is_working_day(day: NaiveDate) -> bool {
    if listed(WORKING_SATURDAYS, day) {
        return true;
    }
    !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && !listed(HOLIDAYS, day)
}

/// The first working day on or after `day`.
fn working_on_or_after(mut day: NaiveDate) -> NaiveDate {
    while !is_working_day(day) {
        day += Duration::days(1);
    }
    day
}

/// The last working day on or before `day`.
fn working_on_or_before(mut day: NaiveDate) -> NaiveDate {
    while !is_working_day(day) {
        day -= Duration::days(1);
    }
    day
}

/// The `n`-th working day strictly after `start`.
fn add_working_days(start: NaiveDate, n: i64) -> NaiveDate {
    let mut day = start;
    for _ in 0..n {
        day = working_on_or_after(day + Duration::days(1));
    }
    day
}

fn at(day: NaiveDate, hour: i64, minute: i64) -> NaiveDateTime {
    let time = NaiveTime::from_hms_opt(hour as u32, minute as u32, 0)
        .expect("callers pass hours below 24 and minutes below 60");
    day.and_time(time)
}

/// A date, or a local date-time written with the municipality's +07:00 offset.
#[derive(Clone, Copy)]
enum Stamp {
    Day(NaiveDate),
    At(NaiveDateTime),
}

impl Stamp {
    fn day(self) -> NaiveDate {
        match self {
            Stamp::Day(d) => d,
            Stamp::At(t) => t.date(),
        }
    }

    fn text(self) -> String {
        match self {
            Stamp::Day(d) => d.to_string(),
            Stamp::At(t) => t.format("%Y-%m-%dT%H:%M:00+07:00").to_string(),
        }
    }
}

// ---------------------------------------------------------------------------------------
// Numbering
// ---------------------------------------------------------------------------------------

/// Maps an appeal's index to its day and its number within the year.
struct Layout {
    count: usize,
    /// The index of the first appeal of 2026.
    first_of_2026: usize,
    /// Digits of the number part of an id.
    width: usize,
}

impl Layout {
    fn new(count: usize) -> Layout {
        let first_of_2026 = (365 * count).div_ceil(SPAN_DAYS);
        let largest_year = first_of_2026.max(count - first_of_2026);
        let digits = largest_year.max(1).to_string().len();
        let width = if count >= 10_000 { digits.max(5) } else { digits.max(4) };
        Layout { count, first_of_2026, width }
    }

    /// Appeals are spread evenly over the two years, in id order.
    fn day(&self, index: usize) -> NaiveDate {
        let offset = index * SPAN_DAYS / self.count.max(1);
        ymd(FIRST_DAY) + Duration::days(offset as i64)
    }

    fn id(&self, index: usize) -> (i32, String) {
        let (year, number) = if index < self.first_of_2026 {
            (2025, index + 1)
        } else {
            (2026, index - self.first_of_2026 + 1)
        };
        (year, format!("{year}-{number:0width$}", width = self.width))
    }
}

// ---------------------------------------------------------------------------------------
// The municipality
// ---------------------------------------------------------------------------------------

/// Settlements of the district with a weight for how often their people write; the
/// district centre writes most.
const SETTLEMENTS: &[(&str, u32)] = &[
    ("Усть-Кокса", 30),
    ("Катанда", 6),
    ("Тюнгур", 4),
    ("Верх-Уймон", 5),
    ("Мульта", 5),
    ("Огнёвка", 4),
    ("Банное", 3),
    ("Абай", 3),
    ("Чендек", 5),
    ("Талда", 3),
    ("Тихонькая", 3),
    ("Амур", 2),
    ("Нижний Уймон", 4),
    ("Замульта", 2),
    ("Кайтанак", 2),
    ("Карагай", 2),
    ("Полеводка", 2),
    ("Гагарка", 2),
    ("Юстик", 1),
    ("Кучерла", 2),
    ("Маральник", 1),
    ("Курдюм", 1),
];

/// A fictional staff member.
struct Person {
    id: &'static str,
    name: &'static str,
    position: &'static str,
}

const fn person(id: &'static str, name: &'static str, position: &'static str) -> Person {
    Person { id, name, position }
}

const STAFF: &[Person] = &[
    person("o.smirnova", "Смирнова Ольга Петровна", "Первый заместитель главы администрации"),
    person("d.volkov", "Волков Дмитрий Сергеевич", "Управляющий делами администрации"),
    person("n.kuznetsova", "Кузнецова Наталья Викторовна", "Специалист МЦУ (ИМ и ПОС)"),
    person("e.morozova", "Морозова Елена Андреевна", "Специалист МЦУ"),
    person("a.ivanova", "Иванова Анна Михайловна", "Начальник отдела ЖКХ"),
    person("p.sidorov", "Сидоров Павел Николаевич", "Главный специалист отдела ЖКХ"),
    person("m.orlova", "Орлова Марина Игоревна", "Ведущий специалист отдела ЖКХ"),
    person("s.belov", "Белов Сергей Алексеевич", "Инженер отдела ЖКХ"),
    person("v.tokarev", "Токарев Виктор Павлович", "Начальник отдела дорог и транспорта"),
    person("i.petrova", "Петрова Ирина Владимировна", "Главный специалист отдела дорог"),
    person("k.zhukov", "Жуков Константин Евгеньевич", "Инженер по дорожной деятельности"),
    person("t.romanova", "Романова Татьяна Геннадьевна", "Начальник Управления образования"),
    person("l.fedorova", "Фёдорова Людмила Сергеевна", "Методист Управления образования"),
    person("a.kozlov", "Козлов Артём Игоревич", "Специалист по подвозу обучающихся"),
    person("g.nikitina", "Никитина Галина Васильевна", "Специалист по охране здоровья"),
    person("y.sorokina", "Сорокина Юлия Олеговна", "Специалист по охране здоровья"),
    person("r.makarova", "Макарова Раиса Фёдоровна", "Начальник отдела социальной поддержки"),
    person("o.lebedeva", "Лебедева Оксана Николаевна", "Специалист по опеке и попечительству"),
    person("v.pavlova", "Павлова Вера Анатольевна", "Специалист отдела социальной поддержки"),
    person("m.kiselev", "Киселёв Михаил Юрьевич", "Начальник отдела благоустройства"),
    person("a.egorov", "Егоров Алексей Васильевич", "Специалист по благоустройству"),
    person("n.titova", "Титова Надежда Петровна", "Специалист по экологии"),
    person("i.bobrov", "Бобров Игорь Степанович", "Специалист по обращению с отходами"),
    person("e.zaitseva", "Зайцева Евгения Романовна", "Начальник Управления культуры"),
    person("d.frolov", "Фролов Денис Андреевич", "Специалист по молодёжной политике"),
];

/// Staff with a second address, as people who commit from home have.
const SECOND_EMAILS: &[(&str, &str)] =
    &[("a.ivanova", "anna.ivanova@mail.example"), ("v.tokarev", "tokarev.vp@mail.example")];

fn config_text() -> String {
    let mut s = String::with_capacity(8 * 1024);
    s.push_str(CONFIG_HEAD);
    let names: Vec<&str> = SETTLEMENTS.iter().map(|(name, _)| *name).collect();
    let _ = writeln!(s, "  settlements: [{}]", names.join(", "));
    s.push_str(CONFIG_MIDDLE);
    for p in STAFF {
        let mut emails = vec![format!("{}@ust-koksa.example", p.id)];
        emails
            .extend(SECOND_EMAILS.iter().filter(|(id, _)| *id == p.id).map(|(_, e)| e.to_string()));
        let _ = writeln!(s, "  - id: {}", p.id);
        let _ = writeln!(s, "    name: \"{}\"", p.name);
        let _ = writeln!(s, "    position: \"{}\"", p.position);
        let _ = writeln!(s, "    emails: [{}]", emails.join(", "));
    }
    s.push_str(CONFIG_TAIL);
    s
}

const CONFIG_HEAD: &str = "\
# Synthetic repository written by `cargo run --example synth`. Every person is fictional.
municipality:
  name: \"МО «Усть-Коксинский район» Республики Алтай\"
  time_zone: Asia/Barnaul
";

const CONFIG_MIDDLE: &str = "\
site:
  title: \"Обращения граждан — Усть-Коксинский район\"
  base_url: \"/\"
  language: ru
  theme: default
roles:
  curator: o.smirnova
  head: d.volkov
  coordinator: n.kuznetsova
staff:
";

const CONFIG_TAIL: &str = "\
deadlines:
  appeal: { register: 3 calendar days, forward: 7 calendar days, answer: 30 calendar days,
            extension_max: 30 calendar days }
  message: { answer: 10 working days }
  incident: { first_response: 8 working hours, urgent_first_response: 4 hours,
              answer: 7 working days }
  due_soon: 3 working days
  end_on_day_off: next
calendar:
  office_hours: [\"09:00-13:00\", \"14:00-18:00\"]
  extra_days_off: []
  extra_working_days: []
";

// ---------------------------------------------------------------------------------------
// Sectors
// ---------------------------------------------------------------------------------------

/// A sector with the issues its appeals are written from.
struct Sector {
    id: &'static str,
    title: &'static str,
    lead: &'static str,
    members: &'static [&'static str],
    public_items: bool,
    /// Codes in the sector file; each covers its descendants.
    topics: &'static [&'static str],
    /// How many appeals of every hundred go to this sector.
    weight: u32,
    description: &'static str,
    /// What people write about; every issue's topic lies under one of `topics`.
    issues: &'static [Issue],
}

/// One kind of problem, with the texts that belong together: the citizen's sentence
/// (`{loc}` is the settlement, `{street}` a street), the staff's public summary, a
/// public answer summary and what the citizen asks for.
struct Issue {
    topic: &'static str,
    problem: &'static str,
    summary: &'static str,
    answer: &'static str,
    request: &'static str,
}

const fn issue(
    topic: &'static str,
    problem: &'static str,
    summary: &'static str,
    answer: &'static str,
    request: &'static str,
) -> Issue {
    Issue { topic, problem, summary, answer, request }
}

const SECTORS: &[Sector] = &[ZHKH, ROADS, EDUCATION, HEALTH, SOCIAL, LANDSCAPING, CULTURE];

fn sector_text(s: &Sector) -> String {
    let quoted: Vec<String> = s.topics.iter().map(|t| format!("\"{t}\"")).collect();
    let mut text = String::new();
    let _ = writeln!(text, "---\nid: {}\ntitle: \"{}\"\nlead: {}", s.id, s.title, s.lead);
    let _ = writeln!(text, "members: [{}]", s.members.join(", "));
    let _ = writeln!(text, "public_items: {}", s.public_items);
    let _ = writeln!(text, "topics: [{}]\n---\n{}", quoted.join(", "), s.description);
    text
}

const ZHKH: Sector = Sector {
    id: "zhkh",
    title: "Жилищно-коммунальное хозяйство",
    lead: "a.ivanova",
    members: &["p.sidorov", "m.orlova", "s.belov"],
    public_items: true,
    topics: &[
        "0005.0005.0055",
        "0005.0005.0056",
        "0005.0005.0057",
        "0003.0009.0097.0700",
        "0003.0009.0097.0701",
    ],
    weight: 26,
    description: "Отдел ЖКХ отвечает за водо-, тепло- и электроснабжение, вывоз твёрдых \
коммунальных отходов, содержание муниципального жилого фонда и работу управляющих \
организаций.\n\nПриём граждан: вторник и четверг с 9:00 до 13:00, каб. 12.\n",
    issues: &[
        issue(
            "0005.0005.0056.1154",
            "В с. {loc} на {street} уже третьи сутки нет холодной воды.",
            "Нет холодной воды в с. {loc}",
            "Водоснабжение восстановлено, авария на водоводе устранена",
            "восстановить водоснабжение",
        ),
        issue(
            "0003.0009.0097.0700",
            "Водонапорная башня в с. {loc} не работает, люди возят воду из реки.",
            "Водонапорная башня в с. {loc}",
            "Насос башни заменён, подача воды возобновлена",
            "отремонтировать водонапорную башню",
        ),
        issue(
            "0005.0005.0056.1169",
            "Вода из колонки на {street} идёт мутная, с запахом, пить её невозможно.",
            "Качество питьевой воды в с. {loc}",
            "Взяты пробы воды, проведена промывка сетей",
            "проверить качество воды",
        ),
        issue(
            "0005.0005.0056.1156",
            "В доме на {street} батареи чуть тёплые, в квартирах не выше +15 градусов.",
            "Перебои с отоплением в с. {loc}",
            "Проведена проверка котельной, режим работы восстановлен",
            "восстановить нормальную температуру в квартирах",
        ),
        issue(
            "0005.0005.0056.1153",
            "Электричество на {street} отключают почти каждый вечер без предупреждения.",
            "Отключения электроэнергии в с. {loc}",
            "Сетевая организация заменила трансформатор на подстанции",
            "обеспечить стабильное электроснабжение",
        ),
        issue(
            "0005.0005.0056.1160",
            "Мусор с контейнерной площадки на {street} не вывозят больше двух недель.",
            "Не вывозится мусор с контейнерной площадки в с. {loc}",
            "Региональному оператору выдано требование о вывозе ТКО по графику",
            "установить график вывоза мусора",
        ),
        issue(
            "0005.0005.0056.1149",
            "В квитанции начислена плата за вывоз отходов на пять человек, а прописан один.",
            "Перерасчёт платы за вывоз ТКО",
            "Перерасчёт платы выполнен",
            "провести перерасчёт платы",
        ),
        issue(
            "0005.0005.0056.1157",
            "Канализационный колодец у дома на {street} переполнен, стоки текут во двор.",
            "Переполненный канализационный колодец в с. {loc}",
            "Колодец откачан, участок сети прочищен",
            "откачать колодец и прочистить сеть",
        ),
        issue(
            "0005.0005.0056.1168",
            "Крыша многоквартирного дома на {street} протекает, управляющая организация молчит.",
            "Протечка кровли многоквартирного дома в с. {loc}",
            "Ремонт кровли включён в план на летний период",
            "обязать управляющую организацию отремонтировать крышу",
        ),
        issue(
            "0005.0005.0056.1148",
            "Прорыв трубы на {street} не устранён, вода течёт по дороге и замерзает.",
            "Прорыв водопровода в с. {loc}",
            "Аварийная бригада заменила участок трубы",
            "устранить прорыв",
        ),
        issue(
            "0005.0005.0055.1122",
            "Наш дом признан аварийным ещё в 2019 году, но расселение так и не началось.",
            "Расселение аварийного дома в с. {loc}",
            "Дом включён в республиканскую программу переселения",
            "сообщить сроки расселения",
        ),
        issue(
            "0005.0005.0055.1127",
            "Стою в очереди на жильё с 2014 года, очередь не движется, номер мне не сообщают.",
            "Очередь на получение жилья",
            "Заявителю сообщён номер в очереди и порядок предоставления жилья",
            "сообщить мой номер в очереди",
        ),
        issue(
            "0005.0005.0057",
            "Субсидию на оплату коммунальных услуг перестали начислять без объяснения причин.",
            "Субсидия на оплату ЖКУ",
            "Разъяснён порядок продления субсидии",
            "восстановить субсидию",
        ),
    ],
};

const ROADS: Sector = Sector {
    id: "roads",
    title: "Дороги и транспорт",
    lead: "v.tokarev",
    members: &["i.petrova", "k.zhukov"],
    public_items: true,
    topics: &["0003.0009.0099", "0003.0009.0096.0684"],
    weight: 20,
    description: "Отдел дорог и транспорта отвечает за содержание и ремонт дорог местного \
значения, зимнюю расчистку, дорожные знаки и организацию пассажирских перевозок между \
сёлами района.\n\nДороги республиканского значения содержит республиканское учреждение; \
такие обращения направляются туда по компетенции.\n",
    issues: &[
        issue(
            "0003.0009.0099.0742.0110",
            "На {street} в с. {loc} огромные ямы, машины ездят по обочине.",
            "Ямы на дороге в с. {loc}",
            "Ямочный ремонт запланирован на май",
            "провести ямочный ремонт",
        ),
        issue(
            "0003.0009.0099.0742.0111",
            "Дорогу между с. {loc} и Усть-Коксой не чистят от снега после метели.",
            "Зимняя расчистка дороги до с. {loc}",
            "Дорога расчищена, подрядчику указано на сроки",
            "расчистить дорогу от снега",
        ),
        issue(
            "0003.0009.0099.0742",
            "После паводка размыло съезд на {street}, проехать нельзя даже на тракторе.",
            "Размыв съезда после паводка в с. {loc}",
            "Съезд отсыпан щебнем",
            "восстановить съезд",
        ),
        issue(
            "0003.0009.0099.0732",
            "Автобус до районного центра ходит два раза в неделю, на работу не добраться.",
            "Расписание автобуса до с. {loc}",
            "С понедельника добавлен третий рейс в неделю",
            "добавить рейсы автобуса",
        ),
        issue(
            "0003.0009.0099.0733",
            "Рейс в с. {loc} отменили без объявления, люди ждали на остановке два часа.",
            "Отмена рейса до с. {loc}",
            "Перевозчику направлена претензия, рейс восстановлен",
            "восстановить рейс",
        ),
        issue(
            "0003.0009.0099.0744",
            "У школы на {street} нет знака «Дети» и пешеходного перехода.",
            "Знаки у школы в с. {loc}",
            "Знаки установлены, разметка нанесена",
            "установить знаки и переход",
        ),
        issue(
            "0003.0009.0099.0743",
            "На спуске к мосту гололёд, песком не посыпают, уже было две аварии.",
            "Гололёд на спуске к мосту в с. {loc}",
            "Спуск обработан противогололёдной смесью",
            "посыпать спуск песком",
        ),
        issue(
            "0003.0009.0096.0684",
            "Мост через ручей у с. {loc} разрушается, доски проваливаются.",
            "Состояние моста у с. {loc}",
            "Мост обследован, ремонт включён в план",
            "отремонтировать мост",
        ),
        issue(
            "0003.0009.0099.0748",
            "Проезд по социальной карте на пригородном автобусе не принимают.",
            "Льготный проезд на пригородном автобусе",
            "Перевозчику разъяснена обязанность принимать социальные карты",
            "обеспечить льготный проезд",
        ),
    ],
};

const EDUCATION: Sector = Sector {
    id: "education",
    title: "Образование",
    lead: "t.romanova",
    members: &["l.fedorova", "a.kozlov"],
    public_items: true,
    topics: &["0002.0013.0139"],
    weight: 10,
    description: "Управление образования отвечает за школы и детские сады района, подвоз \
обучающихся, питание и конфликтные ситуации в образовательных организациях.\n",
    issues: &[
        issue(
            "0002.0013.0139.0335",
            "Школьный автобус из с. {loc} не пришёл, дети не попали на уроки.",
            "Подвоз школьников из с. {loc}",
            "Маршрут школьного автобуса скорректирован",
            "наладить подвоз детей",
        ),
        issue(
            "0002.0013.0139.0333",
            "В детском саду с. {loc} холодно, дети сидят в куртках.",
            "Холодно в детском саду с. {loc}",
            "Котёл в детском саду отремонтирован",
            "проверить температурный режим",
        ),
        issue(
            "0002.0013.0139.0346",
            "Учителям в с. {loc} третий месяц не доплачивают за классное руководство.",
            "Выплаты педагогам в с. {loc}",
            "Задолженность по выплатам погашена",
            "выплатить задолженность",
        ),
        issue(
            "0002.0013.0139.0345",
            "Ребёнка обижают одноклассники, классный руководитель мер не принимает.",
            "Конфликт в школе",
            "Проведена беседа с участниками конфликта, назначен психолог",
            "разобраться в конфликте",
        ),
        issue(
            "0002.0013.0139.0351",
            "Ходят слухи о закрытии малокомплектной школы в с. {loc}, родители против.",
            "Сохранение школы в с. {loc}",
            "Закрытие школы не планируется",
            "сохранить школу",
        ),
        issue(
            "0002.0013.0139",
            "Место в детском саду обещали с сентября, но очередь так и не подошла.",
            "Очередь в детский сад в с. {loc}",
            "Ребёнку выделено место с 1-го числа следующего месяца",
            "предоставить место в детском саду",
        ),
    ],
};

const HEALTH: Sector = Sector {
    id: "health",
    title: "Здравоохранение",
    lead: "g.nikitina",
    members: &["y.sorokina"],
    public_items: false,
    topics: &["0002.0014.0143"],
    weight: 8,
    description: "Сектор взаимодействия с районной больницей. Администрация не оказывает \
медицинскую помощь, а передаёт вопросы больнице и Министерству здравоохранения и следит \
за ответом. Обращения этого сектора содержат сведения о здоровье и не публикуются.\n",
    issues: &[
        issue(
            "0002.0014.0143.0394",
            "В фельдшерско-акушерском пункте с. {loc} нет фельдшера с осени.",
            "Работа ФАП в с. {loc}",
            "Больница направила фельдшера на время вакансии",
            "направить фельдшера",
        ),
        issue(
            "0002.0014.0143.0393",
            "Скорая помощь ехала в с. {loc} больше двух часов.",
            "Время доезда скорой помощи",
            "Больница провела служебную проверку",
            "проверить работу скорой помощи",
        ),
        issue(
            "0002.0014.0143.0414",
            "Записаться к терапевту невозможно, телефон регистратуры не отвечает.",
            "Запись к терапевту",
            "Открыта запись через Госуслуги, добавлена линия регистратуры",
            "наладить запись к врачу",
        ),
        issue(
            "0002.0014.0143.0420",
            "В аптеке районного центра нет льготных лекарств по рецепту.",
            "Льготные лекарства",
            "Лекарства поступили в аптеку",
            "обеспечить лекарствами",
        ),
        issue(
            "0002.0014.0143.0390",
            "Маме после инсульта не могут назначить реабилитацию.",
            "Реабилитация после болезни",
            "Вопрос передан в Министерство здравоохранения, ответ получен",
            "назначить реабилитацию",
        ),
        issue(
            "0002.0014.0143.0389",
            "Выездная бригада врачей не приезжает в с. {loc} уже год.",
            "Выездной приём в с. {loc}",
            "Выездной приём проведён",
            "организовать выездной приём",
        ),
    ],
};

const SOCIAL: Sector = Sector {
    id: "social",
    title: "Социальная поддержка",
    lead: "r.makarova",
    members: &["o.lebedeva", "v.pavlova"],
    public_items: false,
    topics: &["0002.0007", "0002.0004"],
    weight: 9,
    description: "Отдел социальной поддержки помогает семьям с детьми, малоимущим, \
инвалидам и пожилым. Обращения содержат сведения о частной жизни и не публикуются.\n",
    issues: &[
        issue(
            "0002.0007.0072.0288",
            "Семья с тремя детьми осталась без дома после пожара в с. {loc}.",
            "Материальная помощь погорельцам",
            "Оказана единовременная материальная помощь",
            "оказать материальную помощь",
        ),
        issue(
            "0002.0007.0073.0294",
            "Мне отказали в пособии на ребёнка, потому что не хватило одной справки.",
            "Пособие на ребёнка",
            "Разъяснён порядок оформления пособия",
            "разъяснить порядок получения пособия",
        ),
        issue(
            "0002.0007.0073.0297",
            "Инвалиду второй группы не выдают кресло-коляску уже полгода.",
            "Техническое средство реабилитации",
            "Заявка на средство реабилитации передана в Социальный фонд",
            "выдать кресло-коляску",
        ),
        issue(
            "0002.0007.0074.0300",
            "Не приходит компенсация за коммунальные услуги как инвалиду.",
            "Компенсация расходов на ЖКУ",
            "Компенсация начислена за весь период",
            "восстановить компенсацию",
        ),
        issue(
            "0002.0007.0071",
            "Пенсию пересчитали в меньшую сторону, объяснений не дали.",
            "Перерасчёт пенсии",
            "Обращение направлено в Социальный фонд, разъяснение получено",
            "проверить расчёт пенсии",
        ),
        issue(
            "0002.0004",
            "Прошу помочь оформить опеку над внуком.",
            "Оформление опеки",
            "Разъяснён порядок оформления опеки",
            "помочь оформить опеку",
        ),
    ],
};

const LANDSCAPING: Sector = Sector {
    id: "landscaping",
    title: "Благоустройство и экология",
    lead: "m.kiselev",
    members: &["a.egorov", "n.titova", "i.bobrov"],
    public_items: true,
    topics: &[
        "0003.0009.0097.0689",
        "0003.0009.0097.0690",
        "0003.0009.0097.0692",
        "0003.0009.0097.0694",
        "0003.0009.0097.0698",
        "0003.0009.0097.0699",
        "0003.0009.0104.0779",
        "0005.0005.0056.1161",
        "0003.0011.0127",
        "0003.0011.0122",
    ],
    weight: 20,
    description: "Отдел благоустройства и экологии отвечает за уличное освещение, детские \
площадки, уборку общественных мест, кладбища, несанкционированные свалки и отлов \
безнадзорных животных.\n",
    issues: &[
        issue(
            "0003.0009.0097.0690",
            "На {street} в с. {loc} не горит ни один фонарь, вечером идти страшно.",
            "Уличное освещение в с. {loc}",
            "Светильники заменены",
            "восстановить освещение",
        ),
        issue(
            "0003.0009.0097.0698",
            "Детская площадка у клуба в с. {loc} сломана, качели оборваны.",
            "Детская площадка в с. {loc}",
            "Площадка отремонтирована",
            "отремонтировать детскую площадку",
        ),
        issue(
            "0005.0005.0056.1161",
            "За околицей с. {loc} образовалась свалка, мусор везут машинами.",
            "Несанкционированная свалка у с. {loc}",
            "Свалка ликвидирована, установлен знак",
            "ликвидировать свалку",
        ),
        issue(
            "0003.0011.0127.0870",
            "По {street} бегает стая бездомных собак, дети боятся ходить в школу.",
            "Безнадзорные собаки в с. {loc}",
            "Заключён контракт на отлов, выезд запланирован",
            "организовать отлов собак",
        ),
        issue(
            "0003.0009.0104.0779",
            "Кладбище в с. {loc} заросло, ограждение упало, скот заходит внутрь.",
            "Содержание кладбища в с. {loc}",
            "Проведён субботник, ограждение восстановлено",
            "навести порядок на кладбище",
        ),
        issue(
            "0003.0009.0097.0699",
            "Тротуар вдоль {street} не чистят от снега, люди идут по проезжей части.",
            "Уборка тротуара в с. {loc}",
            "Тротуар включён в график механизированной уборки",
            "чистить тротуар",
        ),
        issue(
            "0003.0009.0097.0692",
            "Тополя у дома на {street} аварийные, ветки падают на провода.",
            "Аварийные деревья в с. {loc}",
            "Деревья включены в план опиловки",
            "спилить аварийные деревья",
        ),
        issue(
            "0003.0011.0122.0834",
            "Соседи жгут мусор прямо во дворах, дым стоит по всему селу.",
            "Сжигание мусора во дворах в с. {loc}",
            "Проведён рейд, жителям разъяснены правила",
            "пресечь сжигание мусора",
        ),
        issue(
            "0003.0009.0097.0694",
            "Площадь у администрации в с. {loc} после праздника так и не убрали.",
            "Уборка площади в с. {loc}",
            "Территория убрана",
            "убрать территорию",
        ),
        issue(
            "0003.0009.0097.0689",
            "Просим включить сквер в с. {loc} в программу «Формирование комфортной среды».",
            "Благоустройство сквера в с. {loc}",
            "Сквер включён в перечень на голосование",
            "включить сквер в программу",
        ),
    ],
};

/// The one sector whose codes are not in the research notes' sample of leaves: the
/// classifier's culture theme was not read, so the sector lists the level-2 code
/// «Образование. Наука. Культура» and the gratitude question.
const CULTURE: Sector = Sector {
    id: "culture",
    title: "Культура, спорт и молодёжная политика",
    lead: "e.zaitseva",
    members: &["d.frolov"],
    public_items: true,
    topics: &["0002.0013", "0001.0002.0027.0153"],
    weight: 7,
    description: "Управление культуры отвечает за дома культуры и библиотеки сёл, \
спортивные секции, районные праздники и работу с молодёжью.\n",
    issues: &[
        issue(
            "0002.0013",
            "Сельский клуб в с. {loc} закрыт с зимы, молодёжи некуда пойти.",
            "Работа сельского клуба в с. {loc}",
            "Клуб открыт после ремонта",
            "открыть клуб",
        ),
        issue(
            "0002.0013",
            "В библиотеке с. {loc} не топят, книги отсыревают.",
            "Отопление библиотеки в с. {loc}",
            "Котёл библиотеки отремонтирован",
            "наладить отопление библиотеки",
        ),
        issue(
            "0001.0002.0027.0153",
            "Хотим поблагодарить работников дома культуры с. {loc} за концерт ко Дню села.",
            "Благодарность работникам культуры",
            "Благодарность передана коллективу",
            "передать благодарность коллективу",
        ),
        issue(
            "0002.0013",
            "Спортзал при клубе в с. {loc} открыт только два часа в неделю.",
            "Спортзал в с. {loc}",
            "Расписание спортзала расширено",
            "расширить часы работы спортзала",
        ),
    ],
};

// ---------------------------------------------------------------------------------------
// Shared text pools
// ---------------------------------------------------------------------------------------

const STREETS: &[&str] = &[
    "ул. Центральной",
    "ул. Школьной",
    "ул. Набережной",
    "ул. Молодёжной",
    "ул. Заречной",
    "пер. Почтовом",
    "ул. Садовой",
    "ул. Береговой",
    "ул. Луговой",
    "ул. Советской",
    "ул. Горной",
    "ул. Нагорной",
    "ул. Катунской",
    "ул. Рерихов",
];

/// Street names in the nominative case, for addresses.
const ADDRESS_STREETS: &[&str] = &[
    "ул. Центральная",
    "ул. Школьная",
    "ул. Набережная",
    "ул. Молодёжная",
    "ул. Заречная",
    "пер. Почтовый",
    "ул. Садовая",
    "ул. Луговая",
    "ул. Советская",
    "ул. Горная",
];

const OPENINGS: &[&str] = &[
    "Здравствуйте!",
    "Уважаемая администрация!",
    "Уважаемый глава района!",
    "Добрый день.",
    "Обращаюсь к вам по поводу, который касается всей нашей улицы.",
    "Пишу уже не первый раз, прошу отнестись серьёзно.",
];

/// The coordinator, who writes the notes of items nobody is assigned to.
const COORDINATOR: &str = "n.kuznetsova";

/// Sentences that fit any problem; at most 64, as a body tracks them in a bit set.
const FILLERS: &[&str] = &[
    "Обращались в сельское поселение, там сказали, что это не их вопрос.",
    "Звонили по телефону дежурной службы, обещали разобраться, но ничего не изменилось.",
    "Проблема повторяется каждый год, и каждый раз нам отвечают одно и то же.",
    "На улице живут пожилые люди и семьи с маленькими детьми.",
    "Прикладываю фотографии, сделанные вчера вечером.",
    "Соседи готовы подписаться под этим обращением.",
    "Прошу не пересылать обращение в другие инстанции, а решить вопрос на месте.",
    "Ответ прошу направить в личный кабинет на Госуслугах.",
    "Понимаю, что денег в бюджете мало, но вопрос касается безопасности.",
    "Ситуация сложилась ещё в прошлом месяце и с тех пор только ухудшилась.",
    "Готов показать место и ответить на вопросы специалиста.",
    "Если потребуется, можем организовать жителей на субботник.",
    "В прошлом году обещали решить вопрос до осени, но так ничего и не сделали.",
    "Глава сельского поселения в курсе, но говорит, что средств нет.",
    "Мы платим все налоги и коммунальные платежи вовремя и хотим нормальных условий.",
    "Особенно тяжело зимой, когда морозы доходят до сорока градусов.",
    "Многие жители работают в районном центре и каждый день ездят туда и обратно.",
    "Летом в село приезжает много туристов, и проблема становится заметнее.",
    "Писали в группу администрации ВКонтакте, но ответа не получили.",
    "Прошу прислать специалиста, который посмотрит на месте.",
    "Если вопрос не в вашей компетенции, прошу сообщить, куда обратиться.",
    "Мой сосед инвалид, ему особенно трудно в такой ситуации.",
    "Жители готовы участвовать в софинансировании, если это поможет.",
    "На сходе граждан этот вопрос поднимали уже дважды.",
    "Об этом писали и в районной газете, но ничего не изменилось.",
    "Прошу учесть, что у нас нет другой дороги и другого источника.",
    "Надеюсь, что в этот раз обращение не останется без внимания.",
    "Сфотографировать не получилось, но могу показать на месте.",
];

/// Things any citizen may ask for, listed after the issue's own request.
const GENERIC_REQUESTS: &[&str] = &[
    "сообщить сроки выполнения работ",
    "дать письменный ответ",
    "взять вопрос на личный контроль",
    "привлечь виновных к ответственности",
    "проинформировать жителей о принятых мерах",
];

const CLOSINGS: &[&str] = &[
    "Прошу принять меры и сообщить о результатах.",
    "Прошу рассмотреть обращение в установленный законом срок.",
    "Заранее спасибо за помощь.",
    "Надеюсь на понимание.",
    "Прошу дать письменный ответ.",
];

const GROUPS: &[&str] = &[
    "Подслушано Усть-Кокса",
    "Уймонская долина",
    "Новости Усть-Коксинского района",
    "Катанда онлайн",
    "Барахолка и объявления Усть-Кокса",
];

const NOTE_ACTIONS: &[&str] = &[
    "запрошена информация у главы сельского поселения",
    "выезд на место, составлен акт осмотра",
    "направлен запрос подрядчику",
    "заявителю позвонили, уточнили адрес",
    "вопрос рассмотрен на планёрке у заместителя главы",
    "подготовлен проект ответа",
    "проект ответа согласован с юристом",
    "получены фотографии после выполнения работ",
    "запрошены документы в ресурсоснабжающей организации",
    "ответ подписан и отправлен",
];

const FORWARD_REASONS: &[&str] = &[
    "Направлено по компетенции в Министерство регионального развития Республики Алтай",
    "Направлено по компетенции в Министерство здравоохранения Республики Алтай",
    "Направлено по компетенции в районную больницу",
    "Направлено по компетенции в сетевую организацию (электроснабжение)",
    "Направлено по компетенции в прокуратуру района",
    "Направлено по компетенции в Отделение Социального фонда по Республике Алтай",
    "Направлено по компетенции в администрацию сельского поселения",
    "Направлено по компетенции в республиканское управление автодорог",
];

const ART11_GROUNDS: &[&str] = &[
    "ст. 11 ч. 1 59-ФЗ: не указаны фамилия и почтовый адрес для ответа",
    "ст. 11 ч. 3 59-ФЗ: нецензурные выражения и угрозы должностным лицам",
    "ст. 11 ч. 4 59-ФЗ: текст обращения не поддаётся прочтению",
    "ст. 11 ч. 4.1 59-ФЗ: из текста невозможно установить суть обращения",
    "ст. 11 ч. 5 59-ФЗ: переписка прекращена, на тот же вопрос ответ дан ранее",
];

const EXTENSION_REASONS: &[&str] = &[
    "запрос документов в сетевую организацию (ст. 10 ч. 2 59-ФЗ)",
    "запрос в министерство Республики Алтай",
    "требуется комиссионное обследование на месте",
    "запрос в Отделение Социального фонда",
];

const RETURN_REASONS: &[&str] = &[
    "ответ формальный",
    "нет ответа на второй вопрос заявителя",
    "не указаны сроки выполнения работ",
    "нет ссылки на нормативный акт",
];

const REOPEN_REASONS: &[&str] = &[
    "заявитель не согласен с ответом",
    "повторное рассмотрение по оценке на ПОС",
    "работы не выполнены в обещанный срок",
];

const SURNAMES: &[(&str, &str)] = &[
    ("Бочкарёв", "Бочкарёва"),
    ("Огнев", "Огнева"),
    ("Кудрявцев", "Кудрявцева"),
    ("Чернов", "Чернова"),
    ("Пустынников", "Пустынникова"),
    ("Атаманов", "Атаманова"),
    ("Ерохин", "Ерохина"),
    ("Шадрин", "Шадрина"),
    ("Тадыев", "Тадыева"),
    ("Кыдыев", "Кыдыева"),
    ("Ташкинов", "Ташкинова"),
    ("Мамаков", "Мамакова"),
    ("Зубакин", "Зубакина"),
    ("Вахрушев", "Вахрушева"),
];
const MALE_NAMES: &[&str] = &["Андрей", "Николай", "Василий", "Пётр", "Аржан", "Эзен", "Юрий"];
const FEMALE_NAMES: &[&str] = &["Мария", "Светлана", "Валентина", "Айана", "Любовь", "Ольга"];
const PATRONYMICS: &[(&str, &str)] = &[
    ("Иванович", "Ивановна"),
    ("Петрович", "Петровна"),
    ("Алексеевич", "Алексеевна"),
    ("Михайлович", "Михайловна"),
    ("Степанович", "Степановна"),
];

// ---------------------------------------------------------------------------------------
// One appeal: the facts
// ---------------------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Appeal,
    Message,
    Incident,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Appeal => "appeal",
            Kind::Message => "message",
            Kind::Incident => "incident",
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Status {
    New,
    Assigned,
    InProgress,
    Answered,
    Closed,
    Forwarded,
    LeftUnanswered,
}

impl Status {
    fn name(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::Assigned => "assigned",
            Status::InProgress => "in_progress",
            Status::Answered => "answered",
            Status::Closed => "closed",
            Status::Forwarded => "forwarded",
            Status::LeftUnanswered => "left_unanswered",
        }
    }

    fn is_answered(self) -> bool {
        matches!(self, Status::Answered | Status::Closed)
    }

    fn needs_assignee(self) -> bool {
        matches!(self, Status::Assigned | Status::InProgress | Status::Answered | Status::Closed)
    }
}

/// A dated entry with a reason: an extension, a return for rework or a reopening.
struct Dated {
    date: NaiveDate,
    reason: &'static str,
}

/// Everything the front matter of one appeal says.
struct Appeal {
    year: i32,
    id: String,
    kind: Kind,
    channel: &'static str,
    external_id: Option<String>,
    received: Stamp,
    registered: Option<NaiveDate>,
    sector: &'static Sector,
    issue: &'static Issue,
    locality: &'static str,
    assignee: Option<&'static str>,
    status: Status,
    extension: Option<Dated>,
    urgent: bool,
    first_response: Option<NaiveDateTime>,
    returned: Option<Dated>,
    reopened: Option<Dated>,
    due: Option<NaiveDate>,
    answered: Option<Stamp>,
    result: Option<&'static str>,
    rating: Option<i64>,
    agrees: Option<bool>,
    reason: Option<&'static str>,
    public: Option<bool>,
    public_summary: String,
    answer_summary: Option<String>,
}

/// Decides the facts of appeal number `index`, in an order where each step may rely on
/// the ones before it.
fn plan(layout: &Layout, index: usize, rng: &mut Rng) -> Appeal {
    let (year, id) = layout.id(index);
    let day = layout.day(index);
    let kind = rng.weighted(&[(Kind::Appeal, 40), (Kind::Message, 42), (Kind::Incident, 18)]);
    let channel = channel(kind, day, rng);
    let sector = pick_sector(rng);
    let issue = &sector.issues[rng.range(0, sector.issues.len() as i64 - 1) as usize];
    let locality = rng.weighted(SETTLEMENTS);
    let received = received(channel, day, rng);
    let registered = registered(kind, received.day(), rng);
    let start = registered.unwrap_or(received.day());
    let status = status(kind, (ymd(AS_OF) - start).num_days(), rng);
    let mut appeal = Appeal {
        year,
        id,
        kind,
        channel,
        external_id: external_id(channel, rng),
        received,
        registered,
        sector,
        issue,
        locality,
        assignee: None,
        status,
        extension: None,
        urgent: kind == Kind::Incident && rng.chance(0.1),
        first_response: None,
        returned: None,
        reopened: None,
        due: None,
        answered: None,
        result: None,
        rating: None,
        agrees: None,
        reason: None,
        public: None,
        public_summary: fill(issue.summary, locality, rng),
        answer_summary: None,
    };
    plan_progress(&mut appeal, start, rng);
    plan_outcome(&mut appeal, rng);
    appeal
}

fn pick_sector(rng: &mut Rng) -> &'static Sector {
    let weights: Vec<(usize, u32)> =
        SECTORS.iter().enumerate().map(|(i, s)| (i, s.weight)).collect();
    &SECTORS[rng.weighted(&weights)]
}

/// Channels by kind. Plain e-mail stopped being a 59-FZ channel on 30.03.2025, so e-mail
/// appeals appear only before that day; later e-mail is tracked as a message.
fn channel(kind: Kind, day: NaiveDate, rng: &mut Rng) -> &'static str {
    let email_ok = day < NaiveDate::from_ymd_opt(2025, 3, 30).expect("a real date");
    match kind {
        Kind::Appeal => rng.weighted(&[
            ("letter", 30),
            ("reception", 15),
            ("website", 20),
            ("pos", 30),
            ("email", if email_ok { 15 } else { 0 }),
        ]),
        Kind::Message => rng.weighted(&[
            ("pos", 60),
            ("phone", 15),
            ("email", 10),
            ("messenger", 10),
            ("website", 5),
        ]),
        Kind::Incident => rng.weighted(&[("incident_management", 85), ("messenger", 15)]),
    }
}

fn external_id(channel: &str, rng: &mut Rng) -> Option<String> {
    match channel {
        "pos" => Some(format!("ПОС-{}", rng.range(10_000_000, 99_999_999))),
        "incident_management" => Some(format!("ИМ-{}", rng.range(1_000_000, 9_999_999))),
        "letter" if rng.chance(0.5) => Some(format!("вх-{}", rng.range(100, 4999))),
        _ => None,
    }
}

/// Letters carry only the day on the stamp; everything else has a time. Personal
/// reception happens in office hours; online channels at any waking hour.
fn received(channel: &str, day: NaiveDate, rng: &mut Rng) -> Stamp {
    match channel {
        "letter" => Stamp::Day(day),
        "reception" => Stamp::At(at(day, rng.range(9, 16), rng.range(0, 59))),
        _ => Stamp::At(at(day, rng.range(6, 22), rng.range(0, 59))),
    }
}

/// Appeals are registered on a working day within three days of receipt; half the
/// messages record a registration; incidents never do.
fn registered(kind: Kind, received: NaiveDate, rng: &mut Rng) -> Option<NaiveDate> {
    let record = match kind {
        Kind::Appeal => true,
        Kind::Message => rng.chance(0.5),
        Kind::Incident => false,
    };
    if !record {
        return None;
    }
    let wanted = working_on_or_after(received + Duration::days(rng.range(0, 1)));
    let limit = received + Duration::days(3);
    Some(if wanted <= limit { wanted } else { received })
}

/// The status depends on how long ago the clock started: old items are mostly closed.
fn status(kind: Kind, age: i64, rng: &mut Rng) -> Status {
    use Status::*;
    let table: &[(Status, u32)] = match age {
        ..=2 => &[(New, 35), (Assigned, 30), (InProgress, 30), (Forwarded, 5)],
        3..=14 => &[
            (New, 5),
            (Assigned, 15),
            (InProgress, 45),
            (Answered, 25),
            (Forwarded, 6),
            (LeftUnanswered, 4),
        ],
        15..=40 => &[
            (Assigned, 3),
            (InProgress, 20),
            (Answered, 45),
            (Closed, 25),
            (Forwarded, 5),
            (LeftUnanswered, 2),
        ],
        _ => &[
            (Assigned, 1),
            (InProgress, 2),
            (Answered, 22),
            (Closed, 68),
            (Forwarded, 5),
            (LeftUnanswered, 2),
        ],
    };
    match rng.weighted(table) {
        // Art. 11 grounds exist only for 59-FZ appeals.
        LeftUnanswered if kind != Kind::Appeal => Closed,
        other => other,
    }
}

/// Assignee, first response, answer date, extension, loops and a ПОС planned date.
fn plan_progress(a: &mut Appeal, start: NaiveDate, rng: &mut Rng) {
    if a.status.needs_assignee() {
        a.assignee = Some(pick_assignee(a.sector, rng));
    }
    if a.kind == Kind::Incident && a.status != Status::New {
        a.first_response = first_response(a, rng);
    }
    if a.kind == Kind::Appeal && a.status != Status::New && rng.chance(0.03) {
        a.extension = Some(extension(start, rng));
    }
    if a.status.is_answered() {
        a.answered = answer_date(a, start, rng).map(|day| answer_stamp(day, rng));
        if a.answered.is_none() {
            // The answer would lie after the as-of day: the item is still being worked on.
            a.status = Status::InProgress;
        }
    }
    if a.kind == Kind::Message && a.channel == "pos" && rng.chance(0.4) {
        a.due = Some(add_working_days(start, 10));
    }
    plan_loops(a, start, rng);
}

fn pick_assignee(sector: &Sector, rng: &mut Rng) -> &'static str {
    if rng.chance(0.25) { sector.lead } else { rng.pick(sector.members) }
}

/// The interim public reply: within 1–3 hours for urgent posts, 1–8 otherwise.
fn first_response(a: &Appeal, rng: &mut Rng) -> Option<NaiveDateTime> {
    let Stamp::At(received) = a.received else { return None };
    let hours = if a.urgent { rng.range(1, 3) } else { rng.range(1, 8) };
    let reply = received + Duration::hours(hours) + Duration::minutes(rng.range(0, 59));
    (reply.date() <= ymd(AS_OF)).then_some(reply)
}

/// Extends the 30-day term by 10–30 days, ending on a working day.
fn extension(start: NaiveDate, rng: &mut Rng) -> Dated {
    let until = start + Duration::days(30 + rng.range(10, 30));
    Dated { date: working_on_or_before(until), reason: rng.pick(EXTENSION_REASONS) }
}

/// When the answer went out, or `None` when that would be after [`AS_OF`]. About one in
/// ten answers is late.
fn answer_date(a: &Appeal, start: NaiveDate, rng: &mut Rng) -> Option<NaiveDate> {
    let late = rng.chance(0.1);
    let day = match (a.kind, &a.extension) {
        (Kind::Appeal, Some(ext)) => {
            let spare = (ext.date - start).num_days() - 30;
            start + Duration::days(30 + rng.range(1, spare.max(1)))
        }
        (Kind::Appeal, None) if late => start + Duration::days(rng.range(31, 50)),
        (Kind::Appeal, None) => start + Duration::days(rng.range(3, 28)),
        (Kind::Message, _) if late => add_working_days(start, rng.range(11, 16)),
        (Kind::Message, _) => add_working_days(start, rng.range(2, 10)),
        (Kind::Incident, _) => {
            let from = a.first_response.map_or(a.received.day(), |t| t.date());
            add_working_days(from, if late { rng.range(8, 12) } else { rng.range(1, 7) })
        }
    };
    let day = working_on_or_before(day).max(start + Duration::days(1));
    (day <= ymd(AS_OF)).then_some(day)
}

fn answer_stamp(day: NaiveDate, rng: &mut Rng) -> Stamp {
    if rng.chance(0.6) {
        Stamp::At(at(day, rng.range(9, 17), rng.range(0, 59)))
    } else {
        Stamp::Day(day)
    }
}

/// Rare returns for rework (between registration and answer) and reopenings (a while
/// before the final answer, which then answers the reopened item).
fn plan_loops(a: &mut Appeal, start: NaiveDate, rng: &mut Rng) {
    let end = a.answered.map_or(ymd(AS_OF), Stamp::day);
    let gap = (end - start).num_days();
    let working = a.status.is_answered() || a.status == Status::InProgress;
    if working && gap >= 4 && rng.chance(0.03) {
        let date = start + Duration::days(rng.range(2, gap - 1));
        a.returned = Some(Dated { date, reason: rng.pick(RETURN_REASONS) });
    }
    if a.status.is_answered() && gap >= 8 && rng.chance(0.015) {
        let date = end - Duration::days(rng.range(2, (gap / 2).min(20)));
        a.reopened = Some(Dated { date, reason: rng.pick(REOPEN_REASONS) });
    }
}

/// Result, rating, agreement, reasons, the public flag and the answer summary.
fn plan_outcome(a: &mut Appeal, rng: &mut Rng) {
    match a.status {
        Status::Forwarded => a.reason = Some(rng.pick(FORWARD_REASONS)),
        Status::LeftUnanswered => a.reason = Some(rng.pick(ART11_GROUNDS)),
        _ => {}
    }
    if a.status.is_answered() {
        a.result = Some(rng.weighted(&[
            ("explained", 40),
            ("measures_taken", 20),
            ("supported", 15),
            ("not_supported", 10),
            ("answered", 15),
        ]));
        a.answer_summary = Some(fill(a.issue.answer, a.locality, rng));
    }
    if a.status == Status::Closed && rng.chance(0.6) {
        a.rating = Some(rng.weighted(&[(5, 45), (4, 25), (3, 12), (2, 8), (1, 10)]));
    }
    if a.status == Status::Closed && a.kind == Kind::Appeal && rng.chance(0.5) {
        a.agrees = Some(rng.chance(0.8));
    }
    if a.sector.public_items && rng.chance(0.02) {
        a.public = Some(false);
    }
}

/// Replaces `{loc}` and `{street}` in a template.
fn fill(template: &str, locality: &str, rng: &mut Rng) -> String {
    let with_loc = template.replace("{loc}", locality);
    if with_loc.contains("{street}") {
        with_loc.replace("{street}", rng.pick(STREETS))
    } else {
        with_loc
    }
}

// ---------------------------------------------------------------------------------------
// One appeal: the text
// ---------------------------------------------------------------------------------------

/// Writes the file: front matter, then the body.
fn appeal_text(a: &Appeal, rng: &mut Rng) -> String {
    let target = body_target(rng);
    let mut s = String::with_capacity(target + 1600);
    front_matter(&mut s, a, rng);
    let body_start = s.len();
    body(&mut s, a, rng, body_start + target);
    s
}

/// Log-normal around 700 bytes; the sentence or note that crosses the target adds the
/// rest, so the median body is about 800 bytes.
fn body_target(rng: &mut Rng) -> usize {
    let bytes = 700.0 * (0.55 * rng.normal()).exp();
    bytes.clamp(300.0, 2850.0) as usize
}

/// YAML double-quoted text.
fn quote(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

fn front_matter(s: &mut String, a: &Appeal, rng: &mut Rng) {
    let _ = writeln!(s, "---\nid: {}\nkind: {}\nchannel: {}", a.id, a.kind.name(), a.channel);
    if let Some(x) = &a.external_id {
        let _ = writeln!(s, "external_id: {}", quote(x));
    }
    let _ = writeln!(s, "received: {}", a.received.text());
    if let Some(r) = a.registered {
        let _ = writeln!(s, "registered: {r}");
    }
    let _ = writeln!(
        s,
        "topic: \"{}\"\nsector: {}\nlocality: {}",
        a.issue.topic, a.sector.id, a.locality
    );
    if let Some(x) = a.assignee {
        let _ = writeln!(s, "assignee: {x}");
    }
    let _ = writeln!(s, "status: {}", a.status.name());
    progress_fields(s, a);
    outcome_fields(s, a);
    applicant(s, a, rng);
    s.push_str("---\n");
}

fn progress_fields(s: &mut String, a: &Appeal) {
    if let Some(e) = &a.extension {
        let _ = writeln!(s, "extension: {{ until: {}, reason: {} }}", e.date, quote(e.reason));
    }
    if a.kind == Kind::Incident {
        let _ = writeln!(s, "urgent: {}", a.urgent);
    }
    if let Some(t) = a.first_response {
        let _ = writeln!(s, "first_response: {}", Stamp::At(t).text());
    }
    for (name, entry) in [("returned", &a.returned), ("reopened", &a.reopened)] {
        if let Some(d) = entry {
            let _ = writeln!(s, "{name}: [{{ date: {}, reason: {} }}]", d.date, quote(d.reason));
        }
    }
    if let Some(d) = a.due {
        let _ = writeln!(s, "due: {d}");
    }
    if let Some(t) = a.answered {
        let _ = writeln!(s, "answered: {}", t.text());
    }
}

fn outcome_fields(s: &mut String, a: &Appeal) {
    if let Some(r) = a.result {
        let _ = writeln!(s, "result: {r}");
    }
    if let Some(r) = a.rating {
        let _ = writeln!(s, "rating: {r}");
    }
    if let Some(x) = a.agrees {
        let _ = writeln!(s, "agrees: {x}");
    }
    if let Some(r) = a.reason {
        let _ = writeln!(s, "reason: {}", quote(r));
    }
    if let Some(p) = a.public {
        let _ = writeln!(s, "public: {p}");
    }
    let _ = writeln!(s, "public_summary: {}", quote(&a.public_summary));
    if let Some(x) = &a.answer_summary {
        let _ = writeln!(s, "answer_summary: {}", quote(x));
    }
}

/// The private applicant block: a person for letters and forms, a profile for posts.
fn applicant(s: &mut String, a: &Appeal, rng: &mut Rng) {
    let female = rng.chance(0.55);
    let (m, f) = rng.pick(SURNAMES);
    let (pm, pf) = rng.pick(PATRONYMICS);
    let (surname, name, patronymic) =
        if female { (f, rng.pick(FEMALE_NAMES), pf) } else { (m, rng.pick(MALE_NAMES), pm) };
    s.push_str("applicant:\n");
    if a.kind == Kind::Incident {
        let initial = surname.chars().next().unwrap_or('А');
        let _ = writeln!(s, "  name: \"{name} {initial}. (профиль ВКонтакте)\"");
        let _ = writeln!(s, "  contact: \"vk.com/id{}\"", rng.range(100_000, 899_999_999));
        return;
    }
    let _ = writeln!(s, "  name: \"{surname} {name} {patronymic}\"");
    let _ = writeln!(s, "  contact: \"{}\"", contact(a.channel, rng));
    let street = rng.pick(ADDRESS_STREETS);
    let house = rng.range(1, 64);
    let flat =
        if rng.chance(0.3) { format!(", кв. {}", rng.range(1, 16)) } else { String::new() };
    let _ = writeln!(s, "  address: \"с. {}, {street}, д. {house}{flat}\"", a.locality);
}

fn contact(channel: &str, rng: &mut Rng) -> String {
    match channel {
        "email" | "website" => format!("user{}@mail.example", rng.range(100, 99_999)),
        "pos" => format!("ЕСИА {}", rng.range(1_000_000_000, 1_999_999_999)),
        _ => format!(
            "+7 9{:02} {:03}-{:02}-{:02}",
            rng.range(0, 99),
            rng.range(0, 999),
            rng.range(0, 99),
            rng.range(0, 99)
        ),
    }
}

/// The body: the citizen's text (quoted from the post for incidents), sometimes a list of
/// requests, then staff notes as a list or a table, until about `target` bytes.
fn body(s: &mut String, a: &Appeal, rng: &mut Rng, target: usize) {
    if a.kind == Kind::Incident {
        let _ = writeln!(s, "Публикация в сообществе «{}»:\n", rng.pick(GROUPS));
    }
    let prefix = if a.kind == Kind::Incident { "> " } else { "" };
    let problem = fill(a.issue.problem, a.locality, rng);
    let _ = write!(s, "{prefix}{} {problem}", rng.pick(OPENINGS));
    let citizen_end = target - (target - s.len().min(target)) / 3;
    let mut used = 0u64;
    while s.len() < citizen_end {
        let separator =
            if rng.chance(0.2) { format!("\n{}\n{prefix}", prefix.trim_end()) } else { " ".into() };
        let _ = write!(s, "{separator}{}", fresh_filler(&mut used, rng));
    }
    let _ = writeln!(s, " {}\n", rng.pick(CLOSINGS));
    if a.kind != Kind::Incident && rng.chance(0.15) {
        requests(s, a.issue, rng);
    }
    notes(s, a, rng, target);
}

/// A filler sentence not used yet in this body, while there are unused ones left.
fn fresh_filler(used: &mut u64, rng: &mut Rng) -> &'static str {
    let all = (1u64 << FILLERS.len()) - 1;
    loop {
        let i = rng.range(0, FILLERS.len() as i64 - 1) as usize;
        if *used & (1 << i) == 0 || *used == all {
            *used |= 1 << i;
            return FILLERS[i];
        }
    }
}

fn requests(s: &mut String, issue: &Issue, rng: &mut Rng) {
    let _ = writeln!(s, "Прошу:\n\n- {};", issue.request);
    for _ in 0..rng.range(1, 3) {
        let _ = writeln!(s, "- {};", rng.pick(GENERIC_REQUESTS));
    }
    s.push('\n');
}

/// Staff working notes, dated from registration up to the answer: a list, or now and
/// then a table.
fn notes(s: &mut String, a: &Appeal, rng: &mut Rng, target: usize) {
    if s.len() >= target && rng.chance(0.5) {
        return;
    }
    s.push_str("## Рабочие заметки\n\n");
    let table = rng.chance(0.08);
    if table {
        s.push_str("| Дата | Действие | Кто |\n| --- | --- | --- |\n");
    }
    let mut day = a.registered.unwrap_or(a.received.day());
    let last = a.answered.map_or(ymd(AS_OF), Stamp::day).max(day);
    let who = a.assignee.unwrap_or(COORDINATOR);
    loop {
        let action = rng.pick(NOTE_ACTIONS);
        let date = day.format("%d.%m.%Y");
        let _ = if table {
            writeln!(s, "| {date} | {action} | {who} |")
        } else {
            writeln!(s, "- {date}: {action}.")
        };
        day = (day + Duration::days(rng.range(0, 3))).min(last);
        if s.len() >= target {
            break;
        }
    }
}

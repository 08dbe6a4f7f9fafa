//! A scratch repository for trying imports: an `otklik.yaml` whose settlements are those
//! the chosen mappings can produce, placeholder staff, and one sector per group of the
//! classifier that the built-in presets map to.
//!
//! The sector list is shared by every preset: presets map their topics to codes of the
//! federal classifier, and each code they can produce lies under exactly one of these
//! sectors (a test checks it). So two data sets imported into one scratch repository land
//! in the same sectors, and every imported file passes `check`.

use super::{ImportError, Mapping};
use crate::config;
use crate::front_matter::{quote, scalar};
use crate::load;
use crate::messages::{self, Lang};
use chrono_tz::Tz;
use std::io::Write;
use std::path::{Path, PathBuf};

/// A sector of the scratch repository.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoSector {
    /// Its id and file stem.
    pub id: &'static str,
    /// Its title.
    pub title: &'static str,
    /// The classifier codes it handles.
    pub topics: &'static [&'static str],
}

/// The sectors of a scratch repository. Their topic lists do not overlap, and together
/// they cover every code that a built-in preset can produce.
pub const DEMO_SECTORS: &[DemoSector] = &[
    DemoSector {
        id: "roads",
        title: "Дороги и транспорт",
        topics: &["0003.0009.0096", "0003.0009.0099"],
    },
    DemoSector {
        id: "blago",
        title: "Благоустройство",
        topics: &["0003.0009.0097", "0003.0009.0104"],
    },
    DemoSector {
        id: "zhkh", title: "Жилищно-коммунальное хозяйство", topics: &["0005"]
    },
    DemoSector {
        id: "ecology", title: "Экология и животные", topics: &["0003.0011"]
    },
    DemoSector {
        id: "social",
        title: "Социальная поддержка, семья и занятость",
        topics: &["0002.0004", "0002.0006", "0002.0007"],
    },
    DemoSector {
        id: "health", title: "Здравоохранение и спорт", topics: &["0002.0014"]
    },
    DemoSector {
        id: "education", title: "Образование и культура", topics: &["0002.0013"]
    },
    DemoSector {
        id: "general",
        title: "Общие вопросы",
        topics: &["0001", "0003.0008", "0003.0010", "0003.0012", "0004"],
    },
];

/// Creates a scratch repository at `root` (which may exist but must not hold an
/// `otklik.yaml`) fit for importing with `mappings`, counting dates in `zone`. Returns
/// the files written.
///
/// Fails when `root` already has an `otklik.yaml` or a sector file of the same name, or
/// when a file cannot be written.
pub fn scaffold(root: &Path, mappings: &[&Mapping], zone: Tz) -> Result<Vec<PathBuf>, ImportError> {
    let mut settlements: Vec<String> = mappings.iter().flat_map(|m| m.localities()).collect();
    settlements.sort();
    settlements.dedup();
    let mut written = Vec::new();
    create_dir(&root.join(load::SECTORS))?;
    create_dir(&root.join(load::APPEALS))?;
    let config_path = root.join(config::FILE);
    write_new(&config_path, &config_text(&settlements, zone))?;
    written.push(config_path);
    for sector in DEMO_SECTORS {
        let path = root.join(load::SECTORS).join(format!("{}.md", sector.id));
        write_new(&path, &sector_text(sector))?;
        written.push(path);
    }
    Ok(written)
}

fn create_dir(path: &Path) -> Result<(), ImportError> {
    std::fs::create_dir_all(path)
        .map_err(|e| ImportError::ScratchIo { path: path.to_path_buf(), detail: e.to_string() })
}

fn write_new(path: &Path, text: &str) -> Result<(), ImportError> {
    let io = |e: std::io::Error| ImportError::ScratchIo {
        path: path.to_path_buf(),
        detail: e.to_string(),
    };
    let mut file = match std::fs::OpenOptions::new().write(true).create_new(true).open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(ImportError::ScratchExists { path: path.to_path_buf() });
        }
        Err(e) => return Err(io(e)),
    };
    file.write_all(text.as_bytes()).map_err(io)
}

fn config_text(settlements: &[String], zone: Tz) -> String {
    let lang = Lang::Ru;
    let list: Vec<String> = settlements.iter().map(|s| scalar(s)).collect();
    let mut staff = String::new();
    for (id, name) in [
        ("demo.curator", messages::scratch_role("curator")),
        ("demo.head", messages::scratch_role("head")),
        ("demo.coordinator", messages::scratch_role("coordinator")),
    ] {
        staff.push_str(&format!("  - {{ id: {id}, name: {} }}\n", quote(name.get(lang))));
    }
    for sector in DEMO_SECTORS {
        let name = messages::scratch_lead(sector.title);
        staff.push_str(&format!(
            "  - {{ id: {}.lead, name: {} }}\n",
            sector.id,
            quote(name.get(lang))
        ));
    }
    format!(
        "# {comment}\nmunicipality:\n  name: {name}\n  time_zone: {zone}\n  settlements: [{list}]\n\
         site:\n  title: {title}\n  language: ru\n\
         roles:\n  curator: demo.curator\n  head: demo.head\n  coordinator: demo.coordinator\n\
         staff:\n{staff}",
        comment = messages::scratch_comment().get(lang),
        name = quote(messages::scratch_name().get(lang)),
        zone = zone.name(),
        list = list.join(", "),
        title = quote(messages::scratch_title().get(lang)),
    )
}

fn sector_text(sector: &DemoSector) -> String {
    let topics: Vec<String> = sector.topics.iter().map(|t| quote(t)).collect();
    format!(
        "---\nid: {id}\ntitle: {title}\nlead: {id}.lead\npublic_items: true\ntopics: [{topics}]\n---\n{about}\n",
        id = sector.id,
        title = quote(sector.title),
        topics = topics.join(", "),
        about = messages::scratch_sector_about().get(Lang::Ru),
    )
}

//! A sector (отраслевой блок): its lead, members, the topics it handles and its public
//! description.

use crate::diagnostic::Diagnostic;
use crate::fields::FieldReader;
use crate::front_matter::{Checked, Located, Pos, field_set};
use crate::messages;
use std::collections::BTreeMap;

/// A sector of the administration.
#[derive(Debug, Clone, PartialEq)]
pub struct Sector {
    /// Short id, equal to the file stem.
    pub id: String,
    /// Repository-relative path.
    pub file: String,
    /// Display title.
    pub title: String,
    /// Staff id of the lead.
    pub lead: String,
    /// Staff ids of the members (the lead is a member too).
    pub members: Vec<String>,
    /// Whether items get public pages unless they say otherwise.
    pub public_items: bool,
    /// Classifier codes; a code covers its descendants.
    pub topics: Vec<String>,
    /// Markdown description for the public page.
    pub description: String,
    /// Where each field was written.
    pub places: BTreeMap<&'static str, Pos>,
}

impl Sector {
    /// Whether `topic` is one of this sector's codes or lies under one.
    pub fn handles(&self, topic: &str) -> bool {
        self.topics.iter().any(|t| covers(t, topic))
    }

    /// Whether `staff` is the lead or a member.
    pub fn has_member(&self, staff: &str) -> bool {
        self.lead == staff || self.members.iter().any(|m| m == staff)
    }

    /// Where `field` was written, or the top of the file.
    pub fn place(&self, field: &str) -> Pos {
        self.places.get(field).copied().unwrap_or(Pos::TOP)
    }
}

/// Whether classifier code `parent` is `child` or one of its ancestors.
pub fn covers(parent: &str, child: &str) -> bool {
    child == parent
        || (child.starts_with(parent) && child.as_bytes().get(parent.len()) == Some(&b'.'))
}

/// Whether `code` has the shape of a classifier code: groups of four digits joined by dots.
pub fn is_topic_code(code: &str) -> bool {
    code.split('.').all(|g| g.len() == 4 && g.bytes().all(|b| b.is_ascii_digit()))
}

field_set!(RawSector {
    id: String,
    title: String,
    lead: String,
    members: Vec<Located<String>>,
    public_items: String,
    topics: Vec<Located<String>>,
});

/// Reads a sector file. Returns the sector when its id and title could be read.
pub fn read(text: &str, file: &str, stem: &str) -> (Option<Sector>, Vec<Diagnostic>) {
    let mut r = FieldReader::new(file, chrono_tz::UTC);
    let Some((raw, body)) = r.front_matter::<Checked<RawSector>>(text) else {
        return (None, r.diagnostics);
    };
    r.unknown_fields(&raw);
    let f = raw.fields;
    let mut places = BTreeMap::new();
    for (name, at) in [
        ("id", f.id.as_ref().map(|x| x.at)),
        ("lead", f.lead.as_ref().map(|x| x.at)),
        ("members", f.members.as_ref().map(|x| x.at)),
        ("topics", f.topics.as_ref().map(|x| x.at)),
    ] {
        if let Some(at) = at {
            places.insert(name, at);
        }
    }
    let id = r.required_text(f.id, "id", Pos::TOP);
    if let Some(id) = &id
        && id.value != stem
    {
        r.error("id-mismatch", id.at, messages::sector_id_not_stem(&id.value, stem));
    }
    let title = r.required_text(f.title, "title", Pos::TOP);
    let lead = r.required_text(f.lead, "lead", Pos::TOP);
    let mut topics = Vec::new();
    for t in f.topics.map(|t| t.value).unwrap_or_default() {
        let code = t.value.trim().to_string();
        if is_topic_code(&code) {
            topics.push(code);
        } else {
            r.error("invalid-topic", t.at, messages::bad_topic_code(&code));
        }
    }
    let public_items = r.flag(f.public_items.as_ref(), "public_items").unwrap_or(true);
    let (Some(id), Some(title)) = (id, title) else { return (None, r.diagnostics) };
    let sector = Sector {
        id: id.value,
        file: file.to_string(),
        title: title.value,
        lead: lead.map(|l| l.value).unwrap_or_default(),
        members: f
            .members
            .map(|m| m.value.into_iter().map(|x| x.value.trim().to_string()).collect())
            .unwrap_or_default(),
        public_items,
        topics,
        description: body.to_string(),
        places,
    };
    (Some(sector), r.diagnostics)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_covers_its_descendants_only() {
        assert!(covers("0005.0005.0056", "0005.0005.0056.1154"));
        assert!(covers("0005.0005.0056", "0005.0005.0056"));
        assert!(!covers("0005.0005.0056", "0005.0005.00561"));
        assert!(!covers("0005.0005.0056.1154", "0005.0005.0056"));
    }

    #[test]
    fn a_sector_file_reads_with_its_description() {
        let text = "---\nid: roads\ntitle: Дороги\nlead: a\nmembers: [b]\ntopics: [0003.0009.0099]\n---\nДороги и мосты.\n";
        let (s, d) = read(text, "sectors/roads.md", "roads");
        assert!(d.is_empty(), "{d:?}");
        let s = s.unwrap();
        assert!(s.handles("0003.0009.0099.0742.0110"));
        assert!(s.has_member("a") && s.has_member("b"));
        assert_eq!(s.description, "Дороги и мосты.\n");
    }

    #[test]
    fn a_float_looking_code_is_kept_and_a_bad_one_reported() {
        let text = "---\nid: x\ntitle: X\nlead: a\ntopics: [0003.0009, 3.9]\n---\n";
        let (s, d) = read(text, "sectors/x.md", "x");
        assert_eq!(s.unwrap().topics, ["0003.0009"]);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, "invalid-topic");
        assert_eq!(d[0].at.unwrap().line, 5);
    }
}

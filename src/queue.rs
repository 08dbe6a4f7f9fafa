//! What needs doing now: open items that are overdue or due soon, most urgent first.

use crate::appeal::Appeal;
use crate::deadline::{Deadline, DeadlineState};
use crate::load::Repository;
use crate::messages::{self, Lang, Message};
use crate::register::Register;

/// Which items to list.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only this sector.
    pub sector: Option<String>,
    /// Only this assignee.
    pub assignee: Option<String>,
}

impl Filter {
    /// Checks that the sector and the assignee asked for exist. A typo would otherwise
    /// filter out everything and read as "nothing is overdue", the one answer that must
    /// never be given by mistake.
    ///
    /// Fails with a message naming the unknown id and listing the known ones.
    pub fn check(&self, repo: &Repository) -> Result<(), Message> {
        if let Some(sector) = &self.sector
            && repo.sector(sector).is_none()
        {
            let known: Vec<&str> = repo.sectors.iter().map(|s| s.id.as_str()).collect();
            return Err(messages::unknown_sector_filter(sector, &known));
        }
        if let Some(assignee) = &self.assignee
            && repo.config.staff_member(assignee).is_none()
        {
            let known: Vec<&str> = repo.config.staff.iter().map(|s| s.id.as_str()).collect();
            return Err(messages::unknown_assignee_filter(assignee, &known));
        }
        Ok(())
    }

    fn admits(&self, a: &Appeal) -> bool {
        self.sector.as_ref().is_none_or(|s| *s == a.sector)
            && self.assignee.as_ref().is_none_or(|s| a.assignee.as_ref() == Some(s))
    }
}

/// Overdue and due-soon open items, the earliest deadline first, then by id.
pub fn urgent<'a>(register: &'a Register, filter: &Filter) -> Vec<(&'a Appeal, &'a Deadline)> {
    let mut items: Vec<_> = register
        .repo
        .appeals
        .iter()
        .zip(&register.deadlines)
        .filter(|(a, d)| {
            matches!(d.state, DeadlineState::Overdue | DeadlineState::DueSoon) && filter.admits(a)
        })
        .collect();
    items.sort_by(|(a, x), (b, y)| x.due.day().cmp(&y.due.day()).then_with(|| a.id.cmp(&b.id)));
    items
}

/// A plain-text table of the queue for the terminal.
pub fn table(items: &[(&Appeal, &Deadline)], lang: Lang) -> String {
    let (head, empty) = match lang {
        Lang::Ru => {
            (["номер", "срок", "состояние", "блок", "исполнитель"], "Просроченных и срочных нет.\n")
        }
        Lang::En => {
            (["id", "due", "state", "sector", "assignee"], "Nothing overdue or due soon.\n")
        }
    };
    if items.is_empty() {
        return empty.to_string();
    }
    let rows: Vec<[String; 5]> = items
        .iter()
        .map(|(a, d)| {
            [
                a.id.clone(),
                d.due.text(),
                d.state.label().get(lang).to_string(),
                a.sector.clone(),
                a.assignee.clone().unwrap_or_else(|| "—".into()),
            ]
        })
        .collect();
    let mut widths = head.map(|h| h.chars().count());
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: [&str; 5]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w - c.chars().count())))
            .collect();
        padded.join("  ").trim_end().to_string() + "\n"
    };
    let mut out = line(head);
    for row in &rows {
        out.push_str(&line([&row[0], &row[1], &row[2], &row[3], &row[4]]));
    }
    out
}

//! The theme: templates and static files. The default theme is embedded in the binary; a
//! theme folder on disk (`themes/<name>/` of the repository) overrides it file by file, so
//! a municipality can change one template and keep the rest.
//!
//! Layout of a theme folder: `shared/` (base layout, components, partials used by both
//! sites), `public/` and `internal/` (one template per kind of page), `static/` (copied to
//! `assets/` of each site).

use super::RenderError;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tera::Tera;

macro_rules! embedded {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../themes/default/", $name)))),*]
    };
}

/// The default theme's templates, by name.
const TEMPLATES: &[(&str, &str)] = embedded!(
    "shared/base.html",
    "shared/components.html",
    "shared/dashboard.html",
    "shared/appeal_facts.html",
    "shared/sector_body.html",
    "shared/lookup_index.html",
    "shared/lookup_year.html",
    "shared/lookup_range.html",
    "shared/analytics.html",
    "public/index.html",
    "public/appeals.html",
    "public/appeal.html",
    "public/sector.html",
    "public/timeline.html",
    "internal/index.html",
    "internal/appeals.html",
    "internal/appeal.html",
    "internal/sector.html",
    "internal/queues.html",
    "internal/report.html",
    "internal/timeline.html",
);

/// The default theme's static files, by name under `static/`.
const STATICS: &[(&str, &str)] = &[
    ("style.css", include_str!("../../themes/default/static/style.css")),
    ("lookup.js", include_str!("../../themes/default/static/lookup.js")),
    ("search.js", include_str!("../../themes/default/static/search.js")),
];

/// Folders of a theme that hold templates.
const TEMPLATE_FOLDERS: [&str; 3] = ["shared", "public", "internal"];

/// Largest theme file read from disk, in bytes.
const MAX_THEME_FILE: u64 = 1024 * 1024;

/// A loaded theme.
pub struct Theme {
    /// Parsed templates.
    pub tera: Tera,
    /// Static files by name, written to `assets/`.
    pub statics: BTreeMap<String, Vec<u8>>,
}

/// Loads the embedded default theme, overridden file by file by `dir` when given.
///
/// Fails when a file of `dir` cannot be read, or a template does not parse or refers to a
/// template, block or component that does not exist; the error names the file.
pub fn load(dir: Option<&Path>) -> Result<Theme, RenderError> {
    let mut templates: BTreeMap<String, (String, Option<PathBuf>)> =
        TEMPLATES.iter().map(|(n, c)| (n.to_string(), (c.to_string(), None))).collect();
    let mut statics: BTreeMap<String, Vec<u8>> =
        STATICS.iter().map(|(n, c)| (n.to_string(), c.as_bytes().to_vec())).collect();
    if let Some(dir) = dir {
        for folder in TEMPLATE_FOLDERS {
            for (name, path) in files(dir, folder)? {
                if name.ends_with(".html") {
                    let text = read(&path)?;
                    let text = String::from_utf8(text).map_err(|_| RenderError::Theme {
                        path: path.clone(),
                        detail: "not UTF-8".into(),
                    })?;
                    templates.insert(format!("{folder}/{name}"), (text, Some(path)));
                }
            }
        }
        for (name, path) in files(dir, "static")? {
            statics.insert(name, read(&path)?);
        }
    }
    let mut tera = Tera::new();
    tera.register_filter("period", |text: &str, _: tera::Kwargs, _: &tera::State| period(text));
    tera.add_raw_templates(templates.iter().map(|(n, (c, _))| (n.as_str(), c.as_str()))).map_err(
        |e| {
            let template = failing_template(&e).unwrap_or_default();
            let shown = templates
                .get(&template)
                .and_then(|(_, p)| p.as_ref())
                .map_or(template.clone(), |p| p.display().to_string());
            RenderError::Template { template: shown, detail: e.to_string() }
        },
    )?;
    Ok(Theme { tera, statics })
}

/// `text` ending in one full stop: «… 2026 г.» stays as it is, «… 2026» gets one.
/// Templates use it as the `period` filter after dates, whose Russian form ends in «г.».
pub fn period(text: &str) -> String {
    let trimmed = text.trim_end();
    if trimmed.ends_with(['.', '!', '?', '…']) {
        trimmed.to_string()
    } else {
        format!("{trimmed}.")
    }
}

/// Files under `dir/folder`, recursively, sorted, with names relative to that folder
/// (`/`-separated). A missing folder has no files.
fn files(dir: &Path, folder: &str) -> Result<Vec<(String, PathBuf)>, RenderError> {
    let root = dir.join(folder);
    if !root.is_dir() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(&root).sort_by_file_name() {
        let entry = entry.map_err(|e| RenderError::Theme {
            path: e.path().map_or_else(|| root.clone(), Path::to_path_buf),
            detail: e.to_string(),
        })?;
        if entry.file_type().is_file() {
            let name = crate::load::relative(&root, entry.path());
            if !name.split('/').any(|part| part.starts_with('.')) {
                out.push((name, entry.path().to_path_buf()));
            }
        }
    }
    Ok(out)
}

fn read(path: &Path) -> Result<Vec<u8>, RenderError> {
    let io =
        |e: std::io::Error| RenderError::Theme { path: path.to_path_buf(), detail: e.to_string() };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > MAX_THEME_FILE {
        return Err(RenderError::Theme {
            path: path.to_path_buf(),
            detail: format!("larger than {} KiB", MAX_THEME_FILE / 1024),
        });
    }
    std::fs::read(path).map_err(io)
}

/// The template a tera error is about, when it says.
pub fn failing_template(e: &tera::Error) -> Option<String> {
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            Some(r.filename().to_string())
        }
        tera::ErrorKind::MissingParent { current, .. } => Some(current.clone()),
        tera::ErrorKind::CircularExtend { tpl, .. }
        | tera::ErrorKind::CircularInclude { tpl, .. } => Some(tpl.clone()),
        tera::ErrorKind::TemplateNotFound(name) => Some(name.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_ends_in_one_full_stop() {
        assert_eq!(period("6 марта 2026 г."), "6 марта 2026 г.");
        assert_eq!(period("6 March 2026"), "6 March 2026.");
    }

    #[test]
    fn the_embedded_theme_parses() {
        let theme = load(None).unwrap();
        assert!(theme.tera.get_template_names().any(|n| n == "public/appeal.html"));
        assert!(theme.statics.contains_key("style.css"));
    }

    #[test]
    fn a_template_on_disk_overrides_the_embedded_one_and_the_rest_stays() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("public")).unwrap();
        std::fs::write(dir.path().join("public/appeal.html"), "ITEM {{ item.id }}").unwrap();
        let theme = load(Some(dir.path())).unwrap();
        let mut ctx = tera::Context::new();
        ctx.insert("item", &serde_json::json!({"id": "2026-0001"}));
        assert_eq!(theme.tera.render("public/appeal.html", &ctx).unwrap(), "ITEM 2026-0001");
        assert!(theme.tera.get_template_names().any(|n| n == "shared/base.html"));
    }

    #[test]
    fn a_broken_template_on_disk_is_named_in_the_error() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("shared")).unwrap();
        std::fs::write(dir.path().join("shared/base.html"), "{% if %}").unwrap();
        let err = load(Some(dir.path())).err().expect("the theme must not load");
        match err {
            RenderError::Template { template, .. } => {
                assert!(template.ends_with("base.html"), "{template}")
            }
            other => panic!("{other:?}"),
        }
    }
}

//! Only what the app reaches of its npm packages is kept: the files of the components the
//! component graph reached, the templates, stylesheets and WXS modules they import, and the
//! assets those name. Scripts stay for the script unit, which keeps the modules its graph
//! reaches; a component that is never used costs nothing in the output.

use std::collections::BTreeSet;

use crate::source::FileSet;

/// Whether `path` is inside a `miniprogram_npm` folder.
pub fn is_npm(path: &str) -> bool {
    path.split('/').any(|s| s == "miniprogram_npm")
}

/// Drops the files of npm packages that nothing reaches, starting from `roots` (the files of
/// the pages and components loaded) and every template, stylesheet and WXS file of the app.
pub fn prune<'a>(files: &mut FileSet, roots: impl IntoIterator<Item = &'a str>) {
    if !files.paths().any(is_npm) {
        return;
    }
    let mut kept: BTreeSet<String> = BTreeSet::new();
    let mut work: Vec<String> = files
        .paths()
        .filter(|p| !is_npm(p) && is_view_file(p))
        .map(str::to_string)
        .collect();
    for root in roots {
        if is_npm(root) && kept.insert(root.to_string()) {
            work.push(root.to_string());
        }
    }
    while let Some(path) = work.pop() {
        let Some(text) = files.text(&path) else {
            continue;
        };
        for found in references(&path, text) {
            if files.contains(&found) && is_npm(&found) && kept.insert(found.clone()) {
                work.push(found);
            }
        }
    }
    let named: Vec<&str> = kept
        .iter()
        .filter(|p| !p.ends_with(".json"))
        .filter_map(|p| files.text(p))
        .chain(
            files
                .iter()
                .filter(|(p, _)| is_npm(p) && is_script(p))
                .filter_map(|(p, _)| files.text(p)),
        )
        .collect();
    let dropped: BTreeSet<String> = files
        .paths()
        .filter(|p| is_npm(p) && !kept.contains(*p) && !is_script(p) && !p.ends_with(".json"))
        .filter(|p| {
            let name = p.rsplit('/').next().unwrap_or(p);
            is_view_file(p) || !named.iter().any(|text| text.contains(name))
        })
        .map(str::to_string)
        .collect();
    files.retain(|p| !dropped.contains(p));
}

fn is_view_file(path: &str) -> bool {
    [".wxml", ".wxss", ".wxs"].iter().any(|e| path.ends_with(e))
}

fn is_script(path: &str) -> bool {
    [".js", ".ts", ".mjs", ".cjs"]
        .iter()
        .any(|e| path.ends_with(e))
}

/// The files `text` (the file `path`) refers to: `<import>`/`<include>`/`<wxs>` sources of a
/// template, `@import`s of a stylesheet, `require`s of WXS.
pub fn references(path: &str, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut add = |spec: &str, default_ext: &str| {
        if let Some(mut p) = FileSet::resolve(path, spec.trim()) {
            let css = default_ext == ".wxss" && p.ends_with(".css");
            if !p.ends_with(default_ext) && !css {
                p.push_str(default_ext);
            }
            out.push(p);
        }
    };
    if path.ends_with(".wxml") {
        for tag in ["<import", "<include", "<wxs"] {
            for (at, _) in text.match_indices(tag) {
                let rest = &text[at..];
                let head = &rest[..rest.find('>').unwrap_or(rest.len())];
                if let Some(spec) = attribute(head, "src") {
                    let ext = if tag == "<wxs" { ".wxs" } else { ".wxml" };
                    add(spec, ext);
                }
            }
        }
    } else if path.ends_with(".wxss") {
        for (at, _) in text.match_indices("@import") {
            let rest = text[at + "@import".len()..].trim_start();
            let rest = rest.strip_prefix("url(").unwrap_or(rest).trim_start();
            if let Some(spec) = quoted(rest) {
                add(spec, ".wxss");
            }
        }
    } else if path.ends_with(".wxs") {
        for (at, _) in text.match_indices("require(") {
            if let Some(spec) = quoted(text[at + "require(".len()..].trim_start()) {
                add(spec, ".wxs");
            }
        }
    }
    out
}

/// The value of `name="…"` (or `'…'`) in a start tag's text.
fn attribute<'t>(head: &'t str, name: &str) -> Option<&'t str> {
    let mut from = 0;
    while let Some(i) = head[from..].find(name) {
        let at = from + i;
        from = at + name.len();
        let before = head[..at].chars().next_back();
        if !before.is_some_and(char::is_whitespace) {
            continue;
        }
        let rest = head[from..].trim_start();
        if let Some(rest) = rest.strip_prefix('=') {
            return quoted(rest.trim_start());
        }
    }
    None
}

/// The text between the quotes that open `text`.
fn quoted(text: &str) -> Option<&str> {
    let quote = text.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let rest = &text[1..];
    rest.find(quote).map(|end| &rest[..end])
}

//! What must hold of every input, per fuzz target: no panic, every diagnostic's span slices the
//! file it names, no internal error, nothing referenced or written outside the root. Shared by
//! the in-repo harness and the cargo-fuzz targets (`fuzz/fuzz_targets/`, which include this
//! file), so both modes check the same things.

use miniport::source::{codes, Diagnostic, FileSet};
use miniport::style::{self, Isolation, Plugins, SheetKind, SheetOptions};
use miniport::template::parse::ast::{Node, Part, Value};
use miniport::{Options, Target};

/// Every diagnostic names a file of `files` when it has a span, and the span slices that
/// file's text on character boundaries; none is an internal error (a caught panic).
pub fn diagnostics_slice_their_files(files: &FileSet, diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        assert_ne!(d.code, codes::PROJECT_INTERNAL_ERROR.name, "{d:?}");
        if let Some(span) = &d.span {
            let file = d
                .file
                .as_deref()
                .unwrap_or_else(|| panic!("a span without a file: {d:?}"));
            let text = files.text(file).unwrap_or_else(|| {
                panic!("a span in `{file}`, which is not a text of the set: {d:?}")
            });
            assert!(
                text.get(span.clone()).is_some(),
                "span {span:?} does not slice `{file}` ({} bytes): {d:?}",
                text.len()
            );
        }
    }
}

/// `path` is a normalized path inside the root: relative, `/`-separated, no empty, `.` or `..`
/// segment, no backslash or NUL.
pub fn inside_root(path: &str) {
    assert!(
        !path.is_empty()
            && !path.starts_with('/')
            && !path.contains('\\')
            && !path.contains('\0')
            && path
                .split('/')
                .all(|s| !s.is_empty() && s != "." && s != ".."),
        "`{path}` is not a path inside the root"
    );
}

fn check_value(source: &str, value: &Value) {
    assert_eq!(source.get(value.span.clone()), Some(value.raw.as_str()));
    for part in &value.parts {
        match part {
            Part::Static { text, span } => {
                assert_eq!(source.get(span.clone()), Some(text.as_str()))
            }
            Part::Binding { expr, span } => {
                let binding = source.get(span.clone()).expect("binding span");
                assert!(
                    binding.starts_with("{{") && binding.ends_with("}}"),
                    "{binding:?}"
                );
                assert!(expr.span.start >= span.start && expr.span.end <= span.end);
                assert!(source.get(expr.span.clone()).is_some());
            }
        }
    }
}

fn check_nodes(source: &str, nodes: &[Node]) {
    for node in nodes {
        match node {
            Node::Element(e) => {
                assert_eq!(source.get(e.name_span.clone()), Some(e.name.as_str()));
                assert!(source.get(e.span.clone()).is_some());
                assert!(source
                    .get(e.start_tag.clone())
                    .is_some_and(|t| t.starts_with('<')));
                for a in &e.attributes {
                    assert_eq!(source.get(a.name_span.clone()), Some(a.name.as_str()));
                    if let Some(v) = &a.value {
                        check_value(source, v);
                    }
                }
                check_nodes(source, &e.children);
            }
            Node::Text(t) => check_value(source, &t.value),
            Node::Comment(c) => assert!(source.get(c.span.clone()).is_some()),
        }
    }
}

/// The WXML parser: element, attribute, text and binding spans slice the source to what they
/// hold; every diagnostic has a span that slices it.
pub fn wxml(source: &str) {
    let parsed = miniport::template::parse::parse("f.wxml", source);
    check_nodes(source, &parsed.template.children);
    for d in &parsed.diagnostics {
        let span = d.span.clone().expect("every diagnostic has a span");
        assert!(source.get(span).is_some(), "{d:?}");
    }
}

/// The expression parser: the span of the result or of the error stays inside the input.
pub fn expression(source: &str) {
    let offset = 3;
    let span = match miniport::template::parse::parse_expression(source, offset) {
        Ok(expr) => expr.span,
        Err(error) => error.span,
    };
    assert!(span.start >= offset && span.end <= offset + source.len() && span.start <= span.end);
    let _ = miniport::template::parse::parse_object_body(source, offset);
}

/// The WXSS compiler, on `source` as `pages/a/a.wxss` beside the sheets `imports` (path,
/// text) it may `@import`, compiled as the app's, a page's and a component's sheet: every
/// diagnostic slices its file, every asset is inside the root.
pub fn wxss(source: &str, imports: &[(&str, &str)]) {
    let mut files = FileSet::new();
    for (path, text) in imports {
        files.insert(path, text.as_bytes());
    }
    let path = "pages/a/a.wxss";
    files.insert(path, source.as_bytes());
    let kinds = [
        SheetKind::App,
        SheetKind::Page { route: "pages/a/a" },
        SheetKind::Component {
            path: "pages/a/a",
            isolation: Isolation::Isolated,
        },
    ];
    for (i, kind) in kinds.into_iter().enumerate() {
        let options = SheetOptions {
            kind,
            minify: i == 2,
            plugins: Plugins::default(),
        };
        let sheet = style::compile(&files, path, "pages/a/a.css", &options);
        diagnostics_slice_their_files(&files, &sheet.diagnostics);
        for asset in &sheet.assets {
            inside_root(asset);
        }
    }
}

/// WXS: the checker and the compiler on `source` as `utils/f.wxs` (beside `others`, which it
/// may `require`); every diagnostic slices its file, every required path is inside the root.
pub fn wxs(source: &str, others: &[(&str, &str)]) {
    let mut files = FileSet::new();
    for (path, text) in others {
        files.insert(path, text.as_bytes());
    }
    let path = "utils/f.wxs";
    files.insert(path, source.as_bytes());
    diagnostics_slice_their_files(&files, &miniport::wxs::check_wxs(path, source, 0));
    let compiled = miniport::wxs::compile_wxs(path, source, 0, &files);
    diagnostics_slice_their_files(&files, &compiled.diagnostics);
}

/// The script pipeline on a whole project (`files`, with an `app.json`): every diagnostic
/// slices its file, every module is a path inside the root.
pub fn scripts(files: FileSet) {
    let Ok(project) = miniport::project::load(files) else {
        return;
    };
    let scripts = miniport::script::compile(&project, &miniport::script::ScriptOptions::default());
    diagnostics_slice_their_files(&project.files, &scripts.diagnostics);
    for (module, source) in &scripts.modules {
        inside_root(module);
        inside_root(source);
    }
}

/// The whole conversion for `target`: it returns, every output path is inside the output
/// folder, every diagnostic slices its file, and the JSON report renders.
pub fn convert(files: FileSet, target: Target) {
    let options = Options {
        target,
        ..Options::default()
    };
    let Ok(conversion) = miniport::convert(files, &options) else {
        return;
    };
    for path in conversion.output.files.keys() {
        inside_root(path);
    }
    diagnostics_slice_their_files(&conversion.files, &conversion.diagnostics);
    assert!(conversion.diagnostics_json().starts_with('['));
}

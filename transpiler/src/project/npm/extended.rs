//! `useExtendedLib: { weui: true }`: WeChat's weui extended library, from `--extended-lib` or
//! the nearest `node_modules`, into the root's `miniprogram_npm`, with weui's stylesheet made
//! the app's as WeChat provides it.

use serde_json::Value;

use super::{installed, located, pack, ExtendedLib};
use crate::project::read::{EXTENDED_LIB_DIR, WEUI_PACKAGE};
use crate::source::{codes, Diagnostic, FileSet, Step};

/// `useExtendedLib.weui`: `weui-miniprogram` from `--extended-lib`, else from the nearest
/// `node_modules`, into the root's `miniprogram_npm`; one diagnostic at the key without it.
pub(super) fn extended_lib(
    given: &FileSet,
    root: &str,
    files: &mut FileSet,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<ExtendedLib> {
    let text = files.text("app.json")?;
    let app: Value = serde_json::from_str(text).ok()?;
    if app.pointer("/useExtendedLib/weui").and_then(Value::as_bool) != Some(true) {
        return None;
    }
    let target = format!("miniprogram_npm/{WEUI_PACKAGE}");
    let version = |manifest: Option<&str>| {
        manifest
            .and_then(|t| serde_json::from_str::<Value>(t).ok())
            .and_then(|m| m.get("version").and_then(Value::as_str).map(str::to_string))
    };
    let explicit = format!("{EXTENDED_LIB_DIR}/{WEUI_PACKAGE}");
    let (weui, source) = if given.contains(&format!("{explicit}/package.json")) {
        ("--extended-lib", Some(explicit))
    } else if files.paths().any(|p| p.starts_with(&format!("{target}/"))) {
        return Some(ExtendedLib {
            weui: "miniprogram_npm",
            version: None,
        });
    } else {
        ("node_modules", installed(given, root, WEUI_PACKAGE))
    };
    let Some(source) = source else {
        let span = crate::source::locate(text, &[Step::key("useExtendedLib"), Step::key("weui")])
            .and_then(|l| l.key);
        diagnostics.push(located(
            Diagnostic::of(
                codes::PROJECT_MISSING_EXTENDED_LIB,
                "`useExtendedLib` turns on weui, but `weui-miniprogram` is not installed",
            )
            .in_file("app.json")
            .with_label("WeChat provides this library; miniport needs its files")
            .with_hint(format!(
                "run `npm install --save-dev {WEUI_PACKAGE}` beside app.json, or give its folder with `miniport convert --extended-lib <dir>`"
            )),
            span,
        ));
        return None;
    };
    let manifest_text = given.text(&format!("{source}/package.json"));
    let manifest = manifest_text
        .and_then(|t| serde_json::from_str::<Value>(t).ok())
        .unwrap_or(Value::Null);
    pack(given, &source, &manifest, &target, files);
    provide_weui_styles(files);
    Some(ExtendedLib {
        weui,
        version: version(manifest_text),
    })
}

/// WeChat gives an app that uses the weui extended library weui's stylesheet without an
/// `@import` in `app.wxss` (the `mp-*` components share the app's styles): the import is put
/// in front of the in-memory `app.wxss`, on its first line so line numbers stay the same.
fn provide_weui_styles(files: &mut FileSet) {
    const STYLE: &str = "weui-wxss/dist/style/weui.wxss";
    let sheet = format!("miniprogram_npm/{WEUI_PACKAGE}/{STYLE}");
    if !files.contains(&sheet) {
        return;
    }
    let own = files.text("app.wxss").unwrap_or_default();
    if own.contains(STYLE) {
        return;
    }
    let text = format!("@import \"/{sheet}\";{own}");
    files.insert("app.wxss", text);
}
